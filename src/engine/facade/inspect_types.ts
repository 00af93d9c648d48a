// The inspector's contract (DESIGN.md §3): a pasted message plus key material in, every check
// and every intermediate value out — plain JSON, so the UI can show it and the CLI can print it.

import type { Report } from '../report/index.ts';

/** Key material the user gives the inspector. PEM text everywhere; secrets in base64. */
export interface KeyMaterial {
  /** Certificates known out of band: the peer's, a CA (PEM, or base64 DER). */
  certificates?: string[];
  /** The receiver's private key (PEM, PKCS#8 or PKCS#1), to unwrap EncryptedKeys. */
  privateKey?: string;
  /** The receiver's certificate (PEM), matched against the KeyInfo of EncryptedKeys. */
  certificate?: string;
  /** A PKCS#12 file (base64) and its password: gives privateKey and certificate. */
  pkcs12?: { base64: string; password: string };
  /** Symmetric secrets by token Id, SCT identifier or '*' (any): HMAC keys, SCT secrets (base64). */
  secrets?: Record<string, string>;
  /** UsernameToken passwords by user name. */
  users?: Record<string, string>;
}

/** A signed or encrypted part of the wire text, for marking it in the editor. */
export interface PartMarker {
  kind: 'signed' | 'encrypted';
  /** Element path in the wire document. */
  path: string;
  line: number;
  column: number;
  /** What covers it: the Signature's path (signed) or the algorithm (encrypted). */
  by: string;
  /** For signed parts: the Reference URI; for encrypted ones: the EncryptedData/Key Id. */
  ref: string;
}

export interface Inspection {
  /** Every check, in processing order (details of WSS_SIGNATURE / WSS_DECRYPTED carry the values). */
  report: Report;
  /** Signed and encrypted parts of the wire text. */
  parts: PartMarker[];
  /** The document after decryption (serialized), or null when nothing was decrypted. */
  decrypted: string | null;
}
