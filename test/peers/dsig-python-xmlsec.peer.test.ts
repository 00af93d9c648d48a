// XML Signature interop with python-xmlsec (the python3-xmlsec binding of libxmlsec1, driven by
// dsig_xmlsec_peer.py under /usr/bin/python3), both directions, for rsa-sha1, rsa-sha256,
// hmac-sha1, hmac-sha256 under exclusive and inclusive c14n. All requests of the file run in one
// Python process.

import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { URI } from '../../src/engine/xml/names.ts';
import { ALGORITHMS, C14NS, ENVELOPE, KEYS, SHORT, codes, envelope, sign, verify } from '../dsig/fixtures.ts';
import { missingPeers } from './available.ts';
import { pyKey, pythonXmlsec, signatureTemplate, withTemplate, type PeerKeys, type PyRequest } from './dsig_peers.ts';

const skip = missingPeers('python3-xmlsec');
const keys: PeerKeys = { rsaPrivatePem: KEYS.rsaPrivatePem, rsaPublicPem: KEYS.rsaPublicPem, hmac: KEYS.secret.bytes };
const IDS = ['Body-1', 'TS-1', 'payload-1', '_s2', '_a1'];
const CASES = ALGORITHMS.flatMap((alg) => C14NS.map((c14n) => ({ alg, c14n, name: `${SHORT[alg]} / ${SHORT[c14n]}` })));

/** Per case: our signed document, its tampered copy, and the peer's answers. */
const ours: Record<string, string> = {};
let answers: Array<{ xml?: string; ok?: boolean; error?: string | null }> = [];

beforeAll(async () => {
  if (skip) return;
  const requests: PyRequest[] = [];
  for (const c of CASES) {
    const doc = envelope();
    await sign(doc, { signatureAlgorithm: c.alg, c14n: c.c14n, references: IDS.map((id) => ({ target: id, digest: URI.sha256, transforms: [{ algorithm: c.c14n }] })) });
    ours[c.name] = serializeXml(doc);
    requests.push({ cmd: 'verify', xml: ours[c.name]!, key: pyKey(c.alg, keys, 'verify') });
    requests.push({ cmd: 'verify', xml: ours[c.name]!.replace('>alice<', '>admin<'), key: pyKey(c.alg, keys, 'verify') });
    const template = signatureTemplate(c.alg, c.c14n, IDS.map((id) => ({ uri: `#${id}`, transforms: [c.c14n], digest: URI.sha1 })));
    requests.push({ cmd: 'sign', xml: withTemplate(ENVELOPE, template), key: pyKey(c.alg, keys, 'sign') });
  }
  answers = pythonXmlsec(requests);
});

describe.skipIf(skip)('python-xmlsec verifies documents signed by wsbench', () => {
  CASES.forEach((c, i) => {
    it(`python-xmlsec verifies wsbench: ${c.name}`, () => {
      expect(answers[3 * i]).toEqual({ ok: true, error: null });
      expect(answers[3 * i + 1]!.ok).toBe(false);
    });
  });
});

describe.skipIf(skip)('wsbench verifies documents signed by python-xmlsec', () => {
  CASES.forEach((c, i) => {
    it(`wsbench verifies python-xmlsec: ${c.name}`, async () => {
      const xml = answers[3 * i + 2]!.xml!;
      const v = await verify(parseXml(xml), c.alg);
      expect(codes(v, 'fail')).toEqual([]);
      expect(v.ok).toBe(true);
      expect(v.references.map((r) => r.uri)).toEqual(IDS.map((id) => `#${id}`));
      const tampered = await verify(parseXml(xml.replace('2024-05-01T10:05:00Z', '2034-05-01T10:05:00Z')), c.alg);
      expect(tampered.checks.filter((x) => x.status === 'fail').map((x) => [x.code, x.details?.['uri']])).toEqual([['DSIG_DIGEST_MISMATCH', '#TS-1']]);
    });
  });
});
