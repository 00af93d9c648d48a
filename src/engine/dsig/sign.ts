// Core generation (XMLDSig §3.1): build ds:Signature in place (so enveloped-signature and the
// namespace context of SignedInfo are those of its final position), compute each Reference's
// DigestValue over its transformed target (§3.1.1), then canonicalize SignedInfo and sign it
// (§3.1.2). References are same-document "#id" pointers (BSP R3001).

import type { Document, Element, Node } from '@xmldom/xmldom';
import { toBase64, utf8 } from '../crypto/encoding.ts';
import type { RsaPrivateKey, SecretKey } from '../crypto/keys.ts';
import { digestAlgorithm, signBytes, signatureAlgorithm } from '../crypto/signature.ts';
import { UsageError } from '../report/errors.ts';
import { C14N_ALGORITHMS, canonicalize } from '../xml/c14n.ts';
import { build, type ElSpec } from '../xml/dom.ts';
import { collectIds, idOf } from '../xml/ids.ts';
import { NS, URI } from '../xml/names.ts';
import { nodePath } from '../xml/path.ts';
import { keyInfoSpec } from './key_info.ts';
import { dsChild, dsChildren, qname } from './names.ts';
import { digestTarget, parseReference } from './reference.ts';
import { signedInfoSpec } from './signed_info.ts';
import type { DereferenceStr } from './str_transform.ts';
import type { TransformSpec } from './transforms.ts';

export interface ReferenceTarget {
  /** The element to sign, or its Id ('#id' accepted). It must carry a unique Id. */
  target: Element | string;
  /** Default: one transform with the signature's c14n algorithm. */
  transforms?: TransformSpec[];
  /** DigestMethod URI. */
  digest: string;
}

export interface SignSpec {
  references: ReferenceTarget[];
  signatureAlgorithm: string;
  /** CanonicalizationMethod of SignedInfo: exclusive or inclusive c14n. */
  c14n: string;
  /** PrefixList of SignedInfo's exclusive c14n. */
  inclusivePrefixes?: string[];
  key: RsaPrivateKey | SecretKey;
  /** HMACOutputLength in bits (HMAC only; BSP R5401 forbids it in WSS, so only for experiments). */
  hmacOutputLength?: number;
  keyInfo?: ElSpec | Element;
  /** Where ds:Signature goes, e.g. the wsse:Security header. */
  parent: Element;
  insertBefore?: Node | null;
  /** Id attribute of ds:Signature. */
  id?: string;
  /** Prefix of the XML Signature namespace (default 'ds'; '' makes it the default namespace). */
  prefix?: string;
  dereferenceStr?: DereferenceStr;
}

function checkSpec(spec: SignSpec): void {
  signatureAlgorithm(spec.signatureAlgorithm);
  for (const r of spec.references) digestAlgorithm(r.digest);
  if (!(C14N_ALGORITHMS as readonly string[]).includes(spec.c14n)) {
    throw new UsageError('DSIG_UNKNOWN_ALGORITHM', `expected a canonicalization algorithm among ${C14N_ALGORITHMS.join(', ')} but found '${spec.c14n}'`);
  }
  if (spec.references.length === 0) throw new UsageError('DSIG_NO_REFERENCES', 'expected at least one reference to sign but found none');
}

/** The unique Id of a reference target. */
function targetId(target: Element | string, ids: Map<string, Element[]>): string {
  const id = typeof target === 'string' ? target.replace(/^#/, '') : idOf(target);
  const shown = typeof target === 'string' ? `Id '${id}'` : `<${target.nodeName}> at ${nodePath(target)}`;
  if (id === null) throw new UsageError('DSIG_TARGET_WITHOUT_ID', `expected ${shown} to carry wsu:Id, Id, ID or AssertionID but found none`);
  const found = ids.get(id) ?? [];
  if (found.length === 0) throw new UsageError('DSIG_REFERENCE_NOT_FOUND', `expected an element with Id '${id}' in the document but found none`);
  if (found.length > 1) throw new UsageError('DSIG_DUPLICATE_ID', `expected Id '${id}' on one element but found it on ${found.length}`);
  if (typeof target !== 'string' && found[0] !== target) {
    throw new UsageError('DSIG_REFERENCE_NOT_FOUND', `expected ${shown} to be in the signed document but found another element with Id '${id}'`);
  }
  return id;
}

function transformsOf(r: ReferenceTarget, c14n: string): TransformSpec[] {
  const list = r.transforms ?? [{ algorithm: c14n }];
  return list.map((t) => (t.algorithm === URI.strTransform && !t.c14n ? { ...t, c14n: URI.excC14n } : t));
}

function signatureSpec(spec: SignSpec, p: string, refs: Array<{ uri: string; transforms: TransformSpec[]; digest: string }>): ElSpec {
  const children: Array<ElSpec | Element> = [
    signedInfoSpec(p, { ...spec, references: refs }),
    { ns: NS.ds, name: qname(p, 'SignatureValue') },
  ];
  if (spec.keyInfo) children.push(keyInfoSpec(p, spec.keyInfo));
  return { ns: NS.ds, name: qname(p, 'Signature'), ...(spec.id ? { attrs: { Id: spec.id } } : {}), children };
}

async function fillDigests(sig: Element, refs: Array<{ transforms: TransformSpec[]; digest: string }>, spec: SignSpec, ids: Map<string, Element[]>): Promise<void> {
  const doc = sig.ownerDocument!;
  const elements = dsChildren(dsChild(sig, 'SignedInfo')!, 'Reference');
  for (let i = 0; i < elements.length; i++) {
    const ref = parseReference(elements[i]!);
    const target = ids.get(ref.uri!.slice(1))![0]!;
    const d = await digestTarget(target, refs[i]!.transforms, refs[i]!.digest, { signature: sig, dereferenceStr: spec.dereferenceStr });
    ref.digestValue!.appendChild(doc.createTextNode(d.digest));
  }
}

/** Signs the referenced parts of `doc`, inserting ds:Signature under `spec.parent`; returns it. */
export async function signDocument(doc: Document, spec: SignSpec): Promise<Element> {
  checkSpec(spec);
  const ids = collectIds(doc);
  const refs = spec.references.map((r) => ({ uri: `#${targetId(r.target, ids)}`, transforms: transformsOf(r, spec.c14n), digest: r.digest }));
  const p = spec.prefix ?? 'ds';
  const sig = build(doc, signatureSpec(spec, p, refs), spec.parent);
  spec.parent.insertBefore(sig, spec.insertBefore ?? null);
  try {
    await fillDigests(sig, refs, spec, ids);
    const signedInfo = dsChild(sig, 'SignedInfo')!;
    const canonical = canonicalize(signedInfo, spec.c14n, { inclusivePrefixes: spec.inclusivePrefixes ?? [] });
    const opts = spec.hmacOutputLength === undefined ? {} : { hmacOutputLength: spec.hmacOutputLength };
    const value = await signBytes(spec.signatureAlgorithm, spec.key, utf8(canonical), opts);
    dsChild(sig, 'SignatureValue')!.appendChild(doc.createTextNode(toBase64(value)));
  } catch (e) {
    spec.parent.removeChild(sig);
    throw e;
  }
  return sig;
}
