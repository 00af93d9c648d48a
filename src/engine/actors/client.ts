// A simulated WS-Security client: identity, credentials, endpoint and policy. It builds requests
// through the security model and checks the responses it gets back.

import type { Element } from '@xmldom/xmldom';
import { serializeXml, formatXml } from '../xml/serialize.ts';
import { parseXml } from '../xml/parse.ts';
import { firstChildNS } from '../xml/dom.ts';
import { where } from '../xml/path.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { makeReport, type Check, type Report } from '../report/index.ts';
import type { SecurityModel } from '../policy/model.ts';
import { buildEnvelope, readEnvelope, SOAP_NS, type SoapVersion } from '../soap/envelope.ts';
import { readFault } from '../soap/fault.ts';
import { addressingHeaders, readAddressing, WSA, type WsaVersion } from '../wsa/headers.ts';
import { freshId, secureOutbound } from '../wss/outbound.ts';
import { signSecuredMessage } from '../wss/message_signature.ts';
import type { UtSecrets } from '../wss/username_token.ts';
import { findSecurityHeader } from '../wss/security_header.ts';
import { checkTimestamp } from '../wss/timestamp.ts';
import { NS } from '../xml/names.ts';

export interface ClientState {
  id: string;
  username: string;
  password: string;
  policy: SecurityModel;
  soap: SoapVersion;
  wsa: WsaVersion;
  endpoint: string;
  action: string;
  iterations: number;
  /** MessageIDs sent, newest last, so responses can be correlated. */
  sent: string[];
}

export const ECHO_NS = 'urn:wsbench:echo';

/** Builds a secured request carrying `text` in an Echo body. */
export async function clientRequest(state: ClientState, text: string, env: { random: RandomSource; now: number }): Promise<{ wire: string; state: ClientState; tokens: UtSecrets[] }> {
  const messageId = `urn:uuid:${uuidV4(env.random)}`;
  const sec = await secureOutbound(state.policy, state, { ...env, soap: state.soap, iterations: state.iterations });
  const headers = addressingHeaders(state.wsa, { action: state.action, to: state.endpoint, messageId, replyTo: 'anonymous' });
  const bodyId = sec.signing ? freshId('Body', env.random) : undefined;
  const doc = buildEnvelope({
    version: state.soap,
    xmlns: { wsa: WSA[state.wsa].ns, ...(bodyId ? { wsu: NS.wsu } : {}) },
    headers: sec.header ? [...headers, sec.header] : headers,
    body: [{ ns: ECHO_NS, name: 'e:Echo', xmlns: { e: ECHO_NS }, children: [{ ns: ECHO_NS, name: 'e:Text', text }] }],
    ...(bodyId ? { bodyAttrs: [[NS.wsu, 'wsu:Id', bodyId]] } : {}),
  });
  // Indent first, then sign: the signature covers the text exactly as it goes on the wire.
  const wireDoc = sec.signing ? parseXml(formatXml(serializeXml(doc))) : doc;
  if (sec.signing && bodyId) await signSecuredMessage(wireDoc, state.soap, sec.signing, bodyId);
  return { wire: sec.signing ? serializeXml(wireDoc) : formatXml(serializeXml(doc)), state: { ...state, sent: [...state.sent, messageId] }, tokens: sec.tokens };
}

/** Checks a response: envelope, fault, correlation with the request, timestamp freshness. */
export function clientReceive(state: ClientState, wire: string, now: number): Report {
  const checks: Check[] = [];
  const { parts, checks: env } = readEnvelope(parseXml(wire));
  checks.push(...env);
  if (!parts) return makeReport(state.id, checks);
  const fault = readFault(parseXml(wire));
  if (fault) {
    const body = firstChildNS(parts.body, SOAP_NS[parts.version], 'Fault') as Element;
    checks.push({ code: 'SOAP_FAULT_RECEIVED', status: 'fail', specRef: 'WSS 1.1 §12', ...where(body),
      message: `the service answered with a fault: ${fault.subcode ?? fault.code} — ${fault.reason}`, details: { ...fault } });
    return makeReport(state.id, checks);
  }
  const a = readAddressing(parts.headerBlocks);
  const sent = state.sent[state.sent.length - 1];
  if (sent && a.relatesTo !== sent) {
    checks.push({ code: 'WSA_RELATES_TO_MISMATCH', status: 'fail', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header',
      message: `expected wsa:RelatesTo ${sent} (the request's MessageID), found ${a.relatesTo ?? 'none'}` });
  } else if (sent) {
    checks.push({ code: 'WSA_RELATES_TO', status: 'pass', specRef: 'WS-Addressing 1.0 Core §3.4', path: 'Envelope/Header', message: `response relates to request ${sent}` });
  }
  const { header } = findSecurityHeader(parts.headerBlocks, parts.version);
  const ts = header ? firstChildNS(header, NS.wsu, 'Timestamp') : null;
  if (ts) checks.push(...checkTimestamp(ts, { now, skewSeconds: 300 }));
  return makeReport(state.id, checks);
}
