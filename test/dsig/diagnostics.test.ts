// The inspector's view of a verification (DESIGN.md §3): for each reference the exact canonical
// octets digested, stated vs computed digest, the canonical SignedInfo and the key's source —
// checked against independent computations (our c14n of the target, node:crypto digests and RSA).

import { createHash, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../src/engine/xml/dom.ts';
import { c14n10, excC14n } from '../../src/engine/xml/c14n.ts';
import { findById } from '../../src/engine/xml/ids.ts';
import { NS, URI } from '../../src/engine/xml/names.ts';
import { nodePath, nodePosition } from '../../src/engine/xml/path.ts';
import { KEYS, envelope, rewire, sign, verify } from './fixtures.ts';

const nodeHash = (alg: string, text: string): string => createHash(alg === URI.sha1 ? 'sha1' : 'sha256').update(text, 'utf8').digest('base64');

describe('per-reference diagnostics', () => {
  it('canonical octets equal the c14n of the target; digests equal node:crypto over them', async () => {
    const doc = envelope();
    await sign(doc, {
      references: [
        { target: 'Body-1', digest: URI.sha1, transforms: [{ algorithm: URI.excC14n }] },
        { target: 'TS-1', digest: URI.sha256, transforms: [{ algorithm: URI.c14n }] },
        { target: '_s2', digest: URI.sha1, transforms: [] },
        { target: 'payload-1', digest: URI.sha256, transforms: [{ algorithm: URI.excC14n, inclusivePrefixes: ['xsd', 'soap'] }] },
      ],
    });
    const wire = rewire(doc);
    const v = await verify(wire, URI.rsaSha1);
    expect(v.ok).toBe(true);
    const expected = [
      excC14n(findById(wire, 'Body-1')!),
      c14n10(findById(wire, 'TS-1')!),
      c14n10(findById(wire, '_s2')!), // no Transforms: the node-set is converted with c14n 1.0 (XMLDSig §4.3.3.2)
      excC14n(findById(wire, 'payload-1')!, { inclusivePrefixes: ['xsd', 'soap'] }),
    ];
    expect(v.references.map((r) => r.canonical)).toEqual(expected);
    for (const [i, r] of v.references.entries()) {
      expect(r.computedDigest).toBe(nodeHash(r.digestAlgorithm, expected[i]!));
      expect(r.statedDigest).toBe(r.computedDigest);
      const target = findById(wire, r.uri.slice(1))!;
      expect(r.path).toBe(nodePath(target));
      expect(r.line).toBe(nodePosition(target)!.line);
      expect(r.ok).toBe(true);
    }
    expect(v.references[3]!.canonical).toContain(`xmlns:soap="${NS.soap11}"`);
    expect(v.references[0]!.canonical).not.toContain('xmlns:xsd');
  });

  it('the canonical SignedInfo is what the RSA signature covers (checked with OpenSSL)', async () => {
    const doc = envelope();
    await sign(doc, { c14n: URI.c14n, references: [{ target: 'Body-1', digest: URI.sha1 }] });
    const wire = rewire(doc);
    const v = await verify(wire, URI.rsaSha1);
    const si = wire.getElementsByTagNameNS(NS.ds, 'SignedInfo').item(0)!;
    expect(v.signedInfoCanonical).toBe(c14n10(si));
    // Inclusive c14n of SignedInfo carries every namespace in scope from the envelope.
    expect(v.signedInfoCanonical).toContain(`xmlns:soap="${NS.soap11}"`);
    const value = Buffer.from(textOf(wire.getElementsByTagNameNS(NS.ds, 'SignatureValue').item(0)!), 'base64');
    expect(createVerify('sha1').update(v.signedInfoCanonical, 'utf8').verify(KEYS.rsaPublicPem, value)).toBe(true);
    expect(v.key).toEqual({ source: 'test RSA key', kind: 'rsa-public' });
  });

  it('checks carry the ds:Reference path and line, the target path and both digests', async () => {
    const doc = envelope();
    await sign(doc, { references: [{ target: 'TS-1', digest: URI.sha1 }, { target: 'Body-1', digest: URI.sha1 }] });
    const wire = rewire(doc);
    const v = await verify(wire, URI.rsaSha1);
    const refs = wire.getElementsByTagNameNS(NS.ds, 'Reference');
    const ok = v.checks.filter((c) => c.code === 'DSIG_REFERENCE_OK');
    expect(ok.map((c) => c.path)).toEqual([nodePath(refs.item(0)!), nodePath(refs.item(1)!)]);
    expect(ok[1]!.line).toBe(nodePosition(refs.item(1)!)!.line);
    expect(ok[1]!.specRef).toBe('XMLDSig §3.2.1');
    expect(ok[1]!.details).toMatchObject({ uri: '#Body-1', targetPath: 'Envelope/Body', stated: v.references[1]!.computedDigest });
    expect(ok[1]!.message).toContain('Envelope/Body');
  });
});
