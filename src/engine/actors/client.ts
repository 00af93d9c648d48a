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
import type { ElSpec } from '../xml/dom.ts';
import { UsageError } from '../report/index.ts';
import type { EnvelopeParts } from '../soap/envelope.ts';
import { processSecurity } from '../wss/inbound.ts';
import { loadIdentity, type X509IdentityState } from './x509_identity.ts';
import { buildX509Message, trustChecks, type X509MessageSpec } from './x509_messages.ts';
import { supportingTraits } from '../policy/model.ts';
import { findSignatures } from '../dsig/index.ts';
import { signatureValueOf } from '../wss/x509_inbound.ts';
import { buildUsernameToken } from '../wss/username_token.ts';
import { strReference } from '../wss/security_token_reference.ts';
import { fromBase64 } from '../crypto/encoding.ts';
import { URI } from '../xml/names.ts';

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
  /** X.509 identity for the AsymmetricBinding (client certificate, key, the service's certificate). */
  x509?: X509IdentityState;
  /** SignatureValues of the last request, which the response must confirm (WSS 1.1 §8.5). */
  signatureValues?: string[];
}

const isAsymmetric = (s: ClientState) => s.policy.binding?.kind === 'AsymmetricBinding';

export const ECHO_NS = 'urn:wsbench:echo';

/** Builds a secured request carrying `text` in an Echo body. */
export async function clientRequest(state: ClientState, text: string, env: { random: RandomSource; now: number }): Promise<{ wire: string; state: ClientState; tokens: UtSecrets[]; secrets?: Record<string, string> }> {
  if (isAsymmetric(state)) return x509Request(state, text, env);
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

async function x509Request(state: ClientState, text: string, env: { random: RandomSource; now: number }) {
  if (!state.x509) throw new UsageError('CLIENT_NO_X509', 'expected the client to hold an X.509 identity for the AsymmetricBinding, found none');
  const id = await loadIdentity(state.x509);
  if (!id.peer) throw new UsageError('CLIENT_NO_PEER_CERT', 'expected the service\'s certificate in the client\'s state, found none');
  const supporting = await supportingTokens(state, env);
  const m = await buildX509Message({
    soap: state.soap, wsa: state.wsa, addressing: { action: state.action, to: state.endpoint, replyTo: 'anonymous' },
    body: echoBody('e:Echo', text), model: state.policy, signer: id, recipient: id.peer, random: env.random, now: env.now,
    ...supporting.message,
  });
  // Every signature sent is confirmed (WSS 1.1 §8.5): the primary one (perhaps encrypted) and any endorsing one.
  const sent = new Set([m.secured.signatureValue, ...findSignatures(parseXml(m.wire)).map((sig) => signatureValueOf(sig))]);
  const next: ClientState = { ...state, sent: [...state.sent, m.messageId], signatureValues: [...sent] };
  return { wire: m.wire, state: next, tokens: supporting.tokens, secrets: m.secured.secrets };
}

/**
 * UsernameTokens the policy lists as supporting tokens of a message-level binding, and what each
 * kind asks (WS-SP 1.3 §8): signed by the message signature, encrypted, or endorsing it with the
 * key derived from the password.
 */
async function supportingTokens(state: ClientState, env: { random: RandomSource; now: number }) {
  const message: Pick<X509MessageSpec, 'tokens' | 'signTokenIds' | 'encryptTokenIds' | 'endorse'> = { tokens: [], signTokenIds: [], encryptTokenIds: [] };
  const tokens: UtSecrets[] = [];
  for (const s of state.policy.supporting) {
    const t = supportingTraits(s.kind);
    for (const a of s.tokens) {
      if (a.kind !== 'UsernameToken') continue;
      const built = await buildUsernameToken(a, state, { random: env.random, now: env.now, id: freshId('UsernameToken', env.random), iterations: state.iterations });
      message.tokens!.push(built.spec);
      tokens.push(built.secrets);
      if (t.signed) message.signTokenIds!.push(built.secrets.tokenId);
      if (t.encrypted) message.encryptTokenIds!.push(built.secrets.tokenId);
      if (t.endorsing && built.secrets.derivedKey) {
        message.endorse = { key: { kind: 'secret', bytes: fromBase64(built.secrets.derivedKey) }, keyInfo: strReference(`#${built.secrets.tokenId}`, URI.usernameTokenType), keySource: `key derived from UsernameToken #${built.secrets.tokenId}` };
      }
    }
  }
  return { message, tokens };
}

export function echoBody(name: 'e:Echo' | 'e:EchoResponse', text: string): ElSpec {
  return { ns: ECHO_NS, name, xmlns: { e: ECHO_NS }, children: [{ ns: ECHO_NS, name: 'e:Text', text }] };
}

/** The response's Security header, processed as the AsymmetricBinding's initiator reads it. */
async function x509ResponseChecks(state: ClientState, parts: EnvelopeParts, now: number): Promise<Check[]> {
  const id = await loadIdentity(state.x509 as X509IdentityState);
  // Supporting tokens are the initiator's; a response carries none.
  const sec = await processSecurity(parts, { ...state.policy, supporting: [] }, {
    users: {}, now, freshnessSeconds: 300, skewSeconds: 300, nonceCache: [], transport: 'http',
    identity: { privateKey: id.key, certificate: id.cert }, knownCerts: id.peer ? [id.peer] : [],
    ...(state.policy.signatureConfirmation ? { expectedConfirmations: state.signatureValues ?? [] } : {}),
  });
  return [...sec.checks, ...(await trustChecks(sec.certificates, id.ca, now, id.peer))];
}

/** Checks a response: envelope, fault, correlation with the request, timestamp freshness. */
export async function clientReceive(state: ClientState, wire: string, now: number): Promise<Report> {
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
  if (isAsymmetric(state)) {
    checks.push(...(await x509ResponseChecks(state, parts, now)));
    return makeReport(state.id, checks);
  }
  const { header } = findSecurityHeader(parts.headerBlocks, parts.version);
  const ts = header ? firstChildNS(header, NS.wsu, 'Timestamp') : null;
  if (ts) checks.push(...checkTimestamp(ts, { now, skewSeconds: 300 }));
  return makeReport(state.id, checks);
}
