// Byte-for-byte comparison of our canonicalization with two independent implementations on the
// same documents: python lxml (libxml2's c14n through etree.tostring) and xmlsec1 (the pre-digest
// bytes of References whose Transforms are enveloped-signature then the c14n algorithm).
// All documents go to one python process, which also drives xmlsec1, so the suite stays quick.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from '@xmldom/xmldom';
import { c14n10, excC14n } from '../../src/engine/xml/c14n.ts';
import { findById } from '../../src/engine/xml/ids.ts';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { C14N_CASES } from '../xml/c14n_cases.ts';
import type { C14nCase, C14nVariant } from '../xml/c14n_cases.ts';
import { missingPeers } from './available.ts';

type Variants = Record<C14nVariant, string>;
type PeerOutput = Record<string, { lxml: Variants; xmlsec?: Variants }>;

const SCRIPT = fileURLToPath(new URL('./c14n_peer.py', import.meta.url));
const VARIANTS: C14nVariant[] = ['exc', 'excComments', 'inc', 'incComments'];

const skipLxml = missingPeers('python3-lxml');
const skipXmlsec = skipLxml ?? missingPeers('xmlsec1');

function runPeers(withXmlsec: boolean): PeerOutput {
  const cases = C14N_CASES.map((c, i) => ({ key: String(i), xml: c.xml, id: c.id, prefixes: c.prefixes }));
  const out = execFileSync('/usr/bin/python3', [SCRIPT], {
    input: JSON.stringify({ cases, xmlsec: withXmlsec }),
    timeout: 60000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.toString('utf8')) as PeerOutput;
}

function ours(c: C14nCase): Variants {
  const doc = parseXml(c.xml);
  const node: Node | null = c.id ? findById(doc, c.id) : doc;
  if (!node) throw new Error(`case ${c.name}: no element with Id ${c.id}`);
  const inclusivePrefixes = c.prefixes ?? [];
  return {
    exc: excC14n(node, { inclusivePrefixes }),
    excComments: excC14n(node, { inclusivePrefixes, withComments: true }),
    inc: c14n10(node),
    incComments: c14n10(node, { withComments: true }),
  };
}

function pick(v: Variants, keep: (k: C14nVariant) => boolean): Partial<Variants> {
  return Object.fromEntries(VARIANTS.filter(keep).map((k) => [k, v[k]]));
}

let peers: PeerOutput = {};

beforeAll(() => {
  if (!skipLxml) peers = runPeers(!skipXmlsec);
});

describe.skipIf(skipLxml)('c14n matches python lxml byte for byte', () => {
  C14N_CASES.forEach((c, i) => {
    it(c.name, () => {
      const lxml = peers[String(i)]?.lxml;
      expect(lxml).toBeDefined();
      const keep = (k: C14nVariant): boolean =>
        !(k.startsWith('exc') ? c.lxmlSkip?.exclusive : c.lxmlSkip?.inclusive);
      expect(pick(ours(c), keep)).toEqual(pick(lxml!, keep));
    });
  });

  it('lxml really differs where the corpus says it cannot be the oracle', () => {
    C14N_CASES.forEach((c, i) => {
      if (!c.lxmlSkip) return;
      const lxml = peers[String(i)]!.lxml;
      const mine = ours(c);
      if (c.lxmlSkip.exclusive) expect(lxml.exc).not.toBe(mine.exc);
      if (c.lxmlSkip.inclusive) expect(lxml.inc).not.toBe(mine.inc);
    });
  });
});

describe.skipIf(skipXmlsec)('c14n matches xmlsec1 pre-digest bytes', () => {
  C14N_CASES.forEach((c, i) => {
    it(c.name, () => {
      const xmlsec = peers[String(i)]?.xmlsec;
      expect(xmlsec).toBeDefined();
      expect(ours(c)).toEqual(xmlsec);
    });
  });
});
