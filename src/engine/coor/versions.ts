// WS-Coordination + WS-AtomicTransaction protocol versions as one record each (DESIGN.md decision 6).
// The WCF interop profile (seed 002) binds them: WS-AT 1.0 = WS-Coordination 2004/10 + WS-AT 2004/10
// over SOAP 1.1 and WS-Addressing 2004/08 (R1001); WS-AT 1.1 = the OASIS 2006/06 namespaces over
// SOAP 1.1 and WS-Addressing 2005/08 (R1002).

import { COOR_VERSIONS, WSAT_VERSIONS, type CoorVersion, type WsatVersion } from '../xml/names.ts';
import type { TrustVersionId } from '../trust/rst.ts';
import type { ScVersionId } from '../sc/sct.ts';

export type TxVersionId = '1.0' | '1.1';

export interface TxVersion {
  version: TxVersionId;
  coor: CoorVersion;
  wsat: WsatVersion;
  /** WS-Addressing version the interop profile requires (R1001 / R1002). */
  wsa: '2004/08' | '2005/08';
  /** SOAP version the interop profile requires (SOAP 1.1 for both). */
  soap: '1.1';
  /** The seed requirement that fixes the bindings above. */
  binding: 'R1001' | 'R1002';
  /** Spec names for specRef strings. */
  coorSpec: string;
  atSpec: string;
  /**
   * The t:IssuedTokens of the mixed binding (R1222): seed 002's examples pair WS-AT 1.0 with WS-Trust
   * Pre-1.3 (Feb2005) and 1.1 with WS-Trust 1.3, the SecurityContextToken in WS-SC 2005/02 for both.
   */
  issued: { trust: TrustVersionId; sc: ScVersionId };
}

export const TX_VERSIONS: Record<TxVersionId, TxVersion> = {
  '1.0': {
    version: '1.0', coor: COOR_VERSIONS['1.0'], wsat: WSAT_VERSIONS['1.0'], wsa: '2004/08', soap: '1.1',
    binding: 'R1001', coorSpec: 'WS-Coordination 2004/10', atSpec: 'WS-AT 2004/10',
    issued: { trust: 'feb2005', sc: '2005/02' },
  },
  '1.1': {
    version: '1.1', coor: COOR_VERSIONS['1.1'], wsat: WSAT_VERSIONS['1.1'], wsa: '2005/08', soap: '1.1',
    binding: 'R1002', coorSpec: 'WS-Coordination 1.1', atSpec: 'WS-AT 1.1',
    issued: { trust: '1.3', sc: '2005/02' },
  },
};

/** The three WS-AT coordination protocols (WS-AT §3). */
export type AtProtocol = 'Completion' | 'Durable2PC' | 'Volatile2PC';

export const AT_PROTOCOLS: readonly AtProtocol[] = ['Completion', 'Durable2PC', 'Volatile2PC'];

/** The ProtocolIdentifier URI of a protocol in a version. */
export function protocolUri(v: TxVersionId, p: AtProtocol): string {
  const { protocols } = TX_VERSIONS[v].wsat;
  return p === 'Completion' ? protocols.completion : p === 'Durable2PC' ? protocols.durable2pc : protocols.volatile2pc;
}

/** The protocol a ProtocolIdentifier names in this version, or null. */
export function protocolFromUri(v: TxVersionId, uri: string): AtProtocol | null {
  return AT_PROTOCOLS.find((p) => protocolUri(v, p) === uri) ?? null;
}

/** The version whose WS-Coordination namespace is `ns`, or null. */
export function versionOfCoorNs(ns: string | null | undefined): TxVersionId | null {
  return (Object.keys(TX_VERSIONS) as TxVersionId[]).find((k) => TX_VERSIONS[k].coor.ns === ns) ?? null;
}

/** The version whose WS-AT namespace is `ns`, or null. */
export function versionOfWsatNs(ns: string | null | undefined): TxVersionId | null {
  return (Object.keys(TX_VERSIONS) as TxVersionId[]).find((k) => TX_VERSIONS[k].wsat.ns === ns) ?? null;
}
