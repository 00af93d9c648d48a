// The service's answer to the last request: an Echo response (with a Timestamp when its policy
// includes one; signed and encrypted under the AsymmetricBinding; signed with the service's key when
// it is the relying party of an STS, signed_response.ts) or the SOAP fault WSS 1.1 §12 prescribes.

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
import { ECHO_NS, echoBody } from './client.ts';
import { loadIdentity } from './x509_identity.ts';
import { buildX509Message } from './x509_messages.ts';
import { parseCertificate } from '../crypto/x509.ts';
import type { ServiceState } from './service.ts';
import { buildSignedResponse } from './signed_response.ts';

export interface ResponseEnv {
  random: RandomSource;
  now: number;
  soap: SoapVersion;
  wsa: WsaVersion;
}

/** Builds the response to `state.last`, signed and encrypted for the requester under an AsymmetricBinding. */
export async function serviceRespond(state: ServiceState, env: ResponseEnv): Promise<{ wire: string; secrets?: Record<string, string> }> {
  const last = state.last;
  if (last?.accepted && state.x509 && last.peerCertPem && state.policy.binding?.kind === 'AsymmetricBinding') {
    const id = await loadIdentity(state.x509);
    const m = await buildX509Message({
      soap: env.soap, wsa: env.wsa, random: env.random, now: env.now, model: state.policy, signer: id,
      recipient: await parseCertificate(last.peerCertPem),
      addressing: { action: `${last.action ?? 'urn:wsbench:echo:Echo'}Response`, to: WSA[env.wsa].anonymous, ...(last.messageId ? { relatesTo: last.messageId } : {}) },
      body: echoBody('e:EchoResponse', `Hello, ${last.principal ?? 'anonymous'}`),
      ...(state.policy.signatureConfirmation ? { confirmations: last.signatureValues ?? [] } : {}),
    });
    return { wire: m.wire, secrets: m.secured.secrets };
  }
  if (last?.accepted && state.x509 && state.saml) {
    // A relying party of an STS answers signed with its own key (seed 001: the WSP's agent signs the response).
    return buildSignedResponse({
      soap: env.soap, wsa: env.wsa, action: `${last.action ?? 'urn:wsbench:echo:Echo'}Response`, ...(last.messageId ? { relatesTo: last.messageId } : {}),
      body: echoBody('e:EchoResponse', `Hello, ${last.principal ?? 'anonymous'}`), signer: state.x509, random: env.random, now: env.now,
    });
  }
  return { wire: plainResponse(state, env) };
}

function plainResponse(state: ServiceState, env: ResponseEnv): string {
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
