// Parses WS-SecurityPolicy 1.1/1.2/1.3 XML into the security model. Nested wsp:Policy, wsp:All and
// the first wsp:ExactlyOne alternative are followed; an assertion this layer does not know yet is
// reported, not silently dropped.

import type { Element } from '@xmldom/xmldom';
import { childElements } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { parseXml } from '../xml/parse.ts';
import { nodePath } from '../xml/path.ts';
import { UsageError } from '../report/index.ts';
import {
  SUPPORTING_KINDS, transportBinding, usernameToken, x509Token,
  type AlgorithmSuiteName, type Binding, type IncludeToken, type Layout, type Parts, type SecurityModel,
  type SpVersion, type SupportingKind, type SymmetricBinding, type TokenAssertion, type X509TokenAssertion,
} from './model.ts';

/** Thrown for a policy this engine cannot turn into a security model. */
export class PolicyError extends UsageError {}

const SP_NAMESPACES: Record<string, SpVersion> = { [NS.sp11]: '1.1', [NS.sp12]: '1.2', [NS.sp13]: '1.3' };
const POLICY_NAMESPACES = new Set<string>([NS.wsp12, NS.wsp15]);

export interface ParsedPolicy {
  model: SecurityModel;
  /** Paths of assertions that were not understood. */
  ignored: string[];
}

/** Parses a wsp:Policy document (or a single SP assertion) into the security model. */
export function parsePolicy(xml: string): ParsedPolicy {
  const root = parseXml(xml).documentElement as Element;
  const ctx: Ctx = { ignored: [], version: '1.2' };
  const model: SecurityModel = { spVersion: '1.2', binding: null, supporting: [], wss: '1.0' };
  for (const a of assertions(root)) readTop(a, model, ctx);
  model.spVersion = ctx.version;
  return { model, ignored: ctx.ignored };
}

interface Ctx {
  ignored: string[];
  version: SpVersion;
}

/** The assertions inside a policy container, flattening wsp:Policy / wsp:All / first wsp:ExactlyOne. */
function assertions(el: Element): Element[] {
  if (!POLICY_NAMESPACES.has(el.namespaceURI ?? '')) return [el];
  if (el.localName === 'ExactlyOne') {
    const first = childElements(el)[0];
    return first ? assertions(first) : [];
  }
  return childElements(el).flatMap((c) => assertions(c));
}

/** The assertions nested in an assertion's own wsp:Policy child. */
function nested(el: Element): Element[] {
  return childElements(el).filter((c) => POLICY_NAMESPACES.has(c.namespaceURI ?? '')).flatMap((c) => assertions(c));
}

function spName(el: Element, ctx: Ctx): string | null {
  const v = SP_NAMESPACES[el.namespaceURI ?? ''];
  if (!v) return null;
  if (v === '1.1') ctx.version = '1.1';
  else if (v === '1.3') ctx.version = '1.3';
  return el.localName ?? null;
}

function readTop(el: Element, model: SecurityModel, ctx: Ctx): void {
  const name = spName(el, ctx);
  if (name === 'TransportBinding') model.binding = readTransport(el, ctx);
  else if (name === 'SymmetricBinding' || name === 'AsymmetricBinding') model.binding = readMessageBinding(el, name, ctx);
  else if (name === 'Wss10' || name === 'Wss11') {
    model.wss = name === 'Wss11' ? '1.1' : '1.0';
    if (nested(el).some((a) => a.localName === 'RequireSignatureConfirmation')) model.signatureConfirmation = true;
  } else if (name === 'SignedParts' || name === 'EncryptedParts') model[name === 'SignedParts' ? 'signedParts' : 'encryptedParts'] = readParts(el);
  else if (name && (SUPPORTING_KINDS as readonly string[]).includes(name)) {
    model.supporting.push({ kind: name as SupportingKind, tokens: nested(el).map((t) => readToken(t, ctx)).filter((t): t is TokenAssertion => t !== null) });
  } else ctx.ignored.push(nodePath(el));
}

function readCommon(el: Element, b: Binding, ctx: Ctx): boolean {
  const name = spName(el, ctx);
  if (name === 'AlgorithmSuite') b.algorithmSuite = (nested(el)[0]?.localName ?? 'Basic256') as AlgorithmSuiteName;
  else if (name === 'Layout') b.layout = (nested(el)[0]?.localName ?? 'Strict') as Layout;
  else if (name === 'IncludeTimestamp') b.includeTimestamp = true;
  else return false;
  return true;
}

function readTransport(el: Element, ctx: Ctx): Binding {
  const b = transportBinding({ includeTimestamp: false });
  for (const a of nested(el)) {
    if (readCommon(a, b, ctx)) continue;
    if (spName(a, ctx) === 'TransportToken') {
      const https = nested(a).find((t) => t.localName === 'HttpsToken');
      if (!https) throw new PolicyError('POLICY_UNSUPPORTED', 'expected sp:HttpsToken in sp:TransportToken, found another token', { path: nodePath(a) });
      b.transportToken.requireClientCertificate = nested(https).some((x) => x.localName === 'RequireClientCertificate');
    } else ctx.ignored.push(nodePath(a));
  }
  return b;
}

