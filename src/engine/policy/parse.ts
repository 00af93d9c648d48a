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
  SUPPORTING_KINDS, transportBinding, usernameToken,
  type AlgorithmSuiteName, type Binding, type IncludeToken, type Layout, type SecurityModel,
  type SpVersion, type SupportingKind, type SymmetricBinding, type TokenAssertion,
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
  else if (name === 'SymmetricBinding') model.binding = readSymmetric(el, ctx);
  else if (name === 'Wss10' || name === 'Wss11') model.wss = name === 'Wss11' ? '1.1' : '1.0';
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

function readSymmetric(el: Element, ctx: Ctx): Binding {
  let token: TokenAssertion | null = null;
  const b: Omit<SymmetricBinding, 'protectionToken'> = {
    kind: 'SymmetricBinding', algorithmSuite: 'Basic256', layout: 'Strict', includeTimestamp: false,
    protectionOrder: 'SignBeforeEncrypting', encryptSignature: false, onlySignEntireHeadersAndBody: false,
  };
  for (const a of nested(el)) {
    if (readCommon(a, b as Binding, ctx)) continue;
    const name = spName(a, ctx);
    if (name === 'ProtectionToken') token = nested(a).map((t) => readToken(t, ctx)).find((t) => t !== null) ?? null;
    else if (name === 'EncryptBeforeSigning') b.protectionOrder = 'EncryptBeforeSigning';
    else if (name === 'EncryptSignature') b.encryptSignature = true;
    else if (name === 'OnlySignEntireHeadersAndBody') b.onlySignEntireHeadersAndBody = true;
    else ctx.ignored.push(nodePath(a));
  }
  if (!token) throw new PolicyError('POLICY_NO_PROTECTION_TOKEN', 'expected sp:ProtectionToken with a token this engine knows in sp:SymmetricBinding, found none', { path: nodePath(el) });
  return { ...b, protectionToken: token };
}

function readToken(el: Element, ctx: Ctx): TokenAssertion | null {
  if (spName(el, ctx) !== 'UsernameToken') {
    ctx.ignored.push(nodePath(el));
    return null;
  }
  const include = el.getAttributeNS(NS.sp12, 'IncludeToken') || el.getAttributeNS(NS.sp11, 'IncludeToken') || '';
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
