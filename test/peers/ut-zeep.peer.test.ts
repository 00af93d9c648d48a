// UsernameToken interop with zeep (python3-zeep 4.x): messages zeep's UsernameToken.apply() puts on
// the wire are accepted by wsbench's service (and, as a cross-check that the harness produces real
// zeep output, by Apache WSS4J), and rejected with the right codes when the password is wrong.
// zeep has no inbound UsernameToken check (its verify() is a no-op), so traffic goes one way.

import { beforeAll, describe, expect, it } from 'vitest';
import { verifyUsernameTokenMessage } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import { asVerifyResult, runJavaPeerBatch, verifyUtRequest } from './java_peer.ts';
import { describeReport, failCodes, HOUR_MS, passCodes, USERS, WRONG_USERS } from './ut_interop.ts';
import { zeepMessages, type ZeepMakeRequest } from './zeep_peer.ts';

type ZeepCase = { name: string; q: Omit<ZeepMakeRequest, 'cmd'> };

const CASES: ZeepCase[] = [
  { name: 'PasswordText (zeep default: no Nonce, no Created)', q: { username: 'alice', password: USERS.alice!, use_digest: false } },
  { name: 'PasswordText + Timestamp', q: { username: 'bob', password: USERS.bob!, use_digest: false, timestamp: true } },
  { name: 'PasswordDigest (Created as +00:00, zeep default)', q: { username: 'alice', password: USERS.alice!, use_digest: true } },
  { name: 'PasswordDigest, zulu_timestamp', q: { username: 'alice', password: USERS.alice!, use_digest: true, zulu: true } },
  { name: 'PasswordDigest + Timestamp', q: { username: 'bob', password: USERS.bob!, use_digest: true, timestamp: true } },
  { name: 'PasswordDigest, non-ASCII username', q: { username: 'zo\u00eb', password: USERS['zo\u00eb']!, use_digest: true } },
  { name: 'PasswordDigest, SOAP 1.2', q: { username: 'alice', password: USERS.alice!, use_digest: true, soap: '1.2' } },
];

/** zeep's digest with a Created an hour in the past (its `created` constructor argument). */
const staleCreated = (): string => new Date(Date.now() - HOUR_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe.skipIf(missingPeers('python3-zeep'))('UsernameToken interop with zeep', () => {
  let xml: string[] = [];
  let stale = '';

  beforeAll(() => {
    const all = zeepMessages([
      ...CASES.map((c) => c.q),
      { username: 'alice', password: USERS.alice!, use_digest: true, created: staleCreated() },
    ]);
    xml = all.slice(0, CASES.length);
    stale = all[CASES.length]!;
  });

  describe('messages built by zeep are accepted by wsbench', () => {
    it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
      const { report } = await verifyUsernameTokenMessage(xml[i]!, { users: USERS, now: Date.now() });
      expect(report.accepted, `${describeReport(report)}\n${xml[i]}`).toBe(true);
      expect(failCodes(report)).toEqual([]);
      expect(passCodes(report)).toContain(CASES[i]!.q.use_digest ? 'UT_DIGEST_OK' : 'UT_PASSWORD_OK');
    });
  });

  describe('Security: wsbench rejects bad zeep messages (negative controls)', () => {
    it.each(CASES.map((c, i) => [c.name, i] as const))('%s, checked against the wrong password', async (_name, i) => {
      const { report } = await verifyUsernameTokenMessage(xml[i]!, { users: WRONG_USERS, now: Date.now() });
      expect(report.accepted).toBe(false);
      expect(failCodes(report)).toContain(CASES[i]!.q.use_digest ? 'UT_DIGEST_MISMATCH' : 'UT_BAD_PASSWORD');
    });

    it('a zeep digest token replayed → UT_REPLAYED_NONCE', async () => {
      const i = CASES.findIndex((c) => c.q.use_digest);
      const first = await verifyUsernameTokenMessage(xml[i]!, { users: USERS, now: Date.now() });
      expect(first.report.accepted, describeReport(first.report)).toBe(true);
      const second = await verifyUsernameTokenMessage(xml[i]!, { users: USERS, now: Date.now(), nonceCache: first.nonceCache });
      expect(second.report.accepted).toBe(false);
      expect(failCodes(second.report)).toContain('UT_REPLAYED_NONCE');
    });

    it('a zeep digest token created an hour ago → UT_CREATED_STALE', async () => {
      const { report } = await verifyUsernameTokenMessage(stale, { users: USERS, now: Date.now() });
      expect(report.accepted).toBe(false);
      expect(failCodes(report)).toContain('UT_CREATED_STALE');
    });
  });

  describe.skipIf(missingPeers('java', 'wss4j'))('cross-check: the same zeep messages against Apache WSS4J', () => {
    it('WSS4J accepts every zeep message, rejects the wrong password and the stale one', () => {
      const answers = runJavaPeerBatch([
        ...xml.map((x) => verifyUtRequest(x, USERS)),
        ...xml.map((x) => verifyUtRequest(x, WRONG_USERS)),
        verifyUtRequest(stale, USERS),
      ]).map(asVerifyResult);
      for (const [i, c] of CASES.entries()) {
        expect(answers[i], `${c.name}: ${JSON.stringify(answers[i])}`).toMatchObject({ ok: true, principal: c.q.username });
        expect(answers[i]!.actions!.includes('Timestamp')).toBe(c.q.timestamp === true);
        expect(answers[CASES.length + i], c.name).toMatchObject({ ok: false, errorCode: 'FAILED_AUTHENTICATION' });
      }
      expect(answers[2 * CASES.length]).toMatchObject({ ok: false, errorCode: 'MESSAGE_EXPIRED' });
    });
  });
});