type MessageBindingCommon = Omit<SymmetricBinding, 'kind' | 'protectionToken'>;

function readMessageBinding(el: Element, kind: 'SymmetricBinding' | 'AsymmetricBinding', ctx: Ctx): Binding {
  const tokens: Record<string, TokenAssertion | null> = {};
  const b: MessageBindingCommon = {
    algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: false,
    protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: false,
  };
  for (const a of nested(el)) {
    if (readCommon(a, b as Binding, ctx)) continue;
    const name = spName(a, ctx);
    if (name === 'ProtectionToken' || name === 'InitiatorToken' || name === 'RecipientToken') {
      tokens[name] = nested(a).map((t) => readToken(t, ctx)).find((t) => t !== null) ?? null;
    } else if (name === 'EncryptBeforeSigning') b.protectionOrder = 'EncryptBeforeSigning';
    else if (name === 'EncryptSignature') b.encryptSignature = true;
    else if (name === 'OnlySignEntireHeadersAndBody') b.onlySignEntireHeadersAndBody = true;
    else ctx.ignored.push(nodePath(a));
  }
  if (kind === 'SymmetricBinding') return { kind, ...b, protectionToken: need(tokens['ProtectionToken'], 'sp:ProtectionToken', el) };
  const initiatorToken = need(tokens['InitiatorToken'], 'sp:InitiatorToken', el);
  const recipientToken = need(tokens['RecipientToken'], 'sp:RecipientToken', el);
  if (initiatorToken.kind !== 'X509Token' || recipientToken.kind !== 'X509Token') {
    throw new PolicyError('POLICY_UNSUPPORTED', 'expected X509Token initiator and recipient tokens in sp:AsymmetricBinding, found another token kind', { path: nodePath(el) });
  }
  return { kind, ...b, initiatorToken, recipientToken };
}

function need(t: TokenAssertion | null | undefined, what: string, el: Element): TokenAssertion {
  if (!t) throw new PolicyError('POLICY_NO_TOKEN', `expected ${what} with a token this engine knows in ${el.localName}, found none`, { path: nodePath(el) });
  return t;
}

function readParts(el: Element): Parts {
  const parts: Parts = { body: false, headers: [] };
  for (const c of childElements(el)) {
    if (c.localName === 'Body') parts.body = true;
    else if (c.localName === 'Header') {
      const name = c.getAttribute('Name');
      parts.headers.push({ namespace: c.getAttribute('Namespace') ?? '', ...(name ? { name } : {}) });
    }
  }
  return parts;
}

function readToken(el: Element, ctx: Ctx): TokenAssertion | null {
  const name = spName(el, ctx);
  const include = el.getAttributeNS(NS.sp12, 'IncludeToken') || el.getAttributeNS(NS.sp11, 'IncludeToken') || '';
  if (name === 'X509Token') return readX509(el, includeTokenOf(include), ctx);
  if (name !== 'UsernameToken') {
    ctx.ignored.push(nodePath(el));
    return null;
  }
  const t = usernameToken({ profile: '1.0', includeToken: includeTokenOf(include) });
  for (const a of nested(el)) {
    const n = a.localName;
    if (n === 'WssUsernameToken10') t.profile = '1.0';
    else if (n === 'WssUsernameToken11') t.profile = '1.1';
    else if (n === 'HashPassword') t.password = 'hash';
    else if (n === 'NoPassword') t.password = 'none';
    else if (n === 'Created' && a.namespaceURI === NS.sp13) t.created = sp13(ctx);
    else if (n === 'Nonce' && a.namespaceURI === NS.sp13) t.nonce = sp13(ctx);
    else if (n === 'RequireDerivedKeys') t.requireDerivedKeys = true;
    else ctx.ignored.push(nodePath(a));
  }
  return t;
}

const X509_REFS: Record<string, X509TokenAssertion['reference']> = {
  RequireThumbprintReference: 'thumbprint', RequireKeyIdentifierReference: 'keyIdentifier', RequireIssuerSerialReference: 'issuerSerial',
};

function readX509(el: Element, includeToken: IncludeToken, ctx: Ctx): X509TokenAssertion {
  const t = x509Token({ includeToken });
  for (const a of nested(el)) {
    const n = a.localName ?? '';
    if (n === 'WssX509V3Token10' || n === 'WssX509V3Token11') t.tokenType = n;
    else if (X509_REFS[n]) t.reference = X509_REFS[n] as X509TokenAssertion['reference'];
    else if (n === 'RequireDerivedKeys') t.requireDerivedKeys = true;
    else ctx.ignored.push(nodePath(a));
  }
  return t;
}

/** An sp13 assertion makes the policy WS-SP 1.3. */
function sp13(ctx: Ctx): true {
  ctx.version = '1.3';
  return true;
}

function includeTokenOf(uri: string): IncludeToken {
  const last = uri.split('/').pop() ?? '';
  const known: IncludeToken[] = ['Never', 'Once', 'AlwaysToRecipient', 'AlwaysToInitiator', 'Always'];
  return (known as string[]).includes(last) ? (last as IncludeToken) : 'AlwaysToRecipient';
}
