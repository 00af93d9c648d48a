// WS-Trust 1.3 §3.1 / Feb2005 §5: wst:RequestSecurityToken — RequestType, TokenType, KeyType,
// KeySize, Entropy/BinarySecret, UseKey, OnBehalfOf, AppliesTo, Lifetime, and the targets of
// Renew / Cancel / Validate. One builder and one reader for both versions (versions are data).

import type { Element } from '@xmldom/xmldom';
import { childElements, firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, TRUST_VERSIONS, URI, type TrustVersion } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import type { Check } from '../report/index.ts';
import { formatDateTime } from '../wss/datetime.ts';

export type TrustVersionId = 'feb2005' | '1.3';
export type RequestKind = 'issue' | 'renew' | 'cancel' | 'validate';
/** WS-Trust's three KeyTypes, and Oracle's proprietary sender-vouches KeyType (seed 001 table 3-3). */
export type KeyTypeKind = 'bearer' | 'symmetric' | 'public' | 'sender-vouches';

export interface RstSpec {
  version: TrustVersionId;
  requestType: RequestKind;
  context?: string;
  tokenType?: string;
  keyType?: KeyTypeKind;
  keySize?: number;
  /** Requestor entropy, sent as a BinarySecret of type Nonce. */
  entropy?: Uint8Array;
  /** wsp:AppliesTo / wsa:EndpointReference / wsa:Address. */
  appliesTo?: { address: string; wsaNs: string };
  useKey?: ElSpec;
  onBehalfOf?: ElSpec;
  /** The token (or a reference to it) to renew, cancel or validate. */
  target?: ElSpec | Element;
  lifetime?: { created: number; expires: number };
  computedKeyAlgorithm?: string;
}

const TARGET: Record<Exclude<RequestKind, 'issue'>, string> = { renew: 'RenewTarget', cancel: 'CancelTarget', validate: 'ValidateTarget' };

/** Builds wst:RequestSecurityToken. */
export function buildRst(s: RstSpec): ElSpec {
  const v = TRUST_VERSIONS[s.version];
  const t = (name: string, text?: string, children?: Array<ElSpec | Element>): ElSpec => ({ ns: v.ns, name: `wst:${name}`, ...(text !== undefined ? { text } : {}), ...(children ? { children } : {}) });
  const children: Array<ElSpec | null> = [
    s.tokenType ? t('TokenType', s.tokenType) : null,
    t('RequestType', v.requestTypes[s.requestType]),
    s.appliesTo ? appliesTo(s.appliesTo, s.version) : null,
    s.lifetime ? lifetime(v, s.lifetime) : null,
    s.entropy ? t('Entropy', undefined, [binarySecret(v, s.entropy, 'nonce')]) : null,
    s.computedKeyAlgorithm ? t('ComputedKeyAlgorithm', s.computedKeyAlgorithm) : null,
    s.keyType ? t('KeyType', keyTypeUri(v, s.keyType)) : null,
    s.keySize ? t('KeySize', String(s.keySize)) : null,
    s.useKey ? t('UseKey', undefined, [s.useKey]) : null,
    s.onBehalfOf ? t('OnBehalfOf', undefined, [s.onBehalfOf]) : null,
    s.target && s.requestType !== 'issue' ? t(TARGET[s.requestType], undefined, [s.target]) : null,
  ];
  return {
    ns: v.ns, name: 'wst:RequestSecurityToken', xmlns: { wst: v.ns },
    ...(s.context ? { attrs: { Context: s.context } } : {}),
    children: children.filter((c): c is ElSpec => c !== null),
  };
}

export function keyTypeUri(v: TrustVersion, k: KeyTypeKind): string {
  if (k === 'sender-vouches') return URI.oracleSenderVouchesKeyType;
  return k === 'bearer' ? v.keyTypes.bearer : k === 'symmetric' ? v.keyTypes.symmetricKey : v.keyTypes.publicKey;
}

export function binarySecret(v: TrustVersion, bytes: Uint8Array, type: 'nonce' | 'symmetricKey'): ElSpec {
  const uri = type === 'nonce' ? v.binarySecretTypes.nonce : v.binarySecretTypes.symmetricKey;
  return { ns: v.ns, name: 'wst:BinarySecret', attrs: { Type: uri }, text: toBase64(bytes) };
}

export function lifetime(v: TrustVersion, l: { created: number; expires: number }): ElSpec {
  return {
    ns: v.ns, name: 'wst:Lifetime', children: [
      { ns: NS.wsu, name: 'wsu:Created', xmlns: { wsu: NS.wsu }, text: formatDateTime(l.created) },
      { ns: NS.wsu, name: 'wsu:Expires', text: formatDateTime(l.expires) },
    ],
  };
}

/** WS-Policy's AppliesTo: Feb2005 uses WS-Policy 2004/09, Trust 1.3 the W3C WS-Policy 1.5 namespace. */
export function appliesTo(a: { address: string; wsaNs: string }, version: TrustVersionId): ElSpec {
  const wsp = version === 'feb2005' ? NS.wsp12 : NS.wsp15;
  return {
    ns: wsp, name: 'wsp:AppliesTo', xmlns: { wsp }, children: [
      { ns: a.wsaNs, name: 'wsa:EndpointReference', xmlns: { wsa: a.wsaNs }, children: [{ ns: a.wsaNs, name: 'wsa:Address', text: a.address }] },
    ],
  };
}

