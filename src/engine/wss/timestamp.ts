// WSS: SOAP Message Security 1.1 §10 Security Timestamps: wsu:Timestamp with wsu:Created and an
// optional wsu:Expires. The receiver refuses an expired timestamp or one created in its future.

import type { Element } from '@xmldom/xmldom';
import { childElements, textOf, type ElSpec } from '../xml/dom.ts';
import { NS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';
import { formatDateTime, parseDateTime } from './datetime.ts';

const SPEC = 'WSS 1.1 §10';

export interface TimestampOptions {
  id: string;
  now: number;
  /** Seconds until wsu:Expires (WCF and WSS4J default to 300). */
  ttlSeconds: number;
}

export function buildTimestamp(o: TimestampOptions): ElSpec {
  return {
    ns: NS.wsu,
    name: 'wsu:Timestamp',
    nsAttrs: [[NS.wsu, 'wsu:Id', o.id]],
    children: [
      { ns: NS.wsu, name: 'wsu:Created', text: formatDateTime(o.now) },
      { ns: NS.wsu, name: 'wsu:Expires', text: formatDateTime(o.now + o.ttlSeconds * 1000) },
    ],
  };
}

export interface TimestampPolicy {
  now: number;
  /** Allowed clock skew in seconds for Created in the future and Expires in the past. */
  skewSeconds: number;
}

/** Checks one wsu:Timestamp: structure, formats, not yet valid, expired. */
export function checkTimestamp(ts: Element, p: TimestampPolicy): Check[] {
  const kids = childElements(ts);
  const created = kids.filter((k) => k.namespaceURI === NS.wsu && k.localName === 'Created');
  const expires = kids.filter((k) => k.namespaceURI === NS.wsu && k.localName === 'Expires');
  if (created.length !== 1) {
    return [fail('TS_CREATED_MISSING', `expected exactly one wsu:Created in wsu:Timestamp, found ${created.length}`, ts)];
  }
  if (expires.length > 1) return [fail('TS_MULTIPLE_EXPIRES', `expected at most one wsu:Expires, found ${expires.length}`, ts)];
  const c = created[0] as Element;
  const createdAt = parseDateTime(textOf(c));
  if (!createdAt) return [fail('TS_BAD_FORMAT', `expected an xsd:dateTime in wsu:Created, found "${textOf(c)}"`, c)];
  const skew = p.skewSeconds * 1000;
  if (createdAt.ms > p.now + skew) {
    return [fail('TS_CREATED_IN_FUTURE', `wsu:Created ${textOf(c)} is ${Math.round((createdAt.ms - p.now) / 1000)} s ahead of the receiver's clock ${formatDateTime(p.now)} (allowed skew ${p.skewSeconds} s)`, c)];
  }
  const e = expires[0];
  if (!e) return [pass(`wsu:Timestamp created ${textOf(c)}, no wsu:Expires`, ts)];
  const expiresAt = parseDateTime(textOf(e));
  if (!expiresAt) return [fail('TS_BAD_FORMAT', `expected an xsd:dateTime in wsu:Expires, found "${textOf(e)}"`, e)];
  if (expiresAt.ms <= createdAt.ms) return [fail('TS_EXPIRES_BEFORE_CREATED', `expected wsu:Expires after wsu:Created, found ${textOf(e)} ≤ ${textOf(c)}`, e)];
  if (expiresAt.ms + skew <= p.now) {
    return [fail('TS_EXPIRED', `wsu:Timestamp expired at ${textOf(e)}; the receiver's clock is ${formatDateTime(p.now)} (allowed skew ${p.skewSeconds} s)`, e)];
  }
  return [pass(`wsu:Timestamp valid: created ${textOf(c)}, expires ${textOf(e)}`, ts)];
}

function fail(code: string, message: string, el: Element): Check {
  return { code, status: 'fail', message, specRef: SPEC, ...where(el) };
}

function pass(message: string, el: Element): Check {
  return { code: 'TS_VALID', status: 'pass', message, specRef: SPEC, ...where(el) };
}
