// The service's answer to the last request: an Echo response (with a Timestamp when its policy
// includes one) or the SOAP fault WSS 1.1 §12 prescribes for the failure.

import { formatXml, serializeXml } from '../xml/serialize.ts';
import { NS } from '../xml/names.ts';
import { uuidV4, type RandomSource } from '../crypto/random.ts';
import { buildEnvelope, type SoapVersion } from '../soap/envelope.ts';
import { buildFault } from '../soap/fault.ts';
import { addressingHeaders, WSA, type WsaVersion } from '../wsa/headers.ts';
import { needsTimestamp } from '../policy/model.ts';
import { securityHeader } from '../wss/security_header.ts';
import { buildTimestamp } from '../wss/timestamp.ts';
import { freshId } from '../wss/outbound.ts';
import { ECHO_NS } from './client.ts';
import type { ServiceState } from './service.ts';

export interface ResponseEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  wsa: WsaVersion;
}

/** Builds the response to `state.last`. */
export function serviceRespond(state: ServiceState, env: ResponseEnv): string {
  const last = state.last;
  const addressing = (action: string) => addressingHeaders(env.wsa, {
    action,
    to: WSA[env.wsa].anonymous,
    messageId: `urn:uuid:${uuidV4(env.random)}`,
    ...(last?.messageId ? { relatesTo: last.messageId } : {}),
  });
  const xmlns = { wsa: WSA[env.wsa].ns };
  if (!last || !last.accepted) {
    const fault = last?.fault;
    const subcode = fault?.subcode ? { ns: NS.wsse, qname: fault.subcode } : undefined;
    // WS-Addressing 1.0 SOAP Binding §6: SOAP-defined faults use …/soap/fault; 2004/08 has one fault action.
    const faultAction = env.wsa === '2005/08' ? `${WSA[env.wsa].ns}/soap/fault` : WSA[env.wsa].faultAction;
    const doc = buildFault(env.soap, { sender: true, reason: fault?.reason ?? 'no request was accepted', ...(subcode ? { subcode } : {}) }, addressing(faultAction));
    doc.documentElement?.setAttribute('xmlns:wsa', xmlns.wsa);
    return formatXml(serializeXml(doc));
  }
  const headers = addressing(`${last.action ?? 'urn:wsbench:echo:Echo'}Response`);
  if (needsTimestamp(state.policy)) {
    headers.push(securityHeader(env.soap, [buildTimestamp({ id: freshId('TS', env.random), now: env.now, ttlSeconds: 300 })]));
  }
  const doc = buildEnvelope({
    version: env.soap,
    xmlns,
    headers,
    body: [{ ns: ECHO_NS, name: 'e:EchoResponse', xmlns: { e: ECHO_NS }, children: [{ ns: ECHO_NS, name: 'e:Text', text: `Hello, ${last.principal ?? 'anonymous'}` }] }],
  });
  return formatXml(serializeXml(doc));
}
