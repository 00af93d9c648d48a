// Scenario wsat (seed 002): every variant runs to its expectations; the commit variants are the
// seed's 22 messages in its order; the messages have the shape of the seed's examples (actions,
// namespaces, headers); every requirement check names its requirement; the actors' state shows each
// state machine; keys.json holds STx and the TLS identities; and bad input — an unknown
// transaction, a message in the wrong state, a Register without the SCT signature, an expired
// context, an application message without IssuedTokens — is refused naming the rule it breaks.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { collectSecrets, deliver, listScenarios, runToEnd, setActorState, startRun, type Json, type Report, type RunState } from '../../src/engine/index.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { canonicalize } from '../../src/engine/xml/c14n.ts';
import { childElements } from '../../src/engine/xml/dom.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import type { MachineView } from '../../src/engine/actors/wsat_common.ts';

const scenario = listScenarios().find((s) => s.id === 'wsat')!;
const firstFail = (r: Report | null) => r?.checks.find((c) => c.status === 'fail');
const run = async (variant: string) => runToEnd(await startRun('wsat', variant, { seed: 7 }));

/** Delivers steps before `index` as produced; step `index` is then pending. */
async function runTo(variant: string, index: number): Promise<RunState> {
  let s = await startRun('wsat', variant, { seed: 7 });
  for (let i = 0; i < index; i++) s = await deliver(s, i, s.steps[i]!.produced);
  return s;
}

const kids = (el: Element) => childElements(el).map((c) => `{${c.namespaceURI}}${c.localName}`);
const header = (wire: string) => childElements(childElements(parseXml(wire).documentElement!)[0]!);
const body = (wire: string) => childElements(childElements(parseXml(wire).documentElement!)[1]!)[0]!;
const child = (el: Element, local: string) => childElements(el).find((c) => c.localName === local)!;
const byLocal = (els: Element[], local: string) => els.find((e) => e.localName === local)!;
const text = (el: Element) => (el.textContent ?? '').trim();

const SEED_ORDER = [
  'Activation: CreateCoordinationContext', 'Activation: CreateCoordinationContextResponse', 'Registration: Register (Completion)', 'Registration: RegisterResponse',
  'Application: application message', 'Activation: CreateCoordinationContext with context', 'Registration: Register (Durable)', 'Registration: RegisterResponse',
  'Activation: CreateCoordinationContextResponse', 'Registration: Register (Durable)', 'Registration: RegisterResponse', 'Application: application response',
  'Protocol: Commit (Completion)', 'Protocol: Prepare (2PC)', 'Protocol: Prepare (2PC)', 'Protocol: Prepared (2PC)', 'Protocol: Prepared (2PC)',
  'Protocol: Committed (Completion)', 'Protocol: Commit (2PC)', 'Protocol: Commit (2PC)', 'Protocol: Committed (2PC)', 'Protocol: Committed (2PC)',
];
const SEED_ACTORS = [
  'app1>itm', 'itm>app1', 'app1>itm', 'itm>app1', 'app1>app2', 'app2>ptm', 'ptm>itm', 'itm>ptm', 'ptm>app2', 'app2>ptm', 'ptm>app2', 'app2>app1',
  'app1>itm', 'itm>ptm', 'ptm>app2', 'app2>ptm', 'ptm>itm', 'itm>app1', 'itm>ptm', 'ptm>app2', 'app2>ptm', 'ptm>itm',
];

