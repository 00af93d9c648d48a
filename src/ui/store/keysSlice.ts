// The Keys panel: the demo PKI the scenarios use (builtinDemoPki), a freshly generated one, and
// imported PEM / PKCS#12 / DER files. Whatever is picked or imported fills the inspector's key
// inputs. Nothing here is saved: it holds private keys.

import { builtinDemoPki, generateDemoPki, importPkcs12, importPrivateKeyPem, parseCertificate, toBase64 } from '../../engine/index.ts';
import type { CertInfo, DemoPki } from '../../engine/index.ts';
import { certificateBlocks, fieldErrorOf } from './keyMaterial.ts';
import type { KeysSlice, PkiEntry, SliceCreator, StoreState } from './types.ts';

type Set = Parameters<SliceCreator<KeysSlice>>[0];

function entryOf(name: string, role: string, cert: CertInfo, keyPem: string, keyIn: PkiEntry['keyIn']): PkiEntry {
  return {
    name, role, subject: cert.subject, issuer: cert.issuer, serialHex: cert.serialHex, thumbprintSha1: cert.thumbprintSha1,
    ski: cert.ski, notBefore: cert.notBefore, notAfter: cert.notAfter, certPem: cert.pem, keyPem, keyIn,
  };
}

function entriesOf(pki: DemoPki): PkiEntry[] {
  return Object.values(pki).map((id) => entryOf(id.name, id.role, id.cert, id.keyPem, 'pem'));
}

/** Adds a certificate to the inspector's known certificates, once. */
function withCertificate(list: string, pem: string): string {
  if (certificateBlocks(list).some((b) => b.replace(/\s+/g, '') === pem.replace(/\s+/g, ''))) return list;
  return list.trim() ? `${list.trim()}\n${pem.trim()}\n` : `${pem.trim()}\n`;
}

/** A file's entries are named after it; several certificates get a number. */
function nameOf(fileName: string, i: number, count: number): string {
  return count > 1 ? `${fileName} #${i + 1}` : fileName;
}

/** Imported entries, the newest import replacing an earlier one of the same certificate. */
function addImported(list: PkiEntry[], added: PkiEntry[]): PkiEntry[] {
  const fresh = new Set(added.map((e) => e.thumbprintSha1));
  return [...list.filter((e) => !fresh.has(e.thumbprintSha1)), ...added];
}

function isPemText(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  return head.includes('-----BEGIN ');
}

async function importPem(set: Set, get: () => StoreState, fileName: string, text: string): Promise<string> {
  const keyBlock = /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/.exec(text)?.[0];
  const certs = await Promise.all(certificateBlocks(text.replace(keyBlock ?? '\u0000', '')).filter((b) => b.includes('CERTIFICATE')).map((b) => parseCertificate(b)));
  if (keyBlock) importPrivateKeyPem(keyBlock);
  if (!keyBlock && certs.length === 0) throw Object.assign(new Error(`Expected PEM certificates or a private key in ${fileName}; found neither`), { code: 'PEM_EMPTY' });
  const s = get();
  let known = s.keyInputs.certificates;
  let receiver = s.keyInputs.certificate;
  certs.forEach((c, i) => {
    if (keyBlock && i === 0) receiver = c.pem;
    else known = withCertificate(known, c.pem);
  });
  set({
    keyInputs: { ...s.keyInputs, certificates: known, certificate: receiver },
    secretInputs: keyBlock ? { ...s.secretInputs, privateKey: keyBlock } : s.secretInputs,
    imported: addImported(s.imported, certs.map((c, i) => entryOf(nameOf(fileName, i, certs.length), 'imported', c, keyBlock && i === 0 ? keyBlock : '', keyBlock && i === 0 ? 'pem' : 'none'))),
  });
  return `${fileName}: ${keyBlock ? 'a private key' : ''}${keyBlock && certs.length ? ' and ' : ''}${certs.length ? `${certs.length} certificate(s)` : ''} → key material`;
}

async function importBinary(set: Set, get: () => StoreState, fileName: string, bytes: Uint8Array, password: string): Promise<string> {
  let opened: Awaited<ReturnType<typeof importPkcs12>>;
  try {
    opened = await importPkcs12(bytes, password);
  } catch (e) {
    // A .cer/.der file is one DER certificate, not PKCS#12: try that before giving up.
    if (fieldErrorOf(e).code !== 'PKCS12_INVALID') throw e;
    const cert = await parseCertificate(bytes).catch(() => {
      throw e;
    });
    const s = get();
    set({ keyInputs: { ...s.keyInputs, certificates: withCertificate(s.keyInputs.certificates, cert.pem) }, imported: addImported(s.imported, [entryOf(fileName, 'imported', cert, '', 'none')]) });
    return `${fileName}: 1 certificate (DER) → known certificates`;
  }
  const s = get();
  set({
    secretInputs: { ...s.secretInputs, pkcs12: { base64: toBase64(bytes), fileName }, pkcs12Password: password },
    imported: addImported(s.imported, opened.certs.map((c, i) => entryOf(nameOf(fileName, i, opened.certs.length), 'imported', c, '', i === 0 ? 'pkcs12' : 'none'))),
  });
  return `${fileName}: private key and ${opened.certs.length} certificate(s) → PKCS#12 input`;
}

export const createKeysSlice: SliceCreator<KeysSlice> = (set, get) => ({
  pki: [],
  pkiSource: null,
  pkiBusy: null,
  pkiError: null,
  pkiMs: null,
  imported: [],
  importError: null,
  importNote: null,

  async loadPki() {
    if (get().pkiBusy || get().pkiSource === 'builtin') return;
    set({ pkiBusy: { what: 'Loading the demo PKI', since: performance.now() }, pkiError: null });
    try {
      set({ pki: entriesOf(await builtinDemoPki()), pkiSource: 'builtin', pkiBusy: null });
    } catch (e) {
      set({ pkiBusy: null, pkiError: fieldErrorOf(e) });
    }
  },

  async generatePki() {
    if (get().pkiBusy) return;
    const since = performance.now();
    set({ pkiBusy: { what: 'Generating six RSA-2048 key pairs and certificates', since }, pkiError: null });
    try {
      const pki = await generateDemoPki();
      set({ pki: entriesOf(pki), pkiSource: 'generated', pkiBusy: null, pkiMs: Math.round(performance.now() - since) });
    } catch (e) {
      set({ pkiBusy: null, pkiError: fieldErrorOf(e) });
    }
  },

  useIdentity(name, as) {
    const entry = get().pki.find((e) => e.name === name) ?? get().imported.find((e) => e.name === name);
    if (!entry) return;
    const s = get();
    if (as === 'trusted') {
      set({ keyInputs: { ...s.keyInputs, certificates: withCertificate(s.keyInputs.certificates, entry.certPem) } });
      return;
    }
    set({
      keyInputs: { ...s.keyInputs, certificate: entry.certPem },
      secretInputs: entry.keyPem ? { ...s.secretInputs, privateKey: entry.keyPem } : s.secretInputs,
      fieldErrors: { ...s.fieldErrors, certificate: undefined, privateKey: undefined },
    });
  },

  async importKeyFile(fileName, bytes, password) {
    set({ importError: null, importNote: null });
    try {
      const note = isPemText(bytes)
        ? await importPem(set, get, fileName, new TextDecoder().decode(bytes))
        : await importBinary(set, get, fileName, bytes, password);
      set({ importNote: note });
    } catch (e) {
      set({ importError: fieldErrorOf(e) });
    }
  },
});
