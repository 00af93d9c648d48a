// OpenSSO agent flow (seed 001): every requester token of tables 3-1 and 3-2 runs end to end with
// the redirect, the STS token (where the mechanism needs one), the agents' signatures and checks;
// a tampered request, a token from an untrusted STS, an untrusted vouching sender and a token of
// the wrong confirmation method are refused by the WSP agent with their codes.
import type { Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  collectSecrets, deliver, DEMO_PKI_FILE, findSignatures, fromBase64, importPrivateKeyPem, listScenarios, matrixRows, parseXml, runToEnd, setActorState, signDocument, startRun,
  type Json, type Report, type RunState,
} from '../../src/engine/index.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';

const scenario = listScenarios().find((s) => s.id === 'opensso-agent')!;
const pki = DEMO_PKI_FILE.identities;
const failCodes = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.code);
const codes = (r: Report) => r.checks.map((c) => c.code);

/** Delivers every step as produced until step number `n` is the pending one. */
async function runUntil(variant: string, n: number, versions: Record<string, string> = {}): Promise<RunState> {
  let s = await startRun('opensso-agent', variant, { versions });
  for (let guard = 0; guard < 20; guard++) {
    const last = s.steps[s.steps.length - 1]!;
    if (last.n === n) return s;
    s = await deliver(s, last.index, last.produced);
  }
  throw new Error(`step ${n} never became pending`);
}

