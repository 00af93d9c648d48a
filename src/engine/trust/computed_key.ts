// WS-Trust 1.3 §4.4.4 / Feb2005: ComputedKey http://…/CK/PSHA1 — when requestor and issuer both
// supply entropy, the proof key is P_SHA1(requestor entropy, issuer entropy) cut to KeySize bits.

import { psha1 } from '../crypto/psha1.ts';
import { UsageError } from '../report/index.ts';

export async function computedKeyPsha1(requestorEntropy: Uint8Array, issuerEntropy: Uint8Array, keySizeBits: number): Promise<Uint8Array> {
  if (!Number.isInteger(keySizeBits) || keySizeBits <= 0 || keySizeBits % 8 !== 0) {
    throw new UsageError('WST_KEY_SIZE', `expected a KeySize that is a positive multiple of 8 bits, found ${keySizeBits}`);
  }
  return psha1(requestorEntropy, issuerEntropy, keySizeBits / 8);
}
