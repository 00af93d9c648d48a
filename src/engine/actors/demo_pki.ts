// The committed demo PKI (issue 3 point 5) as the actors get it: demo_pki.json is a copy of
// test/fixtures/pki/pki.json written by scripts/make-pki.ts, imported statically so the browser
// bundle and Node carry the same certificates and keys without touching the file system.

import { loadDemoPki, type DemoPki, type DemoPkiFile } from '../crypto/demo_pki.ts';
import demoPkiJson from './demo_pki.json';

/** The committed demo PKI in its JSON form (PEMs and lookup fields). */
export const DEMO_PKI_FILE: DemoPkiFile = demoPkiJson as DemoPkiFile;

let loaded: Promise<DemoPki> | undefined;

/** The committed demo PKI parsed into certificates and keys (parsed once, then shared). */
export function builtinDemoPki(): Promise<DemoPki> {
  loaded ??= loadDemoPki(DEMO_PKI_FILE);
  return loaded;
}
