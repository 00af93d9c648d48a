// Shared inputs for the xenc tests: demo PKI keys, a SOAP 1.1 envelope with namespaces declared
// on ancestors of what gets encrypted, and resolvers that hand out a fixed key.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Element } from '@xmldom/xmldom';
import { importPrivateKeyPem, publicKeyOf, type RsaPrivateKey, type RsaPublicKey } from '../../src/engine/crypto/keys.ts';
import type { KeyInfoResolver } from '../../src/engine/xenc/index.ts';
import { URI } from '../../src/engine/xml/names.ts';

const PKI = fileURLToPath(new URL('../fixtures/pki/', import.meta.url));

export function pkiPath(name: string): string {
  return `${PKI}${name}`;
}

export async function rsaPair(name: 'service' | 'client'): Promise<{ priv: RsaPrivateKey; pub: RsaPublicKey; pem: string }> {
  const pem = readFileSync(pkiPath(`${name}.key.pem`), 'utf8');
  const priv = importPrivateKeyPem(pem);
  return { priv, pub: await publicKeyOf(priv), pem };
}

export const BLOCK_ALGORITHMS = [URI.aes128Cbc, URI.aes192Cbc, URI.aes256Cbc, URI.tripledesCbc, URI.aes128Gcm, URI.aes256Gcm] as const;
export const KEY_LENGTH: Record<string, number> = {
  [URI.aes128Cbc]: 16, [URI.aes192Cbc]: 24, [URI.aes256Cbc]: 32, [URI.tripledesCbc]: 24,
  [URI.aes128Gcm]: 16, [URI.aes192Gcm]: 24, [URI.aes256Gcm]: 32,
  [URI.kwAes128]: 16, [URI.kwAes192]: 24, [URI.kwAes256]: 32,
};

/** A SOAP 1.1 message whose Body payload uses prefixes declared on the Envelope only. */
export const ENVELOPE = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="urn:example:order" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <soap:Header>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" soap:mustUnderstand="1"/>
    <m:Route soap:mustUnderstand="1" soap:actor="urn:example:next" wsu:Id="route">via <m:Hop>A &amp; B</m:Hop></m:Route>
  </soap:Header>
  <soap:Body wsu:Id="body">
    <m:Order xsi:type="m:OrderType" id="o-1"><m:Item qty="2">caf\u00e9 \u{1F600} &lt;tea&gt;</m:Item><!-- note --><m:Note/></m:Order>
  </soap:Body>
</soap:Envelope>`;

/** Finds the first element with this local name. */
export function byName(root: { getElementsByTagName(n: string): { item(i: number): Element | null } }, qname: string): Element {
  const el = root.getElementsByTagName(qname).item(0);
  if (!el) throw new Error(`no <${qname}> in the test document`);
  return el;
}

/** A resolver that hands `key` to every KeyInfo, saying where it came from. */
export function fixedResolver(key: RsaPrivateKey | Uint8Array | null, source = 'the test key'): KeyInfoResolver {
  return async () => ({ key, source, checks: [] });
}

/** Deterministic bytes of any length (not random: tests must be reproducible). */
export function bytes(n: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + 7) & 0xff);
}
