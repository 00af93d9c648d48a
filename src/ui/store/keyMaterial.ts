// From the inspector's inputs to the engine's KeyMaterial. Each input is opened on its own first,
// so a bad one gets its typed error next to its field (a wrong PKCS#12 password says
// PKCS12_BAD_PASSWORD under the PKCS#12 file, not somewhere in the report).

import { checkXml, fromBase64, importPkcs12, importPrivateKeyPem, parseCertificate } from '../../engine/index.ts';
import type { KeyMaterial } from '../../engine/index.ts';
import type { FieldError, KeyField, KeyInputs, SecretInputs } from './types.ts';

export interface CheckedInputs {
  material: KeyMaterial;
  errors: Partial<Record<KeyField, FieldError>>;
  notes: Partial<Record<KeyField, string>>;
}

/** Any thrown value as a typed error: engine errors carry a stable `code`. */
export function fieldErrorOf(e: unknown, prefix = ''): FieldError {
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'ERROR';
  const message = e instanceof Error ? e.message : String(e);
  return { code, message: prefix + message };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The certificates in a text: its PEM blocks, or the whole text (base64 DER) when it has none. */
export function certificateBlocks(text: string): string[] {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => m[0]);
  if (blocks.length > 0) return blocks;
  return text.trim() ? [text.trim()] : [];
}

async function checkCertificates(text: string): Promise<{ pems: string[]; note: string } | FieldError> {
  const pems = certificateBlocks(text);
  const subjects: string[] = [];
  for (const [i, pem] of pems.entries()) {
    try {
      subjects.push((await parseCertificate(pem)).subject);
    } catch (e) {
      return fieldErrorOf(e, pems.length > 1 ? `Certificate ${i + 1}: ` : '');
    }
  }
  return { pems, note: subjects.join('; ') };
}

async function checkPkcs12(file: NonNullable<SecretInputs['pkcs12']>, password: string): Promise<string> {
  const { certs } = await importPkcs12(fromBase64(file.base64, 'the PKCS#12 file'), password);
  const own = certs[0];
  return `${file.fileName}: private key${own ? ` for ${own.subject}` : ''} and ${certs.length} certificate(s)`;
}

type Check = (into: CheckedInputs) => Promise<void>;

/** Runs one field's check; a throw becomes that field's error. */
async function field(into: CheckedInputs, name: KeyField, run: () => Promise<string | undefined> | string | undefined): Promise<void> {
  try {
    const note = await run();
    if (note) into.notes[name] = note;
  } catch (e) {
    into.errors[name] = fieldErrorOf(e);
  }
}

function checks(keys: KeyInputs, secrets: SecretInputs): Check[] {
  return [
    async (into) => {
      if (!keys.certificates.trim()) return;
      const r = await checkCertificates(keys.certificates);
      if ('code' in r) into.errors.certificates = r;
      else {
        into.material.certificates = r.pems;
        into.notes.certificates = r.note;
      }
    },
    (into) => field(into, 'certificate', async () => {
      if (!keys.certificate.trim()) return undefined;
      const info = await parseCertificate(keys.certificate);
      into.material.certificate = keys.certificate;
      return info.subject;
    }),
    (into) => field(into, 'privateKey', () => {
      if (!secrets.privateKey.trim()) return undefined;
      importPrivateKeyPem(secrets.privateKey);
      into.material.privateKey = secrets.privateKey;
      return 'RSA private key';
    }),
    (into) => field(into, 'pkcs12', async () => {
      if (!secrets.pkcs12) return undefined;
      const note = await checkPkcs12(secrets.pkcs12, secrets.pkcs12Password);
      into.material.pkcs12 = { base64: secrets.pkcs12.base64, password: secrets.pkcs12Password };
      return note;
    }),
    (into) => field(into, 'secret', () => {
      if (!secrets.secret.trim()) return undefined;
      const bytes = fromBase64(secrets.secret, 'the secret');
      into.material.secrets = { [keys.secretId.trim() || '*']: secrets.secret.trim() };
      return `${bytes.length} bytes${keys.secretId.trim() ? ` for ${keys.secretId.trim()}` : ' for any token'}`;
    }),
    (into) => field(into, 'user', () => {
      if (!keys.user.trim() && !secrets.password) return undefined;
      if (!keys.user.trim()) throw Object.assign(new Error('Expected the user name the password belongs to; found none'), { code: 'UT_USER_MISSING' });
      into.material.users = { [keys.user.trim()]: secrets.password };
      return undefined;
    }),
  ];
}

/** Opens every input; the material holds the ones that opened. */
export async function checkKeyInputs(keys: KeyInputs, secrets: SecretInputs): Promise<CheckedInputs> {
  const into: CheckedInputs = { material: {}, errors: {}, notes: {} };
  for (const check of checks(keys, secrets)) await check(into);
  return into;
}

/** The message's well-formedness as a field error (with the parser's line and column), or null. */
export function messageError(text: string): FieldError | null {
  if (!text.trim()) return { code: 'XML_EMPTY', message: 'Expected a SOAP message: paste one, drop a file on the editor, or take the scenario step' };
  const r = checkXml(text);
  return r.ok ? null : { code: 'XML_MALFORMED', message: r.message };
}

/** The Created time of the message's wsu:Timestamp (ms), for checking it at the time it was sent. */
export function messageTime(text: string): number | null {
  const m = /<(?:[\w.-]+:)?Timestamp\b[\s\S]*?<(?:[\w.-]+:)?Created\b[^>]*>\s*([^<\s]+)\s*</.exec(text);
  const t = m?.[1] ? Date.parse(m[1]) : NaN;
  return Number.isNaN(t) ? null : t;
}
