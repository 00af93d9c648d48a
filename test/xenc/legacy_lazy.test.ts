// The legacy ciphers (node-forge) load only when a message needs them: AES-only work never imports
// crypto/legacy, so the browser build keeps forge in a lazy chunk. Checked at run time (cipher.ts
// records the dynamic import) and statically (no module imports the forge-bearing files).
// This file must not import crypto/legacy itself: vitest isolates module state per test file.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { legacyModuleLoaded } from '../../src/engine/crypto/cipher.ts';
import type { RsaPrivateKey, RsaPublicKey } from '../../src/engine/crypto/keys.ts';
import { seededRandom } from '../../src/engine/crypto/random.ts';
import { buildEncryptedKey, decryptDocument, encryptElement, encryptHeader } from '../../src/engine/xenc/index.ts';
import { build } from '../../src/engine/xml/dom.ts';
import { URI } from '../../src/engine/xml/names.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { ENVELOPE, byName, bytes, fixedResolver, rsaPair } from './xenc_fixtures.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

let service: { priv: RsaPrivateKey; pub: RsaPublicKey };
beforeAll(async () => {
  service = await rsaPair('service');
});

async function message(transport: string, data: string, kek: RsaPublicKey | Uint8Array, keyLength: number): Promise<string> {
  const doc = parseXml(ENVELOPE);
  const key = bytes(keyLength);
  await encryptElement(doc, byName(doc, 'soap:Body'), { type: 'Content', algorithm: data, key, random: seededRandom(1), id: 'ED-b' });
  await encryptHeader(doc, byName(doc, 'm:Route'), { algorithm: data, key, random: seededRandom(2), id: 'ED-h' });
  const security = byName(doc, 'wsse:Security');
  security.appendChild(build(doc, await buildEncryptedKey({ algorithm: transport, kek, key, id: 'EK', random: seededRandom(3), referenceList: ['ED-b', 'ED-h'] }), security));
  return serializeXml(doc);
}

describe('legacy ciphers load lazily', () => {
  it('AES-only messages (rsa-oaep-mgf1p, kw-aes*, aes-cbc, aes-gcm) never load crypto/legacy', async () => {
    const cases: Array<[string, string, RsaPublicKey | Uint8Array, RsaPrivateKey | Uint8Array, number]> = [
      [URI.rsaOaepMgf1p, URI.aes128Cbc, service.pub, service.priv, 16],
      [URI.rsaOaepMgf1p, URI.aes256Gcm, service.pub, service.priv, 32],
      [URI.kwAes128, URI.aes256Cbc, bytes(16, 5), bytes(16, 5), 32],
      [URI.kwAes256, URI.aes128Gcm, bytes(32, 5), bytes(32, 5), 16],
    ];
    for (const [transport, data, kek, priv, len] of cases) {
      const result = await decryptDocument(parseXml(await message(transport, data, kek, len)), fixedResolver(priv));
      expect(result.decrypted).toBe(2);
    }
    expect(legacyModuleLoaded()).toBe(false);
  });

  it('the first tripledes-cbc message loads it (and warns)', async () => {
    expect(legacyModuleLoaded()).toBe(false);
    const result = await decryptDocument(parseXml(await message(URI.kwAes128, URI.tripledesCbc, bytes(16, 5), 24)), fixedResolver(bytes(16, 5)));
    expect(result.decrypted).toBe(2);
    expect(result.checks.filter((c) => c.code === 'XENC_LEGACY_ALGORITHM')).toHaveLength(2);
    expect(legacyModuleLoaded()).toBe(true);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Module specifiers imported statically for their values (`import type` excluded). */
function staticImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\s)[^;]*?\sfrom\s+'([^']+)'/gms)) out.push(m[2]!);
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]!);
  return out;
}

describe('static import graph', () => {
  const files = sources(SRC).map((path) => ({ path: relative(SRC, path), imports: staticImports(readFileSync(path, 'utf8')) }));

  it('finds the imports it is looking for (the scan itself works)', () => {
    const cipher = files.find((f) => f.path === 'engine/crypto/cipher.ts')!;
    expect(cipher.imports).toContain('./legacy/algorithms.ts');
    expect(cipher.imports).not.toContain('./legacy/index.ts'); // only `import type` and import()
  });

  it('no module outside crypto/legacy statically imports a forge-bearing legacy module', () => {
    const offenders = files.filter((f) => !f.path.startsWith('engine/crypto/legacy/'))
      .flatMap((f) => f.imports.filter((s) => /legacy\/(index|rsa15|tripledes_cbc|aes_fallback)(\.ts)?$/.test(s)).map((s) => `${f.path} -> ${s}`));
    expect(offenders).toEqual([]);
  });

  it('cipher.ts, legacy/algorithms.ts and the xenc layer never import node-forge statically', () => {
    const mine = files.filter((f) => f.path === 'engine/crypto/cipher.ts' || f.path === 'engine/crypto/legacy/algorithms.ts' || f.path.startsWith('engine/xenc/'));
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.filter((f) => f.imports.includes('node-forge')).map((f) => f.path)).toEqual([]);
  });
});
