// Bad input and attacks on the UsernameToken service: each is a failed check with a stable code,
// a message naming what was expected and found, and the node's path — never an exception.
import { describe, expect, it } from 'vitest';
import { buildUsernameTokenMessage, seededRandom, verifyUsernameTokenMessage, type Report } from '../../src/engine/index.ts';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const users = { alice: 'alice-Secret-1' };

async function message(passwordType: 'PasswordText' | 'PasswordDigest', extra: { nonce?: boolean; created?: boolean; timestamp?: boolean } = {}) {
  return buildUsernameTokenMessage({ username: 'alice', password: users.alice, passwordType, ...extra }, { random: seededRandom(3), now: NOW });
}

function firstFail(r: Report) {
  return r.checks.find((c) => c.status === 'fail');
}

async function verify(wire: string, opts: Partial<Parameters<typeof verifyUsernameTokenMessage>[1]> = {}) {
  return (await verifyUsernameTokenMessage(wire, { users, now: NOW, ...opts })).report;
}

describe('UsernameToken service: baseline', () => {
  it('accepts PasswordText and PasswordDigest messages it built', async () => {
    expect((await verify(await message('PasswordText'))).accepted).toBe(true);
    expect((await verify(await message('PasswordDigest'))).accepted).toBe(true);
    expect((await verify(await message('PasswordText', { nonce: true, created: true, timestamp: true }))).accepted).toBe(true);
  });
});

describe('UsernameToken service: bad input is a failed check', () => {
  it('malformed XML gives the parser message with line and column', async () => {
    const r = await verify('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n  <soap:Body>\n</soap:Envelope>');
    const f = firstFail(r)!;
    expect(f.code).toBe('XML_MALFORMED');
    expect(f.line).toBe(3);
    expect(f.column).toBeGreaterThan(0);
  });

  it('a missing Security header', async () => {
    const wire = (await message('PasswordText')).replace(/<wsse:Security[\s\S]*<\/wsse:Security>/, '');
    const f = firstFail(await verify(wire))!;
    expect(f.code).toBe('SP_TOKEN_MISSING');
  });

  it('a wrong password type URI', async () => {
    const wire = (await message('PasswordText')).replace('#PasswordText', '#PasswordPlain');
    const f = firstFail(await verify(wire))!;
    expect(f.code).toBe('UT_PASSWORD_TYPE_UNKNOWN');
    expect(f.message).toContain('found "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordPlain"');
    expect(f.path).toBe('Envelope/Header/Security/UsernameToken/Password');
  });

  it('a nonce that is not base64', async () => {
    const wire = (await message('PasswordDigest')).replace(/(<wsse:Nonce[^>]*>)[^<]+/, '$1not*base64!');
    const f = firstFail(await verify(wire))!;
    expect(f.code).toBe('UT_NONCE_NOT_BASE64');
    expect(f.message).toContain('not*base64!');
  });

  it('a Created that is not a date', async () => {
    const wire = (await message('PasswordDigest')).replace(/(<wsu:Created>)[^<]+/, '$1yesterday');
    const f = firstFail(await verify(wire))!;
    expect(f.code).toBe('UT_CREATED_BAD_FORMAT');
    expect(f.message).toContain('"yesterday"');
  });

  it('an empty Username', async () => {
    const wire = (await message('PasswordText')).replace(/(<wsse:Username>)[^<]+/, '$1');
    expect(firstFail(await verify(wire))?.code).toBe('UT_USERNAME_MISSING');
  });

  it('a document that is not a SOAP envelope', async () => {
    const f = firstFail(await verify('<Envelope/>'))!;
    expect(f.code).toBe('SOAP_NOT_ENVELOPE');
    expect(f.message).toContain('found {}Envelope');
  });
});

