// @peculiar/x509 (X.509 certificates, RFC 5280) wired to the WebCrypto port. Import the library
// only through this module: @peculiar/x509 registers classes with tsyringe, which needs the
// reflect-metadata polyfill loaded first, and every crypto operation must go through the port
// (DESIGN.md decision 5), so the library is handed a Crypto built from subtle() here.

import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomFill, subtle } from './port.ts';
import { systemRandom, uuidV4 } from './random.ts';

export { x509 };

let provided: Promise<Crypto> | undefined;

async function buildCrypto(): Promise<Crypto> {
  const s = await subtle();
  const crypto: Crypto = {
    subtle: s,
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      if (array) randomFill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return array;
    },
    randomUUID() {
      return uuidV4(systemRandom()) as `${string}-${string}-${string}-${string}-${string}`;
    },
  };
  x509.cryptoProvider.set(crypto);
  return crypto;
}

/** The Crypto object @peculiar/x509 uses (also installed as its default provider). */
export function x509Crypto(): Promise<Crypto> {
  provided ??= buildCrypto();
  return provided;
}
