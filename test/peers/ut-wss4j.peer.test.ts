// UsernameToken interop with Apache WSS4J 1.6 (libwss4j-java): wsbench's messages go through WSS4J's
// inbound processing (WSSecurityEngine.processSecurityHeader → UsernameTokenProcessor/Validator),
// and messages built by WSS4J's WSSecUsernameToken / WSSecTimestamp go through wsbench's service.
// One JVM run does all the WSS4J work (make and verify requests in one batch).

import { beforeAll, describe, expect, it } from 'vitest';
import { buildUsernameTokenMessage, verifyUsernameTokenMessage } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import {
  asVerifyResult,
  field,
  makeUtArgs,
  runJavaPeerBatch,
  verifyUtRequest,
  type JavaPeerRequest,
  type Wss4jMakeUtOptions,
  type Wss4jVerifyResult,
} from './java_peer.ts';
import { PEER_SEED, peerRandom } from './peer_inputs.ts';
import { describeReport, failCodes, HOUR_MS, passCodes, USERS, WRONG, WRONG_USERS } from './ut_interop.ts';

type BuildOpts = Parameters<typeof buildUsernameTokenMessage>[0];

const UTP = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

/** wsbench → WSS4J: each must be accepted. */
const OURS: { name: string; opts: BuildOpts }[] = [
  { name: 'PasswordText', opts: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordText' } },
  {
    name: 'PasswordText with Nonce and Created',
    opts: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordText', nonce: true, created: true },
  },
  { name: 'PasswordText + Timestamp', opts: { username: 'bob', password: USERS.bob!, passwordType: 'PasswordText', timestamp: true } },
  { name: 'PasswordDigest', opts: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordDigest' } },
  {
    name: 'PasswordDigest + Timestamp',
    opts: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordDigest', timestamp: true },
  },
  { name: 'PasswordDigest, non-ASCII username', opts: { username: 'zo\u00eb', password: USERS['zo\u00eb']!, passwordType: 'PasswordDigest' } },
  {
    name: 'PasswordDigest + Timestamp, SOAP 1.2',
    opts: { username: 'bob', password: USERS.bob!, passwordType: 'PasswordDigest', timestamp: true, soap: '1.2' },
  },
];

/** WSS4J → wsbench: each must be accepted. */
const THEIRS: { name: string; o: Wss4jMakeUtOptions }[] = [
  { name: 'PasswordText (WSS4J adds Nonce and Created)', o: { user: 'alice', password: USERS.alice!, type: 'text' } },
  { name: 'PasswordText, bare', o: { user: 'bob', password: USERS.bob!, type: 'text', nonce: false, created: false } },
  { name: 'PasswordText + Timestamp', o: { user: 'alice', password: USERS.alice!, type: 'text', timestamp: true } },
  { name: 'PasswordDigest', o: { user: 'alice', password: USERS.alice!, type: 'digest' } },
  { name: 'PasswordDigest + Timestamp', o: { user: 'alice', password: USERS.alice!, type: 'digest', timestamp: true } },
  { name: 'PasswordDigest, non-ASCII username', o: { user: 'zo\u00eb', password: USERS['zo\u00eb']!, type: 'digest' } },
];

let seq = 0;
const build = (opts: BuildOpts, now = Date.now()) =>
  buildUsernameTokenMessage(opts, { random: peerRandom(`ut-wss4j/${seq++}`), now });

const skip = missingPeers('java', 'wss4j');

describe.skipIf(skip)(`UsernameToken interop with Apache WSS4J 1.6 (seed ${PEER_SEED})`, () => {
  const ourXml: string[] = [];
  let ourResults: Wss4jVerifyResult[] = [];
  let theirXml: string[] = [];
  const neg: Record<string, string> = {};
  const negResults: Record<string, Wss4jVerifyResult> = {};
  let replay: Wss4jVerifyResult[] = [];

  beforeAll(async () => {
    for (const c of OURS) ourXml.push(await build(c.opts));
    neg.wrongText = await build({ username: 'alice', password: WRONG, passwordType: 'PasswordText' });
    neg.wrongDigest = await build({ username: 'alice', password: WRONG, passwordType: 'PasswordDigest' });
    neg.unknownUser = await build({ username: 'mallory', password: 'x', passwordType: 'PasswordDigest' });
    neg.stale = await build({ username: 'alice', password: USERS.alice!, passwordType: 'PasswordDigest' }, Date.now() - HOUR_MS);
    const replayed = await build({ username: 'alice', password: USERS.alice!, passwordType: 'PasswordDigest' });

    const negNames = Object.keys(neg);
    const requests: JavaPeerRequest[] = [
      ...THEIRS.map((t) => ({ args: makeUtArgs(t.o) })),
      ...ourXml.map((x) => verifyUtRequest(x, USERS)),
      ...negNames.map((n) => verifyUtRequest(neg[n]!, USERS)),
      verifyUtRequest(replayed, USERS, ['--replay-cache']),
      verifyUtRequest(replayed, USERS, ['--replay-cache']),
    ];
    const answers = runJavaPeerBatch(requests);
    let i = 0;
    theirXml = answers.slice(i, (i += THEIRS.length)).map((a) => field(a, 'xml'));
    ourResults = answers.slice(i, (i += ourXml.length)).map(asVerifyResult);
    for (const n of negNames) negResults[n] = asVerifyResult(answers[i++]);
    replay = answers.slice(i, (i += 2)).map(asVerifyResult);
  });

  describe('messages built by wsbench are accepted by WSS4J', () => {
    it.each(OURS.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
      const c = OURS[i]!;
      const r = ourResults[i]!;
      expect(r, `${JSON.stringify(r)}\n${ourXml[i]}`).toMatchObject({ ok: true, principal: c.opts.username });
      expect(r.passwordType).toBe(`${UTP}#${c.opts.passwordType}`);
      expect(r.actions).toContain('UsernameToken');
      expect(r.actions!.includes('Timestamp')).toBe(c.opts.timestamp === true);
      // WSS4J ran with its stock settings: both password types accepted, none required.
      expect(r.config.requiredPasswordType).toBeNull();
    });
  });

  describe('Security: WSS4J rejects bad wsbench messages (negative controls)', () => {
    it('wrong password, PasswordText → FailedAuthentication', () => {
      expect(negResults.wrongText).toMatchObject({ ok: false, errorCode: 'FAILED_AUTHENTICATION' });
    });
    it('wrong password, PasswordDigest → FailedAuthentication', () => {
      expect(negResults.wrongDigest).toMatchObject({ ok: false, errorCode: 'FAILED_AUTHENTICATION' });
    });
    it('unknown user → FailedAuthentication', () => {
      expect(negResults.unknownUser).toMatchObject({ ok: false, errorCode: 'FAILED_AUTHENTICATION' });
    });
    it('Created an hour old → rejected as expired', () => {
      expect(negResults.stale).toMatchObject({ ok: false, errorCode: 'MESSAGE_EXPIRED' });
    });
    it('the same digest token twice → second rejected as a replay', () => {
      expect(replay[0]).toMatchObject({ ok: true, principal: 'alice' });
      expect(replay[1]!.ok).toBe(false);
      expect(replay[1]!.error).toMatch(/replay/i);
    });
  });

  describe('messages built by WSS4J are accepted by wsbench', () => {
    it.each(THEIRS.map((t, i) => [t.name, i] as const))('%s', async (_name, i) => {
      const t = THEIRS[i]!;
      const { report } = await verifyUsernameTokenMessage(theirXml[i]!, { users: USERS, now: Date.now() });
      expect(report.accepted, `${describeReport(report)}\n${theirXml[i]}`).toBe(true);
      expect(failCodes(report)).toEqual([]);
      expect(passCodes(report)).toContain(t.o.type === 'digest' ? 'UT_DIGEST_OK' : 'UT_PASSWORD_OK');
    });
  });

  describe('Security: wsbench rejects bad WSS4J messages (negative controls)', () => {
    it.each(THEIRS.map((t, i) => [t.name, i] as const))('%s, checked against the wrong password', async (_name, i) => {
      const t = THEIRS[i]!;
      const { report } = await verifyUsernameTokenMessage(theirXml[i]!, { users: WRONG_USERS, now: Date.now() });
      expect(report.accepted).toBe(false);
      expect(failCodes(report)).toContain(t.o.type === 'digest' ? 'UT_DIGEST_MISMATCH' : 'UT_BAD_PASSWORD');
    });

    it('a WSS4J digest token replayed → UT_REPLAYED_NONCE', async () => {
      const i = THEIRS.findIndex((t) => t.o.type === 'digest' && !t.o.timestamp);
      const first = await verifyUsernameTokenMessage(theirXml[i]!, { users: USERS, now: Date.now() });
      expect(first.report.accepted, describeReport(first.report)).toBe(true);
      const second = await verifyUsernameTokenMessage(theirXml[i]!, { users: USERS, now: Date.now(), nonceCache: first.nonceCache });
      expect(second.report.accepted).toBe(false);
      expect(failCodes(second.report)).toContain('UT_REPLAYED_NONCE');
    });

    it('a WSS4J digest token checked an hour later → UT_CREATED_STALE', async () => {
      const i = THEIRS.findIndex((t) => t.o.type === 'digest' && !t.o.timestamp);
      const { report } = await verifyUsernameTokenMessage(theirXml[i]!, { users: USERS, now: Date.now() + HOUR_MS });
      expect(report.accepted).toBe(false);
      expect(failCodes(report)).toContain('UT_CREATED_STALE');
    });
  });
});
