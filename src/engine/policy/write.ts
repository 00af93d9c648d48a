// Writes the security model out as WS-SecurityPolicy XML (WS-SP 1.2/1.3 namespaces, sp13 for the
// 1.3 additions), so the policy shown beside a flow is the one that drives it.

import type { Document, Element } from '@xmldom/xmldom';
import { build, newDocument, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { formatXml, serializeXml } from '../xml/serialize.ts';
import type { Binding, Parts, SecurityModel, SupportingTokens, TokenAssertion, X509TokenAssertion } from './model.ts';

const INCLUDE_TOKEN_BASE = 'http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/';
const INCLUDE_TOKEN_BASE_11 = 'http://schemas.xmlsoap.org/ws/2005/07/securitypolicy/IncludeToken/';

/** Serializes the model as a wsp:Policy document, indented for reading. */
export function writePolicy(model: SecurityModel): string {
  const w = new Writer(model);
  const doc = newDocument({ ns: w.wsp, name: 'wsp:Policy', xmlns: w.xmlns() });
  const root = doc.documentElement as Element;
  if (model.binding) root.appendChild(build(doc, w.binding(model.binding), root));
  const wssOptions = model.signatureConfirmation ? [w.policy([w.sp('RequireSignatureConfirmation', [])])] : [];
  root.appendChild(build(doc, w.sp(model.wss === '1.1' ? 'Wss11' : 'Wss10', wssOptions), root));
  if (model.signedParts) root.appendChild(build(doc, w.parts('SignedParts', model.signedParts), root));
  if (model.encryptedParts) root.appendChild(build(doc, w.parts('EncryptedParts', model.encryptedParts), root));
  for (const s of model.supporting) root.appendChild(build(doc, w.supporting(s), root));
  return formatXml(serializeXml(doc as Document));
}

class Writer {
  readonly sp: (name: string, children: Array<ElSpec | null>, attrs?: Array<[string, string, string]>) => ElSpec;
  readonly spNs: string;
  readonly wsp: string;
  constructor(private readonly model: SecurityModel) {
    this.spNs = model.spVersion === '1.1' ? NS.sp11 : NS.sp12;
    this.wsp = model.spVersion === '1.1' ? NS.wsp12 : NS.wsp15;
    this.sp = (name, children, attrs = []) => ({ ns: this.spNs, name: `sp:${name}`, nsAttrs: attrs, children });
  }

  xmlns(): Record<string, string> {
    const x: Record<string, string> = { wsp: this.wsp, sp: this.spNs };
    if (this.model.spVersion === '1.3') x['sp13'] = NS.sp13;
    return x;
  }

  policy(children: Array<ElSpec | null>): ElSpec {
    return { ns: this.wsp, name: 'wsp:Policy', children };
  }

  binding(b: Binding): ElSpec {
    const common = [
      this.sp('AlgorithmSuite', [this.policy([this.sp(b.algorithmSuite, [])])]),
      this.sp('Layout', [this.policy([this.sp(b.layout, [])])]),
      b.includeTimestamp ? this.sp('IncludeTimestamp', []) : null,
    ];
    if (b.kind === 'TransportBinding') {
      const https = this.sp('HttpsToken', b.transportToken.requireClientCertificate
        ? [this.policy([this.sp('RequireClientCertificate', [])])] : [this.policy([])]);
      return this.sp('TransportBinding', [this.policy([this.sp('TransportToken', [this.policy([https])]), ...common])]);
    }
    const tokens = b.kind === 'SymmetricBinding'
      ? [this.sp('ProtectionToken', [this.policy([this.token(b.protectionToken)])])]
      : [this.sp('InitiatorToken', [this.policy([this.token(b.initiatorToken)])]), this.sp('RecipientToken', [this.policy([this.token(b.recipientToken)])])];
    const extra = [
      b.protectionOrder === 'EncryptBeforeSigning' ? this.sp('EncryptBeforeSigning', []) : null,
      b.encryptSignature ? this.sp('EncryptSignature', []) : null,
      b.onlySignEntireHeadersAndBody ? this.sp('OnlySignEntireHeadersAndBody', []) : null,
    ];
    return this.sp(b.kind, [this.policy([...tokens, ...common, ...extra])]);
  }

  supporting(s: SupportingTokens): ElSpec {
    return this.sp(s.kind, [this.policy(s.tokens.map((t) => this.token(t)))]);
  }

  token(t: TokenAssertion): ElSpec {
    const base = this.model.spVersion === '1.1' ? INCLUDE_TOKEN_BASE_11 : INCLUDE_TOKEN_BASE;
    const include: Array<[string, string, string]> = [[this.spNs, 'sp:IncludeToken', base + t.includeToken]];
    if (t.kind === 'X509Token') return this.sp('X509Token', [this.policy(this.x509Inner(t))], include);
    const inner: Array<ElSpec | null> = [
      this.sp(t.profile === '1.0' ? 'WssUsernameToken10' : 'WssUsernameToken11', []),
      t.password === 'hash' ? this.sp('HashPassword', []) : null,
      t.password === 'none' ? this.sp('NoPassword', []) : null,
      t.created ? { ns: NS.sp13, name: 'sp13:Created' } : null,
      t.nonce ? { ns: NS.sp13, name: 'sp13:Nonce' } : null,
      t.requireDerivedKeys ? this.sp('RequireDerivedKeys', []) : null,
    ];
    return this.sp('UsernameToken', [this.policy(inner)], include);
  }

  x509Inner(t: X509TokenAssertion): Array<ElSpec | null> {
    const ref = { direct: null, thumbprint: 'RequireThumbprintReference', keyIdentifier: 'RequireKeyIdentifierReference', issuerSerial: 'RequireIssuerSerialReference' }[t.reference];
    return [this.sp(t.tokenType, []), ref ? this.sp(ref, []) : null, t.requireDerivedKeys ? this.sp('RequireDerivedKeys', []) : null];
  }

  parts(name: 'SignedParts' | 'EncryptedParts', p: Parts): ElSpec {
    const headers = p.headers.map((h): ElSpec => ({ ns: this.spNs, name: 'sp:Header', attrs: { ...(h.name ? { Name: h.name } : {}), Namespace: h.namespace } }));
    return this.sp(name, [p.body ? this.sp('Body', []) : null, ...headers]);
  }
}
