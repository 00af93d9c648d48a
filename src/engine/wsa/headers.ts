// WS-Addressing message addressing properties: W3C 1.0 Core §3 (2005/08) and the 2004/08
// member submission. The version is data (DESIGN.md decision 6): one builder, one reader.

import type { Element } from '@xmldom/xmldom';
import { firstChildNS, textOf, type ElSpec } from '../xml/dom.ts';
import { NS, WSA_VERSIONS } from '../xml/names.ts';
import { where } from '../xml/path.ts';
import type { Check } from '../report/index.ts';

export type WsaVersion = '2004/08' | '2005/08';

/** The version records of names.ts, with the spec section each version's checks cite. */
export const WSA: Record<WsaVersion, (typeof WSA_VERSIONS)[WsaVersion] & { specRef: string }> = {
  '2004/08': { ...WSA_VERSIONS['2004/08'], specRef: 'WS-Addressing 2004/08 §3' },
  '2005/08': { ...WSA_VERSIONS['2005/08'], specRef: 'WS-Addressing 1.0 Core §3' },
};

export interface AddressingProps {
  to: string;
  action: string;
  messageId?: string;
  relatesTo?: string;
  /** Address of wsa:ReplyTo; 'anonymous' means the version's anonymous URI. */
  replyTo?: string;
  /** Ids (wsu:Id) to put on each header so signatures can reference them later. */
  ids?: Partial<Record<'to' | 'action' | 'messageId' | 'relatesTo' | 'replyTo', string>>;
}

/** The addressing header blocks, in the order WCF and WSS4J emit them. */
export function addressingHeaders(version: WsaVersion, p: AddressingProps): ElSpec[] {
  const { ns } = WSA[version];
  const id = (k: keyof NonNullable<AddressingProps['ids']>) =>
    p.ids?.[k] ? ([[NS.wsu, 'wsu:Id', p.ids[k] as string]] as Array<[string, string, string]>) : [];
  const out: ElSpec[] = [{ ns, name: 'wsa:Action', text: p.action, nsAttrs: id('action') }];
  if (p.messageId) out.push({ ns, name: 'wsa:MessageID', text: p.messageId, nsAttrs: id('messageId') });
  if (p.relatesTo) out.push({ ns, name: 'wsa:RelatesTo', text: p.relatesTo, nsAttrs: id('relatesTo') });
  if (p.replyTo) {
    const address = p.replyTo === 'anonymous' ? WSA[version].anonymous : p.replyTo;
    out.push({ ns, name: 'wsa:ReplyTo', nsAttrs: id('replyTo'), children: [{ ns, name: 'wsa:Address', text: address }] });
  }
  out.push({ ns, name: 'wsa:To', text: p.to, nsAttrs: id('to') });
  return out;
}

export interface ReadAddressing {
  version: WsaVersion | null;
  action?: string;
  to?: string;
  messageId?: string;
  relatesTo?: string;
  replyTo?: string;
  elements: Element[];
}

/** Reads the addressing headers of either version from the header blocks. */
export function readAddressing(headerBlocks: Element[]): ReadAddressing {
  const version = (['2005/08', '2004/08'] as const).find((v) => headerBlocks.some((h) => h.namespaceURI === WSA[v].ns)) ?? null;
  if (!version) return { version: null, elements: [] };
  const ns = WSA[version].ns;
  const elements = headerBlocks.filter((h) => h.namespaceURI === ns);
  const text = (local: string) => {
    const el = elements.find((e) => e.localName === local);
    return el ? textOf(el).trim() : undefined;
  };
  const replyToEl = elements.find((e) => e.localName === 'ReplyTo');
  const address = replyToEl ? firstChildNS(replyToEl, ns, 'Address') : null;
  const out: ReadAddressing = { version, elements };
  const set = (k: 'action' | 'to' | 'messageId' | 'relatesTo', v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('action', text('Action'));
  set('to', text('To'));
  set('messageId', text('MessageID'));
  set('relatesTo', text('RelatesTo'));
  if (address) out.replyTo = textOf(address).trim();
  return out;
}

/** Checks that the message carries the addressing properties a receiver needs (Action, To). */
export function checkAddressing(a: ReadAddressing, expectedAction?: string): Check[] {
  if (!a.version) {
    return [{ code: 'WSA_MISSING', status: 'warn', message: 'no WS-Addressing headers; the action is taken from the Body', specRef: 'WS-Addressing 1.0 Core §3', path: 'Envelope/Header' }];
  }
  const specRef = WSA[a.version].specRef;
  const actionEl = a.elements.find((e) => e.localName === 'Action');
  const checks: Check[] = [];
  if (!a.action || !actionEl) {
    checks.push({ code: 'WSA_ACTION_MISSING', status: 'fail', message: `expected a wsa:Action header (WS-Addressing ${a.version}), found none`, specRef, path: 'Envelope/Header' });
  } else if (expectedAction && a.action !== expectedAction) {
    checks.push({ code: 'WSA_ACTION_MISMATCH', status: 'fail', message: `expected wsa:Action ${expectedAction}, found ${a.action}`, specRef, ...where(actionEl) });
  } else {
    checks.push({ code: 'WSA_ACTION', status: 'pass', message: `wsa:Action ${a.action} (WS-Addressing ${a.version})`, specRef, ...where(actionEl) });
  }
  const dup = duplicates(a.elements);
  if (dup) checks.push({ code: 'WSA_DUPLICATE_HEADER', status: 'fail', message: `expected at most one wsa:${dup.localName}, found more`, specRef, ...where(dup) });
  return checks;
}

function duplicates(elements: Element[]): Element | null {
  const seen = new Set<string>();
  for (const e of elements) {
    const name = e.localName ?? '';
    if (['Action', 'To', 'MessageID', 'ReplyTo', 'FaultTo', 'From'].includes(name) && seen.has(name)) return e;
    seen.add(name);
  }
  return null;
}
