// WSS 1.1 §8 Signatures: the message signature a binding asks for, placed in the wsse:Security
// header after the token whose key makes it (Strict layout: declare before use), over the
// Timestamp and the Body by their wsu:Id, with the algorithm suite's algorithms.

import type { Document, Element } from '@xmldom/xmldom';
import type { RsaPrivateKey, SecretKey } from '../crypto/keys.ts';
import { signDocument } from '../dsig/index.ts';
import { UsageError } from '../report/index.ts';
import { firstChildNS, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { SOAP_NS, type SoapVersion } from '../soap/envelope.ts';

export interface SigningPlan {
  key: SecretKey | RsaPrivateKey;
  signatureAlgorithm: string;
  digest: string;
  c14n: string;
  /** The ds:KeyInfo content (a SecurityTokenReference to the signing token). */
  keyInfo: ElSpec;
  /** wsu:Ids to sign besides the Body (e.g. the Timestamp). */
  ids: string[];
  /** Where the key came from, in words, for the trace. */
  keySource: string;
}

function securityHeaderOf(doc: Document, soap: SoapVersion): Element {
  const env = doc.documentElement as Element;
  const header = firstChildNS(env, SOAP_NS[soap], 'Header');
  const security = header ? firstChildNS(header, NS.wsse, 'Security') : null;
  if (!security) throw new UsageError('WSS_NO_SECURITY_HEADER', 'expected a wsse:Security header to put the signature in, found none');
  return security;
}

/** Signs the Body (by `bodyId`) and the plan's Ids; returns the ds:Signature element. */
export async function signSecuredMessage(doc: Document, soap: SoapVersion, plan: SigningPlan, bodyId: string): Promise<Element> {
  const parent = securityHeaderOf(doc, soap);
  const references = [...plan.ids, bodyId].map((id) => ({ target: id, digest: plan.digest }));
  return signDocument(doc, {
    references, signatureAlgorithm: plan.signatureAlgorithm, c14n: plan.c14n, key: plan.key,
    keyInfo: plan.keyInfo, parent,
  });
}