const pending = (s: RunState) => s.steps[s.steps.length - 1]!;

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** Replaces the message signature of a request with one made by `key` over `targets` (wsu:Ids or assertion ids), keyed by `keyInfo`. */
async function resign(wire: string, o: { key: Parameters<typeof signDocument>[1]['key']; algorithm: string; targets: (doc: ReturnType<typeof parseXml>) => string[]; keyInfo: (doc: ReturnType<typeof parseXml>) => Parameters<typeof signDocument>[1]['keyInfo']; bstCertPem?: string }): Promise<string> {
  const doc = parseXml(wire);
  const security = doc.getElementsByTagNameNS(WSSE, 'Security')[0] as Element;
  const messageSignature = findSignatures(doc).find((sig) => sig.parentNode === security)!;
  security.removeChild(messageSignature);
  if (o.bstCertPem) {
    const bst = security.getElementsByTagNameNS(WSSE, 'BinarySecurityToken')[0] as Element;
    bst.textContent = o.bstCertPem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  }
  await signDocument(doc, { references: o.targets(doc).map((target) => ({ target, digest: `${DS}sha1` })), signatureAlgorithm: o.algorithm, c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#', key: o.key, keyInfo: o.keyInfo(doc), parent: security });
  return serializeXml(doc);
}
const idOf = (doc: ReturnType<typeof parseXml>, ns: string, local: string): string => (doc.getElementsByTagNameNS(ns, local)[0] as Element).getAttributeNS('http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd', 'Id') ?? '';
const report = (s: RunState, n: number) => s.steps.find((x) => x.n === n)!.report!;

describe('opensso-agent: every requester token of tables 3-1 and 3-2 meets its expectations', () => {
  it('has one variant per token of tables 3-1 and 3-2', () => {
    expect(scenario.variants.map((v) => v.id).sort()).toEqual(['liberty-bearer', 'liberty-saml-hok', 'liberty-x509', 'wsibs-saml-hok', 'wsibs-saml-sv', 'wsibs-username', 'wsibs-x509']);
  });
  for (const v of scenario.variants) {
    for (const saml of v.id.startsWith('wsibs-saml') ? ['1.1', '2.0'] : ['1.1']) {
      it(`${v.id} (SAML ${saml})`, async () => {
        const done = await runToEnd(await startRun('opensso-agent', v.id, { versions: { saml } }));
        for (const s of done.steps) expect({ n: s.n, outcome: s.outcome, fails: failCodes(s.report!) }).toMatchObject({ n: s.n, outcome: 'as-expected' });
        expect(done.steps.map((s) => s.n)).toEqual(v.id.includes('saml') || v.id.includes('bearer') ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 5, 6, 7, 8, 9, 10]);
        // X.509 tokens name the certificate; the Liberty SAML token is issued to the certificate that signed the RST (row 25).
        const principal = v.id.endsWith('x509') || v.id === 'liberty-saml-hok' ? 'CN=client.wsbench.example' : 'alice';
        expect(report(done, 10).checks.find((c) => c.code === 'WSC_ANSWER')!.message).toContain(`Hello, ${principal}`);
      });
    }
  }
});

describe('the flow', () => {
  it('the unsecured access request is refused and the redirect names the STS and the WSP\'s mechanism (Liberty: the HTTP agent)', async () => {
    const s = await runUntil('liberty-bearer', 3);
    const f = report(s, 1).checks.find((c) => c.status === 'fail')!;
    expect(f.code).toBe('AGENT_SECURITY_REQUIRED');
    expect(f.message).toContain('urn:liberty:security:2005-02:null:Bearer');
    const redirect = s.steps[1]!.produced;
    expect(redirect).toContain('<oa:SecurityMechanism>urn:liberty:security:2005-02:null:Bearer</oa:SecurityMechanism>');
    expect(redirect).toContain('Agent="HTTP"');
    expect(redirect).toContain('<oa:Location>https://sts.wsbench.example/sts</oa:Location>');
    // The RST follows the mechanism the redirect named.
    expect(pending(s).produced).toContain('http://docs.oasis-open.org/ws-sx/ws-trust/200512/Bearer');
  });

  it('the WSC asks for the token the redirect implies: an edited mechanism changes the RST', async () => {
    const s = await runUntil('wsibs-saml-hok', 2);
    const edited = pending(s).produced.replaceAll('urn:sun:wss:security:null:SAMLToken-HK', 'urn:liberty:security:2005-02:null:Bearer');
    const next = await deliver(s, 1, edited);
    expect(pending(next).n).toBe(3);
    expect(pending(next).produced).toContain('/200512/Bearer</wst:KeyType>');
  });

  it('an unknown mechanism in the redirect is refused by the WSC', async () => {
    const s = await runUntil('wsibs-x509', 2);
    const next = await deliver(s, 1, pending(s).produced.replaceAll('urn:sun:wss:security:null:X509Token', 'urn:example:mechanism'));
    expect(failCodes(report(next, 2))).toEqual(['AGENT_MECHANISM_UNKNOWN']);
  });

  it('SAML 2.0 WS-IBS holder-of-key: SAML2Token-HK, a SAML 2.0 assertion, signed with the symmetric proof key', async () => {
    const done = await runToEnd(await startRun('opensso-agent', 'wsibs-saml-hok', { versions: { saml: '2.0' } }));
    expect(done.steps[1]!.produced).toContain('urn:sun:wss:security:null:SAML2Token-HK');
    const request = done.steps.find((s) => s.n === 6)!.produced;
    expect(request).toContain('<saml2:Assertion');
    expect(request).toContain('xmldsig#hmac-sha1');
    expect(request).toContain('saml-token-profile-1.1#SAMLID');
    expect(codes(report(done, 6))).toEqual(expect.arrayContaining(['SAML_PROOF_KEY', 'AGENT_HOK_BOUND', 'AGENT_VERIFIED']));
  });

  it('UserName: a digest UsernameToken covered by the WSC agent\'s X.509 signature', async () => {
    const done = await runToEnd(await startRun('opensso-agent', 'wsibs-username'));
    const request = done.steps.find((s) => s.n === 6)!.produced;
    expect(request).toContain('#PasswordDigest');
    expect(request).toContain('wsse:BinarySecurityToken');
    expect(codes(report(done, 6))).toEqual(expect.arrayContaining(['UT_AUTHENTICATED', 'SP_SUPPORTING_TOKEN', 'X509_CHAIN_VALID', 'AGENT_MECHANISM_MET']));
    expect(done.steps.find((s) => s.n === 7)!.produced).toContain('<oa:Principal>alice</oa:Principal>');
  });

  it('each SAML token is asked for as one row of table 3-3, and the STS issues what the seed says that row outputs', async () => {
    for (const v of scenario.variants.filter((x) => /row \d+/.test(x.source ?? ''))) {
      const row = matrixRows()[Number(/row (\d+)/.exec(v.source!)![1]) - 1]!;
      const done = await runToEnd(await startRun('opensso-agent', v.id));
      const decision = report(done, 3).checks.find((c) => c.code === 'STS_KEY_DECISION')!;
      expect({ variant: v.id, ...decision.details }).toMatchObject({ variant: v.id, ...(row.expected.ok ? { confirmation: row.expected.confirmation, proofKey: row.expected.proofKey } : {}) });
      expect(report(done, 6).checks.find((c) => c.code === 'SAML_CONFIRMATION')!.message).toContain(`confirmation method ${(row.expected as { confirmation: string }).confirmation}`);
    }
  });

  it('the WSP agent\'s response is signed with its key and the WSC agent checks the signer', async () => {
    const done = await runToEnd(await startRun('opensso-agent', 'liberty-x509'));
    expect(codes(report(done, 9))).toEqual(expect.arrayContaining(['DSIG_SIGNATURE_VALID', 'X509_CHAIN_VALID', 'WSA_RELATES_TO', 'AGENT_RESPONSE_VERIFIED']));
    expect(report(done, 9).checks.find((c) => c.code === 'AGENT_RESPONSE_VERIFIED')!.message).toContain('CN=service.wsbench.example');
  });
});

describe('Security: the WSP agent refuses what its mechanism does not allow', () => {
  for (const v of ['wsibs-username', 'wsibs-x509', 'wsibs-saml-hok', 'wsibs-saml-sv', 'liberty-x509', 'liberty-bearer', 'liberty-saml-hok']) {
    it(`Security: ${v} — a changed Body in the signed request is refused, and nothing reaches the WSP`, async () => {
      const s = await runUntil(v, 6);
      const tampered = pending(s).produced.replace('Hello from the web service client', 'Transfer everything to mallory');
      expect(tampered).not.toBe(pending(s).produced);
      const next = await deliver(s, pending(s).index, tampered);
      const r = report(next, 6);
      expect(r.accepted).toBe(false);
      const f = r.checks.find((c) => c.code === 'DSIG_DIGEST_MISMATCH')!;
      expect(f.message).toContain('Envelope/Body');
      expect(next.steps[next.steps.length - 1]!.produced).not.toContain('mallory');
      const forwarded = await deliver(next, pending(next).index, pending(next).produced);
      expect(failCodes(report(forwarded, 7))).toEqual(['WSP_NOT_VERIFIED']);
    });
  }

  it('Security: a token signed by an STS the WSP agent does not trust is refused', async () => {
    const s = await runUntil('liberty-saml-hok', 4);
    const sts = pending(s).before['sts'] as { x509: Record<string, string> };
    const rogue = await setActorState(s, 'sts', { ...sts, x509: { ...sts.x509, certPem: pki.itm.certPem, keyPem: pki.itm.keyPem } } as unknown as Json);
    const done = await runToEnd(rogue);
    const r = report(done, 6);
    expect(failCodes(r)).toEqual(expect.arrayContaining(['SAML_ISSUER_UNTRUSTED', 'AGENT_SAML_MISSING']));
    expect(r.checks.find((c) => c.code === 'SAML_ISSUER_UNTRUSTED')!.message).toContain('CN=itm.wsbench.example');
    expect(done.steps.find((x) => x.n === 9)!.label).toBe('Fault');
    expect(failCodes(report(done, 9))).toEqual(['SOAP_FAULT_RECEIVED']);
  });

  it('Security: a bearer token where the WSP registered holder-of-key is refused (confirmation method)', async () => {
    const s = await runUntil('liberty-bearer', 6);
    const agent = pending(s).before['wsp-agent'] as Record<string, unknown>;
    const strict = await setActorState(s, 'wsp-agent', { ...agent, mechanism: 'liberty-saml-hok', policy: { spVersion: '1.2', wss: '1.1', binding: null, supporting: [] } } as unknown as Json);
    const next = await deliver(strict, pending(strict).index, pending(strict).produced);
    const f = report(next, 6).checks.find((c) => c.code === 'AGENT_CONFIRMATION_MISMATCH')!;
    expect(f.status).toBe('fail');
    expect(f.message).toContain('expected confirmation method holder-of-key, found bearer');
  });

  it('Security: a Liberty bearer assertion replayed in a message whose signature does not cover it is refused', async () => {
    const s = await runUntil('liberty-bearer', 6);
    // Mallory (a certificate from the same CA) lifts alice's bearer assertion into a message he signs, leaving the assertion out.
    const stolen = await resign(pending(s).produced, {
      key: importPrivateKeyPem(pki.itm.keyPem), algorithm: `${DS}rsa-sha1`, bstCertPem: pki.itm.certPem,
      targets: (doc) => [idOf(doc, 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd', 'Timestamp'), idOf(doc, 'http://schemas.xmlsoap.org/soap/envelope/', 'Body')],
      keyInfo: (doc) => ({ ns: WSSE, name: 'wsse:SecurityTokenReference', children: [{ ns: WSSE, name: 'wsse:Reference', attrs: { URI: `#${idOf(doc, WSSE, 'BinarySecurityToken')}`, ValueType: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3' } }] }),
    });
    const r = report(await deliver(s, pending(s).index, stolen), 6);
    expect(codes(r)).toEqual(expect.arrayContaining(['DSIG_SIGNATURE_VALID', 'SAML_ISSUER_TRUSTED', 'SP_SIGNED_PARTS']));
    expect(failCodes(r)).toEqual(['AGENT_BEARER_NOT_BOUND']);
  });

  it('Security: a holder-of-key signature that leaves out the Timestamp does not bind the assertion to the payload', async () => {
    const s = await runUntil('wsibs-saml-hok', 6);
    const proof = fromBase64(collectSecrets(s)['issued proofKey'] as string);
    const partial = await resign(pending(s).produced, {
      key: { kind: 'secret', bytes: proof }, algorithm: `${DS}hmac-sha1`,
      targets: (doc) => [idOf(doc, 'http://schemas.xmlsoap.org/soap/envelope/', 'Body')],
      keyInfo: (doc) => {
        const id = (doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:1.0:assertion', 'Assertion')[0] as Element).getAttribute('AssertionID')!;
        return { ns: WSSE, name: 'wsse:SecurityTokenReference', children: [{ ns: WSSE, name: 'wsse:KeyIdentifier', attrs: { ValueType: 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.0#SAMLAssertionID' }, text: id }] };
      },
    });
    const r = report(await deliver(s, pending(s).index, partial), 6);
    expect(codes(r)).toContain('SAML_PROOF_OF_POSSESSION');
    const f = r.checks.find((c) => c.status === 'fail')!;
    expect(f.code).toBe('AGENT_HOK_NOT_BOUND');
    expect(f.message).toContain('without the Timestamp');
  });

  it('Security: sender-vouches from a sender the WSP agent does not trust is refused', async () => {
    const s = await runUntil('wsibs-saml-sv', 6);
    const agent = pending(s).before['wsp-agent'] as Record<string, unknown>;
    const untrusting = await setActorState(s, 'wsp-agent', { ...agent, trustedSenders: [pki.itm.certPem] } as unknown as Json);
    const next = await deliver(untrusting, pending(untrusting).index, pending(untrusting).produced);
    const f = report(next, 6).checks.find((c) => c.code === 'SAML_SENDER_UNTRUSTED')!;
    expect(f.status).toBe('fail');
    expect(f.message).toContain('CN=client.wsbench.example');
  });

  it('an STS refusal leaves the WSC agent without a credential: the request goes out unsecured and the WSP agent refuses it', async () => {
    const s = await runUntil('wsibs-saml-hok', 3);
    const sts = pending(s).before['sts'] as { config: Record<string, unknown> };
    const done = await runToEnd(await setActorState(s, 'sts', { ...sts, config: { ...sts.config, authorizedRequesters: ['bob'] } } as unknown as Json));
    expect(failCodes(report(done, 3))).toContain('STS_NOT_AUTHORIZED');
    expect(failCodes(report(done, 4))).toEqual(['WST_FAULT_RECEIVED']);
    expect(failCodes(report(done, 5))).toEqual(['AGENT_NO_CREDENTIAL']);
    const six = done.steps.find((x) => x.n === 6)!;
    expect(six.label).toBe('Unsecured request (the agent holds no credential)');
    expect(failCodes(six.report!)).toEqual(['AGENT_SECURITY_REQUIRED']);
  });

  it('Security: a response signed by someone other than the WSP agent is refused by the WSC agent', async () => {
    const s = await runUntil('wsibs-x509', 9);
    const agent = pending(s).before['wsp-agent'] as { x509: Record<string, string> };
    const impostor = await setActorState(s, 'wsp-agent', { ...agent, x509: { ...agent.x509, certPem: pki.ptm.certPem, keyPem: pki.ptm.keyPem } } as unknown as Json);
    const next = await deliver(impostor, pending(impostor).index, pending(impostor).produced);
    expect(failCodes(report(next, 9))).toContain('WSS_SIGNER_MISMATCH');
  });
});
