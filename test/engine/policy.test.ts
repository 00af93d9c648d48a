// The security model parses from and writes to WS-SecurityPolicy XML (DESIGN.md decision 7).
import { describe, expect, it } from 'vitest';
import { listScenarios, parsePolicy, writePolicy } from '../../src/engine/index.ts';
import { UT_VARIANTS } from '../../src/engine/scenarios/usernametoken_variants.ts';

const SP = 'http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702';
const SP13 = 'http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200802';
const WSP = 'http://www.w3.org/ns/ws-policy';

// Seed 003's fragments, as printed there, wrapped in a wsp:Policy that declares the prefixes.
const wrap = (inner: string) => `<wsp:Policy xmlns:wsp="${WSP}" xmlns:sp="${SP}" xmlns:sp13="${SP13}">${inner}</wsp:Policy>`;
const SEED_SUPPORTING = `<sp:SupportingTokens><wsp:Policy><sp:UsernameToken
 sp:IncludeToken="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/AlwaysToRecipient">
 <wsp:Policy><sp:WssUsernameToken11 /><sp13:Created /><sp13:Nonce /></wsp:Policy></sp:UsernameToken></wsp:Policy></sp:SupportingTokens>`;
const SEED_HASH = `<sp:SupportingTokens><wsp:Policy><sp:UsernameToken
 sp:IncludeToken="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/AlwaysToRecipient">
 <wsp:Policy><sp:WssUsernameToken11 /><sp:HashPassword /></wsp:Policy></sp:UsernameToken></wsp:Policy></sp:SupportingTokens>`;
// The seed prints "<wsp:Policy>" where "</wsp:Policy>" closes ProtectionToken's policy; corrected here.
const SEED_SYMMETRIC = `<sp:SymmetricBinding><wsp:Policy><sp:ProtectionToken><wsp:Policy>
 <sp:UsernameToken sp:IncludeToken="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702/IncludeToken/AlwaysToRecipient">
 <wsp:Policy><sp:WssUsernameToken10 /><sp:RequireDerivedKeys /></wsp:Policy></sp:UsernameToken>
 </wsp:Policy></sp:ProtectionToken></wsp:Policy></sp:SymmetricBinding>`;

describe('WS-SecurityPolicy ⇄ security model', () => {
  it('reads seed 003 SupportingTokens with sp13 Created + Nonce', () => {
    const { model, ignored } = parsePolicy(wrap(SEED_SUPPORTING));
    expect(ignored).toEqual([]);
    expect(model.spVersion).toBe('1.3');
    expect(model.supporting).toEqual([{ kind: 'SupportingTokens', tokens: [expect.objectContaining({ kind: 'UsernameToken', profile: '1.1', password: 'text', created: true, nonce: true, includeToken: 'AlwaysToRecipient' })] }]);
  });

  it('reads seed 003 HashPassword', () => {
    expect(parsePolicy(wrap(SEED_HASH)).model.supporting[0]?.tokens[0]).toMatchObject({ kind: 'UsernameToken', password: 'hash' });
  });

  it('reads seed 003 SymmetricBinding with a derived-key UsernameToken protection token', () => {
    const { model } = parsePolicy(wrap(SEED_SYMMETRIC));
    expect(model.binding?.kind).toBe('SymmetricBinding');
    expect(model.binding?.kind === 'SymmetricBinding' && model.binding.protectionToken).toMatchObject({ profile: '1.0', requireDerivedKeys: true });
  });

  it('reports assertions it does not understand instead of dropping them silently', () => {
    const { ignored } = parsePolicy(wrap(`<sp:SignedElements><sp:XPath>//x</sp:XPath></sp:SignedElements>`));
    expect(ignored).toEqual(['Policy/SignedElements']);
  });

  for (const v of UT_VARIANTS) {
    it(`round-trips the ${v.id} model through XML`, () => {
      expect(parsePolicy(writePolicy(v.model)).model).toEqual(v.model);
    });
  }

  it('shows each variant its policy XML, written from the model that drives it', () => {
    const s = listScenarios().find((x) => x.id === 'usernametoken')!;
    const digest = s.variants.find((v) => v.id === 'password-digest')!;
    expect(digest.policyXml).toContain('<sp:HashPassword/>');
    expect(s.variants.find((v) => v.id === 'password-text-https')!.policyXml).toContain('<sp:HttpsToken>');
  });
});

describe('WS-SecurityPolicy AsymmetricBinding (X.509 mutual authentication)', () => {
  const model = {
    spVersion: '1.2' as const, wss: '1.1' as const, supporting: [], signatureConfirmation: true,
    signedParts: { body: true, headers: [{ namespace: 'http://www.w3.org/2005/08/addressing' }] },
    encryptedParts: { body: true, headers: [] },
    binding: {
      kind: 'AsymmetricBinding' as const,
      initiatorToken: { kind: 'X509Token' as const, includeToken: 'AlwaysToRecipient' as const, tokenType: 'WssX509V3Token10' as const, reference: 'direct' as const, requireDerivedKeys: false },
      recipientToken: { kind: 'X509Token' as const, includeToken: 'Never' as const, tokenType: 'WssX509V3Token10' as const, reference: 'thumbprint' as const, requireDerivedKeys: false },
      algorithmSuite: 'Basic256Sha256' as const, layout: 'Strict' as const, includeTimestamp: true,
      protectionOrder: 'EncryptBeforeSigning' as const, encryptSignature: true, onlySignEntireHeadersAndBody: true,
    },
  };
  it('round-trips through XML, parts and signature confirmation included', () => {
    const xml = writePolicy(model);
    expect(xml).toContain('<sp:RequireThumbprintReference/>');
    expect(xml).toContain('<sp:RequireSignatureConfirmation/>');
    expect(parsePolicy(xml).model).toEqual(model);
  });
});
