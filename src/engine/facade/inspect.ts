// The inspector (DESIGN.md §3): any SOAP message, processed as a recipient would with the key
// material the user gives — every signature verified (per-reference canonical bytes and digests),
// every EncryptedKey/EncryptedData it has keys for decrypted (key chain and plaintext), every
// UsernameToken checked — and no policy, so nothing is refused for what it lacks.

import type { Element } from '@xmldom/xmldom';
import { fromBase64 } from '../crypto/encoding.ts';
import { importPrivateKeyPem, type RsaPrivateKey } from '../crypto/keys.ts';
import { importPkcs12 } from '../crypto/pkcs12.ts';
import { parseCertificate, type CertInfo } from '../crypto/x509.ts';
import { findSignatures, referencedElements } from '../dsig/index.ts';
import { checkFromError, makeReport, type Check } from '../report/index.ts';
import { readEnvelope } from '../soap/envelope.ts';
import { readAddressing, checkAddressing } from '../wsa/headers.ts';
import { processSecurity } from '../wss/inbound.ts';
import { nodePosition, nodePath } from '../xml/path.ts';
import { parseXml } from '../xml/parse.ts';
import { idOf } from '../xml/ids.ts';
import { findEncryptedParts } from '../xenc/index.ts';
import type { Inspection, KeyMaterial, PartMarker } from './inspect_types.ts';

interface LoadedKeys {
  certs: CertInfo[];
  identity?: { privateKey: RsaPrivateKey; certificate?: CertInfo };
  secrets: Map<string, Uint8Array>;
}

async function loadKeys(k: KeyMaterial): Promise<LoadedKeys> {
  const certs = await Promise.all((k.certificates ?? []).filter((c) => c.trim()).map((c) => parseCertificate(c)));
  let privateKey = k.privateKey?.trim() ? importPrivateKeyPem(k.privateKey) : undefined;
  let certificate = k.certificate?.trim() ? await parseCertificate(k.certificate) : undefined;
  if (k.pkcs12) {
    const p12 = await importPkcs12(fromBase64(k.pkcs12.base64, 'PKCS#12 file'), k.pkcs12.password);
    privateKey = p12.key;
    certificate = p12.certs[0] ?? certificate;
    certs.push(...p12.certs.slice(1));
  }
  const secrets = new Map(Object.entries(k.secrets ?? {}).map(([id, b64]) => [id, fromBase64(b64, `secret for ${id}`)] as const));
  const out: LoadedKeys = { certs, secrets };
  if (privateKey) out.identity = certificate ? { privateKey, certificate } : { privateKey };
  return out;
}

/** Processes `wire` with the given keys; unusable input becomes one failed check. */
export async function inspectMessage(wire: string, keys: KeyMaterial, opts: { now?: number } = {}): Promise<Inspection> {
  const checks: Check[] = [];
  let parts: PartMarker[] = [];
  try {
    parts = messageParts(wire);
    const loaded = await loadKeys(keys);
    const { parts: env, checks: envChecks } = readEnvelope(parseXml(wire));
    checks.push(...envChecks);
    if (env) {
      checks.push(...checkAddressing(readAddressing(env.headerBlocks)).filter((c) => c.status !== 'warn'));
      const sec = await processSecurity(env, { spVersion: '1.3', binding: null, supporting: [], wss: '1.1' }, {
        users: keys.users ?? {}, now: opts.now ?? Date.now(), freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: 'https',
        knownCerts: loaded.certs, secrets: loaded.secrets, guessKeys: true, ...(loaded.identity ? { identity: loaded.identity } : {}),
      });
      checks.push(...sec.checks);
    }
  } catch (e) {
    checks.push(checkFromError(e));
  }
  const decrypted = checks.find((c) => c.code === 'WSS_DECRYPTED_MESSAGE')?.details?.['document'];
  return { report: makeReport('inspector', checks), parts, decrypted: typeof decrypted === 'string' ? decrypted : null };
}

function marker(kind: PartMarker['kind'], el: Element, by: string, ref: string): PartMarker {
  const pos = nodePosition(el) ?? { line: 1, column: 1 };
  return { kind, path: nodePath(el), line: pos.line, column: pos.column, by, ref };
}

/** Signed and encrypted parts of a wire text, for marking them (no keys needed; [] if unparsable). */
export function messageParts(wire: string): PartMarker[] {
  let doc;
  try {
    doc = parseXml(wire);
  } catch {
    return [];
  }
  const out: PartMarker[] = [];
  for (const p of findEncryptedParts(doc)) out.push(marker('encrypted', p.element, p.algorithm ?? p.kind, p.id ?? ''));
  for (const sig of findSignatures(doc)) {
    const by = nodePath(sig);
    for (const el of referencedElements(sig)) out.push(marker('signed', el, by, `#${idOf(el) ?? ''}`));
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
