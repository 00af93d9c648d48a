// UsernameToken interop with node-soap (npm `soap`, a devDependency, so always present): the
// wsse:Security header its WSSecurity class writes is accepted by wsbench's service (and, as a
// cross-check, by Apache WSS4J), and rejected with the right codes when the password is wrong.

import { describe, expect, it } from 'vitest';
import { verifyUsernameTokenMessage } from '../../src/engine/index.ts';
import { missingPeers } from './available.ts';
import { asVerifyResult, runJavaPeerBatch, verifyUtRequest } from './java_peer.ts';
import { nodeSoapMessage, NODE_SOAP_VERSION, type NodeSoapUtOptions } from './node_soap_peer.ts';
import { describeReport, failCodes, passCodes, USERS, WRONG_USERS } from './ut_interop.ts';

const CASES: { name: string; o: NodeSoapUtOptions }[] = [
  { name: 'PasswordText (node-soap default: Timestamp + Created)', o: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordText' } },
  { name: 'PasswordText with Nonce', o: { username: 'bob', password: USERS.bob!, passwordType: 'PasswordText', hasNonce: true } },
  {
    name: 'PasswordText, no Timestamp, no Created',
    o: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordText', hasTimeStamp: false, hasTokenCreated: false },
  },
  { name: 'PasswordDigest + Timestamp', o: { username: 'alice', password: USERS.alice!, passwordType: 'PasswordDigest' } },
  { name: 'PasswordDigest, no Timestamp', o: { username: 'zo\u00eb', password: USERS['zo\u00eb']!, passwordType: 'PasswordDigest', hasTimeStamp: false } },
  {
    name: 'PasswordDigest, mustUnderstand',
    o: { username: 'bob', password: USERS.bob!, passwordType: 'PasswordDigest', hasTimeStamp: false, mustUnderstand: true },
  },
];

const xml = CASES.map((c) => nodeSoapMessage(c.o));

describe(`UsernameToken interop with node-soap ${NODE_SOAP_VERSION}`, () => {
  describe('messages built by node-soap are accepted by wsbench', () => {
    it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
      const { report } = await verifyUsernameTokenMessage(xml[i]!, { users: USERS, now: Date.now() });
      expect(report.accepted, `${describeReport(report)}\n${xml[i]}`).toBe(true);
      expect(failCodes(report)).toEqual([]);
      expect(passCodes(report)).toContain(CASES[i]!.o.passwordType === 'PasswordDigest' ? 'UT_DIGEST_OK' : 'UT_PASSWORD_OK');
    });
  });

  describe('Security: wsbench rejects bad node-soap messages (negative controls)', () => {
    it.each(CASES.map((c, i) => [c.name, i] as const))('%s, checked against the wrong password', async (_name, i) => {
      const { report } = await verifyUsernameTokenMessage(xml[i]!, { users: WRONG_USERS, now: Date.now() });
      expect(report.accepted).toBe(false);
      expect(failCodes(report)).toContain(CASES[i]!.o.passwordType === 'PasswordDigest' ? 'UT_DIGEST_MISMATCH' : 'UT_BAD_PASSWORD');
    });
  });

  describe.skipIf(missingPeers('java', 'wss4j'))('cross-check: the same node-soap messages against Apache WSS4J', () => {
    it('WSS4J accepts every node-soap message and rejects the wrong password', () => {
      const answers = runJavaPeerBatch([
        ...xml.map((x) => verifyUtRequest(x, USERS)),
        ...xml.map((x) => verifyUtRequest(x, WRONG_USERS)),
      ]).map(asVerifyResult);
      for (const [i, c] of CASES.entries()) {
        expect(answers[i], `${c.name}: ${JSON.stringify(answers[i])}`).toMatchObject({ ok: true, principal: c.o.username });
        expect(answers[CASES.length + i], c.name).toMatchObject({ ok: false, errorCode: 'FAILED_AUTHENTICATION' });
      }
    });
  });
});