export interface ParsedRst {
  version: TrustVersionId;
  element: Element;
  context?: string;
  requestType?: RequestKind;
  requestTypeUri?: string;
  tokenType?: string;
  keyType?: KeyTypeKind;
  keyTypeUri?: string;
  keySize?: number;
  entropy?: Uint8Array;
  appliesTo?: string;
  useKey?: Element;
  onBehalfOf?: Element;
  target?: Element;
}

/** Reads a wst:RequestSecurityToken of either version; malformed parts become failed checks. */
export function readRst(el: Element): { rst: ParsedRst | null; checks: Check[] } {
  const v = Object.values(TRUST_VERSIONS).find((x) => x.ns === el.namespaceURI);
  if (!v || el.localName !== 'RequestSecurityToken') {
    return { rst: null, checks: [{ code: 'WST_NOT_RST', status: 'fail', specRef: 'WS-Trust 1.3 §3.1', ...where(el), message: `expected wst:RequestSecurityToken (WS-Trust Feb2005 or 1.3), found {${el.namespaceURI ?? ''}}${el.localName}` }] };
  }
  const checks: Check[] = [];
  const rst: ParsedRst = { version: v.version, element: el };
  const ctx = el.getAttribute('Context');
  if (ctx) rst.context = ctx;
  const text = (local: string) => {
    const c = firstChildNS(el, v.ns, local);
    return c ? textOf(c).trim() : undefined;
  };
  readRequestType(rst, v, text('RequestType'), el, checks);
  const tokenType = text('TokenType');
  if (tokenType) rst.tokenType = tokenType;
  readKeyType(rst, v, text('KeyType'), checks);
  readKeySize(rst, text('KeySize'), el, checks);
  readEntropy(rst, v, el, checks);
  readChildren(rst, v, el);
  return { rst, checks };
}

function readRequestType(rst: ParsedRst, v: TrustVersion, uri: string | undefined, el: Element, checks: Check[]): void {
  const kind = (Object.keys(v.requestTypes) as RequestKind[]).find((k) => v.requestTypes[k] === uri);
  if (uri) rst.requestTypeUri = uri;
  if (kind) rst.requestType = kind;
  else checks.push({ code: 'WST_REQUEST_TYPE', status: 'fail', specRef: 'WS-Trust 1.3 §3.1', ...where(firstChildNS(el, v.ns, 'RequestType') ?? el), message: `expected wst:RequestType ${Object.values(v.requestTypes).join(' | ')}, found ${uri ?? 'none'}` });
}

function readKeyType(rst: ParsedRst, v: TrustVersion, uri: string | undefined, checks: Check[]): void {
  if (!uri) return;
  rst.keyTypeUri = uri;
  if (uri === v.keyTypes.bearer) rst.keyType = 'bearer';
  else if (uri === v.keyTypes.symmetricKey) rst.keyType = 'symmetric';
  else if (uri === v.keyTypes.publicKey) rst.keyType = 'public';
  else if (uri === URI.oracleSenderVouchesKeyType) rst.keyType = 'sender-vouches';
  else checks.push({ code: 'WST_KEY_TYPE_UNKNOWN', status: 'info', specRef: 'WS-Trust 1.3 §4.4.3', path: '', message: `KeyType ${uri} is not one of WS-Trust ${v.version}'s own; the STS decides what it means` });
}

function readKeySize(rst: ParsedRst, text: string | undefined, el: Element, checks: Check[]): void {
  if (text === undefined) return;
  const n = Number(text);
  if (Number.isInteger(n) && n > 0 && n <= 4096) rst.keySize = n;
  else checks.push({ code: 'WST_KEY_SIZE', status: 'fail', specRef: 'WS-Trust 1.3 §4.4.4', ...where(el), message: `expected wst:KeySize as a positive number of bits up to 4096, found "${text}"` });
}

function readEntropy(rst: ParsedRst, v: TrustVersion, el: Element, checks: Check[]): void {
  const entropy = firstChildNS(el, v.ns, 'Entropy');
  const secret = entropy ? firstChildNS(entropy, v.ns, 'BinarySecret') : null;
  if (!entropy) return;
  if (!secret) {
    checks.push({ code: 'WST_ENTROPY_UNSUPPORTED', status: 'fail', specRef: 'WS-Trust 1.3 §3.3', ...where(entropy), message: 'expected wst:Entropy to hold a wst:BinarySecret (encrypted entropy is not read yet), found none' });
    return;
  }
  try {
    rst.entropy = fromBase64(textOf(secret).trim(), 'wst:BinarySecret');
  } catch (e) {
    checks.push({ code: 'WST_BINARY_SECRET_INVALID', status: 'fail', specRef: 'WS-Trust 1.3 §3.3', ...where(secret), message: (e as Error).message });
  }
}

function readChildren(rst: ParsedRst, v: TrustVersion, el: Element): void {
  for (const c of childElements(el)) {
    const name = c.localName ?? '';
    if (c.namespaceURI === v.ns && name === 'UseKey') rst.useKey = c;
    else if (c.namespaceURI === v.ns && name === 'OnBehalfOf') rst.onBehalfOf = c;
    else if (c.namespaceURI === v.ns && /^(Renew|Cancel|Validate)Target$/.test(name)) rst.target = c;
    else if (name === 'AppliesTo') {
      const address = childElements(c).flatMap((epr) => childElements(epr)).find((a) => a.localName === 'Address');
      if (address) rst.appliesTo = textOf(address).trim();
    }
  }
}
