// WS-SecureConversation 1.3 §7 (2005/02 §7): key derivation for a wsc:DerivedKeyToken —
// P_SHA1(secret, label ‖ nonce), skipping Offset bytes (or Generation × Length) and keeping Length.
// The default label is "WS-SecureConversationWS-SecureConversation".

import { psha1, PSHA1_MAX_BYTES } from '../crypto/psha1.ts';
import { concatBytes, utf8 } from '../crypto/encoding.ts';
import { UsageError } from '../report/index.ts';
import { SC_VERSIONS } from '../xml/names.ts';

export const DEFAULT_DKT_LABEL = SC_VERSIONS['1.3'].defaultLabel;
/** WS-SC gives 32 bytes as the default Length. */
export const DEFAULT_DKT_LENGTH = 32;

export interface DerivationInput {
  secret: Uint8Array;
  nonce: Uint8Array;
  label?: string;
  /** Exactly one of offset and generation may be given; neither means offset 0. */
  offset?: number;
  generation?: number;
  length?: number;
}

export interface Derivation {
  key: Uint8Array;
  label: string;
  seed: Uint8Array;
  offset: number;
  length: number;
}

/** Derives a key as the DerivedKeyToken describes; the effective offset is Generation × Length. */
export async function deriveKey(i: DerivationInput): Promise<Derivation> {
  if (i.offset !== undefined && i.generation !== undefined) {
    throw new UsageError('DKT_OFFSET_AND_GENERATION', `expected either Offset or Generation in a DerivedKeyToken, found both (Offset ${i.offset}, Generation ${i.generation})`);
  }
  const length = i.length ?? DEFAULT_DKT_LENGTH;
  const offset = i.generation !== undefined ? i.generation * length : i.offset ?? 0;
  if (!Number.isInteger(length) || length <= 0 || !Number.isInteger(offset) || offset < 0 || offset + length > PSHA1_MAX_BYTES) {
    throw new UsageError('DKT_BAD_LENGTH', `expected a positive Length and a non-negative Offset whose sum is at most ${PSHA1_MAX_BYTES} bytes, found Length ${length}, Offset ${offset}`);
  }
  const label = i.label ?? DEFAULT_DKT_LABEL;
  const seed = concatBytes(utf8(label), i.nonce);
  return { key: await psha1(i.secret, seed, length, offset), label, seed, offset, length };
}