describe('Security: UsernameToken attacks', () => {
  it('Security: a replayed nonce is refused the second time', async () => {
    const wire = await message('PasswordDigest');
    const first = await verifyUsernameTokenMessage(wire, { users, now: NOW });
    expect(first.report.accepted).toBe(true);
    const second = await verifyUsernameTokenMessage(wire, { users, now: NOW + 5000, nonceCache: first.nonceCache });
    expect(firstFail(second.report)?.code).toBe('UT_REPLAYED_NONCE');
  });

  it('Security: a changed digest is refused', async () => {
    const wire = (await message('PasswordDigest')).replace(/(PasswordDigest">)./, '$1Z');
    expect(firstFail(await verify(wire))?.code).toBe('UT_DIGEST_MISMATCH');
  });

  it('Security: a changed Created invalidates the digest', async () => {
    const wire = (await message('PasswordDigest')).replace(/(<wsu:Created>2026-01-01T12:00:0)0/, '$12');
    expect(firstFail(await verify(wire))?.code).toBe('UT_DIGEST_MISMATCH');
  });

  it('Security: a stale message is refused even with the right password', async () => {
    const r = await verify(await message('PasswordDigest'), { now: NOW + 301_000 });
    expect(firstFail(r)?.code).toBe('UT_CREATED_STALE');
  });

  it('Security: a wrong clear-text password is refused', async () => {
    const wire = (await message('PasswordText')).replace('alice-Secret-1', 'alice-Secret-2');
    const f = firstFail(await verify(wire))!;
    expect(f.code).toBe('UT_BAD_PASSWORD');
    expect(f.message).not.toContain('alice-Secret-1');
  });

  it('Security: an expired Timestamp is refused', async () => {
    const wire = await message('PasswordText', { timestamp: true });
    const r = await verify(wire, { now: NOW + 10 * 60_000 });
    expect(firstFail(r)?.code).toBe('TS_EXPIRED');
  });

  it('Security: two Security headers for the same receiver are refused', async () => {
    const wire = await message('PasswordText');
    const header = /<wsse:Security[\s\S]*<\/wsse:Security>/.exec(wire)![0];
    const doubled = wire.replace(header, header + header);
    expect(firstFail(await verify(doubled))?.code).toBe('WSS_MULTIPLE_SECURITY_HEADERS');
  });
});

describe('Security: UsernameToken derived-key signature (SymmetricBinding, seed 003)', () => {
  async function produced() {
    const { startRun } = await import('../../src/engine/index.ts');
    return startRun('usernametoken', 'derived-key', { seed: 4 });
  }
  async function deliverEdited(edit: (wire: string) => string) {
    const { deliver } = await import('../../src/engine/index.ts');
    const s0 = await produced();
    const s1 = await deliver(s0, 0, edit(s0.steps[0]!.produced));
    return s1.steps[0]!.report!;
  }

  it('Security: baseline — the signature made with the derived key verifies and covers Timestamp and Body', async () => {
    const r = await deliverEdited((w) => w);
    expect(r.accepted).toBe(true);
    expect(r.checks.map((c) => c.code)).toEqual(expect.arrayContaining(['UT_KEY_DERIVED', 'DSIG_SIGNATURE_VALID', 'SP_SIGNED_PARTS']));
  });

  it('Security: a removed signature is refused', async () => {
    const r = await deliverEdited((w) => w.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''));
    expect(firstFail(r)?.code).toBe('SP_SIGNATURE_MISSING');
  });

  it('Security: a password changed in the registry makes a different key, and the signature fails', async () => {
    const { deliver, setActorState } = await import('../../src/engine/index.ts');
    const s0 = await produced();
    const svc = s0.steps[0]!.before['service'] as { users: Record<string, string> };
    const s1 = await setActorState(s0, 'service', { ...svc, users: { alice: 'not-the-password' } } as never);
    const s2 = await deliver(s1, 0, s1.steps[0]!.produced);
    expect(firstFail(s2.steps[0]!.report!)?.code).toBe('DSIG_SIGNATURE_INVALID');
  });

  it('Security: signature wrapping — the signed Body moved into a header and replaced is refused', async () => {
    const r = await deliverEdited((w) => {
      const body = /<soap:Body[\s\S]*<\/soap:Body>/.exec(w)![0];
      // The signed Body is kept intact (so its digest still matches) inside a header wrapper.
      return w.replace(body, '<soap:Body><e:Echo xmlns:e="urn:wsbench:echo"><e:Text>transfer all funds</e:Text></e:Echo></soap:Body>')
        .replace('</soap:Header>', `<x:Wrapper xmlns:x="urn:x">${body}</x:Wrapper></soap:Header>`);
    });
    expect(r.accepted).toBe(false);
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.code)).toContain('SP_BODY_NOT_SIGNED');
  });
});
