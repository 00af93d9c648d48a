// Typed wrappers for WssPeer's WS-SecureConversation commands (test/peers/java/WssPeer.java):
// dk-psha1 (WSS4J's P_SHA1 and DerivedKeyToken.deriveKey), sc-sign (WSSecSecurityContextToken +
// WSSecDKSign + WSSecDKEncrypt), sc-verify (WSSecurityEngine with the SCT secret from a
// CallbackHandler), sct-build / sct-read (the SecurityContextToken class).

import { JavaPeerError, type JavaPeerRequest } from './java_peer.ts';

export type ScVersion = '2005/02' | '1.3';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function asObject<T>(v: unknown, what: string, key: string): T {
  if (!v || typeof v !== 'object' || !(key in v)) throw new JavaPeerError(`unexpected ${what} answer: ${JSON.stringify(v)}`);
  return v as T;
}

// ------------------------------------------------------------------------------------------------
// dk-psha1

export interface DkCase {
  secret: Uint8Array;
  nonce: Uint8Array;
  length: number;
  /** undefined: WSS4J's (and the spec's) default label. */
  label?: string;
  offset?: number;
  generation?: number;
  version?: ScVersion;
}

export interface Wss4jDk {
  /** AlgoFactory P_SHA1 over label ‖ nonce at the spec's offset (Offset, or Generation × Length). */
  key: string;
  /** DerivedKeyToken.deriveKey on a DKT element with the same children. */
  tokenKey: string;
  seed: string;
  offset: number;
  tokenOffset: number;
  tokenGeneration: number;
  tokenXml: string;
}

export function dkRequest(c: DkCase): JavaPeerRequest {
  const args = ['dk-psha1', b64(c.secret), b64(c.nonce), String(c.length), '--version', c.version ?? '2005/02'];
  if (c.label !== undefined) args.push('--label', c.label);
  if (c.offset !== undefined) args.push('--offset', String(c.offset));
  if (c.generation !== undefined) args.push('--generation', String(c.generation));
  return { args };
}

export const asDk = (v: unknown): Wss4jDk => asObject<Wss4jDk>(v, 'dk-psha1', 'key');

// ------------------------------------------------------------------------------------------------
// sc-sign

export interface ScSignOptions {
  identifier: string;
  secret: Uint8Array;
  version: ScVersion;
  /** 'id': each DKT's STR is a Reference to "#" + the SCT's wsu:Id; 'identifier': to the Identifier itself. */
  sctRef: 'id' | 'identifier';
  /** Leave the SCT out of the message (only with sctRef 'identifier'). */
  noSct?: boolean;
  sctId?: string;
  timestamp?: boolean;
  encrypt?: boolean;
  sign?: boolean;
  enc?: 'aes128-cbc' | 'aes192-cbc' | 'aes256-cbc' | 'tripledes-cbc';
  hmac?: 'hmac-sha1' | 'hmac-sha256';
  order?: 'sign-encrypt' | 'encrypt-sign';
  sigKeyLength?: number;
  valueType?: 'sct' | 'none';
  soap12?: boolean;
}

export interface Wss4jDerived {
  usage: 'signature' | 'encryption' | null;
  dktId: string;
  nonce: string;
  labelElement: string | null;
  label: string | null;
  offset: number;
  generation: number;
  length: number;
  algorithm: string;
  key: string | null;
  sourceSecret?: string | null;
}

export interface Wss4jScMessage {
  xml: string;
  identifier: string;
  sctId: string;
  namespace: string;
  sctIncluded: boolean;
  sctRef: string;
  valueType: string | null;
  derived: Wss4jDerived[];
  signed: string[];
  signatureId: string | null;
  algorithms: { signature: string | null; data: string | null };
  order: string;
}

export function scSignRequest(o: ScSignOptions): JavaPeerRequest {
  const args = ['sc-sign', 'default', '--identifier', o.identifier, '--secret', b64(o.secret), '--version', o.version, '--sct-ref', o.sctRef];
  if (o.noSct) args.push('--no-sct');
  if (o.sctId) args.push('--sct-id', o.sctId);
  if (o.timestamp) args.push('--timestamp');
  if (o.encrypt) args.push('--encrypt');
  if (o.sign === false) args.push('--no-sign');
  if (o.enc) args.push('--enc', o.enc);
  if (o.hmac) args.push('--hmac', o.hmac);
  if (o.order) args.push('--order', o.order);
  if (o.sigKeyLength) args.push('--sig-key-length', String(o.sigKeyLength));
  if (o.valueType) args.push('--value-type', o.valueType);
  if (o.soap12) args.push('--soap12');
  return { args };
}

export const asScMessage = (v: unknown): Wss4jScMessage => asObject<Wss4jScMessage>(v, 'sc-sign', 'xml');

// ------------------------------------------------------------------------------------------------
// sc-verify

export interface Wss4jScVerify {
  ok: boolean;
  actions: string[];
  derived: Wss4jDerived[];
  sct: Array<{ identifier?: string; id?: string; namespace?: string; secretResolved: boolean }>;
  signedElements: string[];
  decryptedElements: string[];
  signatureMethods: string[];
  dataAlgorithms: string[];
  decryptedBody: string | null;
  callbacks: Array<{ identifier: string | null; usage: number; type: string | null; answered: boolean }>;
  error?: string;
  errorCode?: string;
  faultCode?: string | null;
  config: Record<string, unknown>;
}

/** `secrets`: SCT Identifier (or wsu:Id) → secret bytes, as WSS4J's CallbackHandler will answer them. */
export function scVerifyRequest(xml: string, secrets: Record<string, Uint8Array>, flags: string[] = []): JavaPeerRequest {
  const json = JSON.stringify(Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, b64(v)])));
  return { args: ['sc-verify', '-', json, ...flags], stdin: xml };
}

export function asScVerify(v: unknown): Wss4jScVerify {
  const r = asObject<Wss4jScVerify>(v, 'sc-verify', 'ok');
  if (typeof r.ok !== 'boolean') throw new JavaPeerError(`unexpected sc-verify answer: ${JSON.stringify(v)}`);
  return r;
}

// ------------------------------------------------------------------------------------------------
// sct-build / sct-read

export interface Wss4jSct {
  xml: string;
  identifier: string;
  id: string | null;
  tokenType: string;
}

export function sctBuildRequest(identifier: string, version: ScVersion, sctId?: string): JavaPeerRequest {
  return { args: ['sct-build', identifier, '--version', version, ...(sctId ? ['--sct-id', sctId] : [])] };
}

export const asSct = (v: unknown): Wss4jSct => asObject<Wss4jSct>(v, 'sct-build', 'xml');

export interface Wss4jSctRead {
  ok: boolean;
  identifier?: string;
  id?: string | null;
  tokenType?: string;
  namespace?: string;
  error?: string;
}

export const sctReadRequest = (xml: string): JavaPeerRequest => ({ args: ['sct-read', '-'], stdin: xml });
export const asSctRead = (v: unknown): Wss4jSctRead => asObject<Wss4jSctRead>(v, 'sct-read', 'ok');