describe('wsat: the variants', () => {
  it('name version, binding and outcome', () => {
    const ids = scenario.variants.map((v) => v.id);
    for (const v of ['1.0', '1.1']) {
      for (const b of ['https', 'mixed']) for (const o of ['commit', 'abort', 'rollback', 'readonly', 'volatile', 'relative-id']) expect(ids).toContain(`${v}-${b}-${o}`);
      expect(ids).toContain(`${v}-mixed-wrong-key`);
      expect(ids).toContain(`${v}-https-wrong-cert`);
    }
    expect(scenario.seed).toBe('002');
  });

  for (const v of scenario.variants) {
    it(`${v.id} runs to its expectations`, async () => {
      const done = await run(v.id);
      for (const s of done.steps) expect({ n: s.n, label: s.label, outcome: s.outcome, fail: firstFail(s.report)?.code }).toMatchObject({ n: s.n, outcome: 'as-expected' });
      expect(done.steps.length).toBe(done.total);
    });
  }

  for (const id of ['1.0-mixed-commit', '1.1-https-commit', '1.1-mixed-volatile']) {
    it(`${id}: messages 1–22 in the seed's order, numbers and classes`, async () => {
      const done = await run(id);
      expect(done.steps.map((s) => s.n)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
      expect(done.steps.map((s) => `${s.from}>${s.to}`)).toEqual(SEED_ACTORS);
      const labels = done.steps.map((s) => s.label);
      if (id.endsWith('volatile')) {
        expect(labels[9]).toBe('Registration: Register (Volatile)');
        expect(labels[14]).toBe('Protocol: Prepare (Volatile2PC)');
        expect(labels[13]).toBe('Protocol: Prepare (2PC)');
      } else expect(labels).toEqual(SEED_ORDER);
      for (const s of done.steps) expect(s.transport).toBe(s.label.startsWith('Application') ? 'http' : 'https');
    });
  }

  it('the outcomes end as chosen', async () => {
    const outcome = (s: RunState) => (s.steps[s.steps.length - 1]!.after!['app1'] as { outcome: string }).outcome;
    expect(outcome(await run('1.1-mixed-commit'))).toBe('Committed');
    expect(outcome(await run('1.1-mixed-readonly'))).toBe('Committed');
    for (const o of ['abort', 'rollback', 'relative-id', 'wrong-key']) expect(outcome(await run(`1.1-mixed-${o}`)), o).toBe('Aborted');
    const abort = await run('1.0-https-abort');
    expect(abort.steps.slice(12).map((s) => s.label)).toEqual(['Protocol: Commit (Completion)', 'Protocol: Prepare (2PC)', 'Protocol: Prepare (2PC)', 'Protocol: Aborted (2PC)', 'Protocol: Aborted (2PC)', 'Protocol: Aborted (Completion)']);
    const rollback = await run('1.0-mixed-rollback');
    expect(rollback.steps.slice(12).map((s) => s.label)).toEqual(['Protocol: Rollback (Completion)', 'Protocol: Aborted (Completion)', 'Protocol: Rollback (2PC)', 'Protocol: Rollback (2PC)', 'Protocol: Aborted (2PC)', 'Protocol: Aborted (2PC)']);
    expect(rollback.steps[14]!.produced).toContain('/wsat/Rollback');
  });
});

describe('wsat: the messages have the shape of the seed\'s examples', () => {
  for (const [v, coor, wsat, wsa, trust] of [['1.0', NS.coor10, NS.wsat10, NS.wsa2004, NS.trust2005], ['1.1', NS.coor11, NS.wsat11, NS.wsa2005, NS.trust13]] as const) {
    it(`WS-AT ${v}, mixed: actions, namespaces and headers (${v === '1.0' ? 'R1001' : 'R1002'})`, async () => {
      const done = await run(`${v}-mixed-commit`);
      const w = done.steps.map((s) => s.produced);
      for (const m of w) expect(parseXml(m).documentElement!.namespaceURI).toBe(NS.soap11);
      const action = (i: number) => text(byLocal(header(w[i]!), 'Action'));
      expect(header(w[0]!)[0]!.namespaceURI).toBe(wsa);
      expect([0, 1, 2, 3, 5, 6, 7, 8, 9, 10].map(action)).toEqual(['CreateCoordinationContext', 'CreateCoordinationContextResponse', 'Register', 'RegisterResponse', 'CreateCoordinationContext', 'Register', 'RegisterResponse', 'CreateCoordinationContextResponse', 'Register', 'RegisterResponse'].map((a) => `${coor}/${a}`));
      expect([12, 13, 15, 17, 18, 20].map(action)).toEqual(['Commit', 'Prepare', 'Prepared', 'Committed', 'Commit', 'Committed'].map((a) => `${wsat}/${a}`));
      // 1: MessageID, ReplyTo, To, a Security header with a Timestamp; CoordinationType in the Body.
      expect(header(w[0]!).map((h) => h.localName)).toEqual(['Action', 'MessageID', 'ReplyTo', 'To', 'Security']);
      expect(kids(header(w[0]!)[4]!)).toEqual([`{${NS.wsu}}Timestamp`]);
      expect(text(child(body(w[0]!), 'CoordinationType'))).toBe(wsat);
      // 2: RelatesTo, To, t:IssuedTokens (RSTR as the seed orders it), Security with Timestamp _0.
      const h2 = header(w[1]!);
      expect(text(byLocal(h2, 'RelatesTo'))).toBe(text(byLocal(header(w[0]!), 'MessageID')));
      const issued = byLocal(h2, 'IssuedTokens');
      expect(issued.namespaceURI).toBe(trust);
      const rstr = childElements(issued)[0]!;
      expect(kids(rstr)).toEqual([`{${trust}}TokenType`, `{${trust}}RequestedSecurityToken`, `{${NS.wsp12}}AppliesTo`, `{${trust}}RequestedAttachedReference`, `{${trust}}RequestedUnattachedReference`, `{${trust}}RequestedProofToken`, `{${trust}}Lifetime`, `{${trust}}KeySize`]);
      expect(text(child(rstr, 'TokenType'))).toBe(`${NS.sc2005}/sct`);
      expect(kids(child(rstr, 'RequestedSecurityToken'))).toEqual([`{${NS.sc2005}}SecurityContextToken`]);
      expect(child(child(rstr, 'RequestedProofToken'), 'BinarySecret').getAttribute('Type')).toBe(`${trust}/SymmetricKey`);
      expect(text(child(rstr, 'KeySize'))).toBe('256');
      const ctx = child(body(w[1]!), 'CoordinationContext');
      expect(text(child(rstr, 'AppliesTo'))).toBe(text(child(ctx, 'Identifier')));
      expect(childElements(ctx).map((c) => c.localName)).toEqual(['Identifier', 'Expires', 'CoordinationType', 'RegistrationService']);
      expect(childElements(child(ctx, 'RegistrationService')).map((c) => c.localName)).toEqual(['Address', 'ReferenceParameters']);
      expect(byLocal(h2, 'Security').getElementsByTagNameNS(NS.wsu, 'Timestamp')[0]!.getAttributeNS(NS.wsu, 'Id')).toBe('_0');
      // 3: Security = Timestamp _0, the SCT, a signature over #_0 (exc-c14n, HMAC-SHA1, SHA-1) keyed by the SCT's Identifier.
      const sec3 = byLocal(header(w[2]!), 'Security');
      expect(kids(sec3)).toEqual([`{${NS.wsu}}Timestamp`, `{${NS.sc2005}}SecurityContextToken`, `{${NS.ds}}Signature`]);
      const sig = child(sec3, 'Signature');
      const si = child(sig, 'SignedInfo');
      expect(child(si, 'CanonicalizationMethod').getAttribute('Algorithm')).toBe(URI.excC14n);
      expect(child(si, 'SignatureMethod').getAttribute('Algorithm')).toBe(URI.hmacSha1);
      expect(child(si, 'Reference').getAttribute('URI')).toBe('#_0');
      expect(child(child(si, 'Reference'), 'DigestMethod').getAttribute('Algorithm')).toBe(URI.sha1);
      const sctId = text(child(child(sec3, 'SecurityContextToken'), 'Identifier'));
      expect(child(child(child(sig, 'KeyInfo'), 'SecurityTokenReference'), 'Reference').getAttribute('URI')).toBe(sctId);
      expect(text(child(body(w[2]!), 'ProtocolIdentifier'))).toBe(`${wsat}/Completion`);
      expect(text(child(body(w[6]!), 'ProtocolIdentifier'))).toBe(`${wsat}/Durable2PC`);
      // 4: CoordinatorProtocolService with Address and ReferenceParameters (B1241).
      expect(childElements(child(body(w[3]!), 'CoordinatorProtocolService')).map((c) => c.localName)).toEqual(['Address', 'ReferenceParameters']);
      // 5: Security = Timestamp, BST, EncryptedKey (ReferenceList: Body, CC, IssuedTokens), Signature; then two EncryptedHeaders.
      const h5 = header(w[4]!);
      expect(h5.slice(-3).map((h) => h.localName)).toEqual(['Security', 'EncryptedHeader', 'EncryptedHeader']);
      const sec5 = byLocal(h5, 'Security');
      expect(kids(sec5)).toEqual([`{${NS.wsu}}Timestamp`, `{${NS.wsse}}BinarySecurityToken`, `{${NS.xenc}}EncryptedKey`, `{${NS.ds}}Signature`]);
      const refs = childElements(child(child(sec5, 'EncryptedKey'), 'ReferenceList')).map((r) => r.getAttribute('URI'));
      expect(refs.length).toBe(3);
      expect(refs.slice(1)).toEqual(h5.slice(-2).map((eh) => `#${childElements(eh)[0]!.getAttribute('Id')}`));
      expect(body(w[4]!).localName).toBe('EncryptedData');
      expect(w[4]).not.toContain('CoordinationContext>');
      // 13–22: an empty wsat element in the Body, the reference parameters of the EPR copied as headers (B1131, B1241).
      expect(body(w[13]!).localName).toBe('Prepare');
      expect(childElements(body(w[13]!))).toEqual([]);
      expect(header(w[13]!).some((h) => h.localName === 'Participant' && h.namespaceURI === NS.wsbenchTx)).toBe(true);
      expect(header(w[16]!).filter((h) => h.namespaceURI === NS.wsbenchTx).map((h) => h.localName)).toEqual(['Transaction', 'Enlistment']);
      expect(kids(byLocal(header(w[13]!), 'Security'))).toEqual([`{${NS.wsu}}Timestamp`]);
    });
  }

  it('the HTTPS binding carries no IssuedTokens and no signature; TLS authenticates (R1111)', async () => {
    const done = await run('1.1-https-commit');
    for (const s of done.steps) expect(s.produced).not.toContain('IssuedTokens');
    expect(kids(byLocal(header(done.steps[2]!.produced), 'Security'))).toEqual([`{${NS.wsu}}Timestamp`]);
    const tls = done.steps[6]!.report!.checks.filter((c) => c.code === 'WSAT_TLS_SUBJECT_FQDN');
    expect(tls.map((c) => c.message)).toEqual([expect.stringContaining('TLS client ptm.wsbench.example presented CN=ptm.wsbench.example'), expect.stringContaining('TLS server itm.wsbench.example presented CN=itm.wsbench.example')]);
  });
});

describe('wsat: requirements in the reports, machines in the state, secrets in keys.json', () => {
  it('each requirement check names its requirement', async () => {
    const done = await run('1.1-mixed-commit');
    const codes = (i: number) => done.steps[i]!.report!.checks.filter((c) => c.status === 'pass').map((c) => [c.code, c.specRef]);
    expect(codes(0)).toEqual(expect.arrayContaining([['WSAT_TLS_SUBJECT_FQDN', 'WS-AT interop R1111'], ['COOR_WSA_VERSION', 'WS-AT interop R1002']]));
    expect(codes(1)).toEqual(expect.arrayContaining([['WSAT_ISSUED_TOKEN', 'WS-AT interop R1222']]));
    expect(codes(2)).toEqual(expect.arrayContaining([['WSAT_REGISTER_AUTHENTICATED', 'WS-AT interop R1232']]));
    expect(codes(3)).toEqual(expect.arrayContaining([['COOR_REFERENCE_PARAMETERS', 'WS-AT interop B1241']]));
    expect(codes(4)).toEqual(expect.arrayContaining([['WSAT_APP_HEADER_PROTECTED', 'WS-AT interop R2002'], ['WSAT_APP_TRANSACTION_HEADERS', 'WS-AT interop R2001'], ['COOR_IDENTIFIER', 'WS-AT interop B2003']]));
    expect(codes(5)).toEqual(expect.arrayContaining([['WSAT_ISSUED_TOKENS_FLOWED', 'WS-AT interop R1223']]));
    expect(codes(8)).toEqual(expect.arrayContaining([['WSAT_ISSUED_TOKEN', 'WS-AT interop R1223']]));
    expect(codes(14)).toEqual(expect.arrayContaining([['COOR_CORRELATION', 'WS-AT interop B1131']]));
    expect(codes(16)).toEqual(expect.arrayContaining([['COOR_CORRELATION', 'WS-AT interop B1241']]));
    expect(done.steps[2]!.specRefs).toEqual(expect.arrayContaining(['R1232', 'B1231']));
    expect(done.steps[1]!.specRefs).toContain('R1222');
    expect(done.steps[4]!.specRefs).toEqual(expect.arrayContaining(['R2001', 'R2002', 'B2003']));
    const v10 = await run('1.0-https-commit');
    expect(v10.steps[0]!.report!.checks.find((c) => c.code === 'COOR_WSA_VERSION')).toMatchObject({ status: 'pass', specRef: 'WS-AT interop R1001' });
  });

  it('every step\'s actor state holds each machine\'s state per enlistment', async () => {
    const done = await run('1.1-mixed-commit');
    const m = (i: number, actor: string) => (done.steps[i]!.after![actor] as unknown as { machines: MachineView[] }).machines.map((x) => `${x.role} ${x.protocol} ${x.state}`);
    expect(m(3, 'itm')).toEqual(['coordinator Completion Active']);
    expect(m(3, 'app1')).toEqual(['initiator Completion Active']);
    expect(m(10, 'ptm')).toEqual(['coordinator Durable2PC Active', 'participant Durable2PC Active']);
    expect(m(12, 'itm')).toEqual(['coordinator Completion Completing', 'coordinator Durable2PC Preparing']);
    expect(m(14, 'ptm')).toEqual(['coordinator Durable2PC Preparing', 'participant Durable2PC Preparing']);
    expect(m(14, 'app2')).toEqual(['participant Durable2PC PreparedSuccess']);
    expect(m(16, 'itm')).toEqual(['coordinator Completion None', 'coordinator Durable2PC Committing']);
    expect(m(17, 'app1')).toEqual(['initiator Completion Committed']);
    expect(m(21, 'itm')).toEqual(['coordinator Completion None', 'coordinator Durable2PC None']);
    expect(m(21, 'ptm')).toEqual(['coordinator Durable2PC None', 'participant Durable2PC None']);
    const itm = done.steps[21]!.after!['itm'] as { transactions: Array<{ phase: string; outcome: string }> };
    expect(itm.transactions[0]).toMatchObject({ phase: 'ended', outcome: 'committed' });
  });

  it('keys.json holds each STx (the secret that signed each Register) and every TLS identity', async () => {
    const done = await run('1.1-mixed-commit');
    const keys = collectSecrets(done);
    for (const host of ['client', 'itm', 'service', 'ptm']) expect(keys[`TLS identity of ${host}.wsbench.example`]).toMatchObject({ certPem: expect.stringContaining('BEGIN CERTIFICATE'), keyPem: expect.stringContaining('PRIVATE KEY') });
    for (const i of [2, 6, 9]) {
      const doc = parseXml(done.steps[i]!.produced);
      const sctId = text(doc.getElementsByTagNameNS(NS.sc2005, 'Identifier')[0]!);
      const stx = keys[`STx ${sctId}`] as { secretB64: string } | undefined;
      expect(stx, `STx of ${sctId}`).toBeDefined();
      // An independent HMAC-SHA1 (node:crypto) over the canonical SignedInfo matches the SignatureValue.
      const si = doc.getElementsByTagNameNS(NS.ds, 'SignedInfo')[0]!;
      const mac = createHmac('sha1', Buffer.from(stx!.secretB64, 'base64')).update(canonicalize(si, URI.excC14n)).digest('base64');
      expect(text(doc.getElementsByTagNameNS(NS.ds, 'SignatureValue')[0]!)).toBe(mac);
    }
    expect(Object.keys(keys).filter((k) => k.startsWith('STx ')).length).toBe(2);
    const issued = parseXml(done.steps[1]!.produced).getElementsByTagNameNS(NS.trust13, 'BinarySecret')[0]!;
    expect(Object.values(keys).some((v) => (v as { secretB64?: string } | null)?.secretB64 === text(issued))).toBe(true);
  });
});

const edit = (wire: string, from: string | RegExp, to: string) => {
  const out = wire.replace(from, to);
  expect(out).not.toBe(wire);
  return out;
};

describe('wsat: bad input is refused naming the rule it breaks', () => {
  it('a notification for an unknown transaction', async () => {
    const s = await runTo('1.1-mixed-commit', 16);
    const r = await deliver(s, 16, edit(s.steps[16]!.produced, /(<wstx:Transaction[^>]*>)[^<]+/, '$1http://itm.wsbench.example/tx/no-such-transaction'));
    expect(firstFail(r.steps[16]!.report)).toMatchObject({ code: 'AT_UNKNOWN_TRANSACTION', specRef: expect.stringContaining('B1241') });
  });

  it('a protocol message in the wrong state (Committed before Commit)', async () => {
    const s = await runTo('1.0-https-commit', 16);
    const wire = edit(edit(s.steps[16]!.produced, '/wsat/Prepared<', '/wsat/Committed<'), /wsat:Prepared/g, 'wsat:Committed');
    const r = await deliver(s, 16, wire);
    expect(firstFail(r.steps[16]!.report)).toMatchObject({ code: 'AT_INVALID_STATE', message: expect.stringContaining('found Committed') });
    // WS-AT's table: Committed while Preparing aborts the transaction — Rollback down, Aborted to App1.
    const itm = r.steps[16]!.after!['itm'] as unknown as { machines: MachineView[]; outbox: Array<{ label: string }> };
    expect(itm.machines.map((x) => `${x.protocol} ${x.state}`)).toEqual(['Completion None', 'Durable2PC Aborting']);
    expect(itm.outbox.map((o) => o.label)).toEqual(['Fault (InvalidState)', 'Aborted (Completion)', 'Rollback (2PC)']);
    expect(r.steps[17]!.label).toBe('Protocol: Aborted (Completion)');
    expect(r.steps[17]!.produced).toContain('/wsat/Aborted<');
  });

  it('a Register without the SCT signature (R1232)', async () => {
    const s = await runTo('1.1-mixed-commit', 6);
    const r = await deliver(s, 6, edit(s.steps[6]!.produced, /<ds:Signature[\s\S]*<\/ds:Signature>/, ''));
    expect(r.steps[6]!.report!.checks.find((c) => c.code === 'WSAT_REGISTER_NOT_AUTHENTICATED')).toMatchObject({ status: 'fail', specRef: 'WS-AT interop R1232', message: expect.stringContaining('found no ds:Signature') });
    expect(r.steps[7]!.produced).toContain('CannotRegisterParticipant');
  });

  it('a Register whose signed Timestamp was changed (R1232)', async () => {
    const s = await runTo('1.0-mixed-commit', 2);
    const r = await deliver(s, 2, edit(s.steps[2]!.produced, /(<wsu:Expires>2026-01-01T00:0)5/, '$19'));
    expect(r.steps[2]!.report!.checks.find((c) => c.code === 'WSAT_REGISTER_NOT_AUTHENTICATED')).toMatchObject({ status: 'fail', specRef: 'WS-AT interop R1232' });
  });

  it('a Register for an expired context', async () => {
    const s = await runTo('1.1-https-commit', 6);
    const itm = JSON.parse(JSON.stringify(s.steps[6]!.before['itm'])) as { transactions: Array<{ createdAt: number }> };
    itm.transactions[0]!.createdAt -= 600_000;
    const again = await setActorState(s, 'itm', itm as unknown as Json);
    const r = await deliver(again, 6, again.steps[6]!.produced);
    expect(firstFail(r.steps[6]!.report)).toMatchObject({ code: 'COOR_CONTEXT_EXPIRED', specRef: 'WS-Coordination 1.1 §3.1' });
  });

  it('an application message without IssuedTokens (R2001), or with the headers in clear (R2002)', async () => {
    const s = await runTo('1.1-mixed-commit', 4);
    const app1 = s.steps[4]!.before['app1'] as { appMessage: Record<string, boolean> };
    const without = await setActorState(s, 'app1', { ...app1, appMessage: { ...app1.appMessage, flowIssuedTokens: false } } as unknown as Json);
    const r1 = await deliver(without, 4, without.steps[4]!.produced);
    expect(firstFail(r1.steps[4]!.report)).toMatchObject({ code: 'WSAT_APP_ISSUED_TOKENS_MISSING', specRef: 'WS-AT interop R2001' });
    // App2 refused the call, so it does not join: the flow's next message is not sent.
    expect(r1.steps[5]!.label).toBe('Activation: nothing to send (CreateCoordinationContext with context)');
    expect((await deliver(r1, 5, r1.steps[5]!.produced)).steps[5]!.report!.checks[0]).toMatchObject({ code: 'WSAT_NOTHING_SENT', message: expect.stringContaining('WSAT_APP_ISSUED_TOKENS_MISSING') });
    const clear = await setActorState(s, 'app1', { ...app1, appMessage: { ...app1.appMessage, encryptHeaders: false } } as unknown as Json);
    const r2 = await deliver(clear, 4, clear.steps[4]!.produced);
    expect(r2.steps[4]!.report!.checks.filter((c) => c.code === 'WSAT_APP_HEADER_NOT_ENCRYPTED').map((c) => c.specRef)).toEqual(['WS-AT interop R2002', 'WS-AT interop R2002']);
  });

  it('a 2PC message without the participant\'s reference parameter (B1131)', async () => {
    const s = await runTo('1.1-https-commit', 14);
    const r = await deliver(s, 14, edit(s.steps[14]!.produced, /<wstx:Participant[^>]*>[^<]*<\/wstx:Participant>/, ''));
    expect(firstFail(r.steps[14]!.report)).toMatchObject({ code: 'COOR_CORRELATION_MISSING', specRef: 'WS-AT interop B1131' });
  });

  it('an IssuedTokens header not flowed on the subordinate CreateCoordinationContext (R1223)', async () => {
    const s = await runTo('1.0-mixed-commit', 5);
    const r = await deliver(s, 5, edit(s.steps[5]!.produced, /<t:IssuedTokens[\s\S]*<\/t:IssuedTokens>/, ''));
    expect(firstFail(r.steps[5]!.report)).toMatchObject({ code: 'WSAT_ISSUED_TOKENS_NOT_FLOWED', specRef: 'WS-AT interop R1223' });
    const ptm = r.steps[5]!.after!['ptm'] as { outbox: Array<{ label: string; to: { address: string } }> };
    expect(ptm.outbox).toEqual([expect.objectContaining({ label: 'Fault (InvalidParameters)', to: { address: 'https://service.wsbench.example/app2/tx', referenceParameters: [] } })]);
  });

  it('a message over plain HTTP between transaction managers (R1111)', async () => {
    const s = await runTo('1.1-https-commit', 0);
    const again = { ...s, steps: [{ ...s.steps[0]!, transport: 'http' as const }] };
    const r = await deliver(again, 0, s.steps[0]!.produced);
    expect(firstFail(r.steps[0]!.report)).toMatchObject({ code: 'WSAT_HTTPS_REQUIRED' });
  });

  it('an edit that changes the flow relabels what was really sent, and the timeline runs on', async () => {
    const s = await runTo('1.1-mixed-commit', 14);
    const app2 = s.steps[14]!.before['app2'] as Record<string, Json>;
    const done = await runToEnd(await setActorState(s, 'app2', { ...app2, vote: 'Aborted' }));
    expect(done.steps.slice(15, 18).map((x) => x.label)).toEqual(['Protocol: Aborted (2PC)', 'Protocol: Aborted (2PC)', 'Protocol: Aborted (Completion)']);
    expect(done.steps[18]!.label).toBe('Protocol: nothing to send (Commit (2PC))');
    expect(done.steps[18]!.report!.checks[0]).toMatchObject({ code: 'WSAT_NOTHING_SENT', status: 'fail' });
    expect((done.steps[17]!.after!['app1'] as { outcome: string }).outcome).toBe('Aborted');
  });

  it('garbage on the wire is a failed check, not a crash', async () => {
    const s = await runTo('1.1-mixed-commit', 2);
    const r = await deliver(s, 2, '<not-xml');
    expect(firstFail(r.steps[2]!.report)?.code).toMatch(/^XML_/);
  });
});
