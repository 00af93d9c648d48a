// The message flow of seed 002 as data: the 22 numbered messages between App1, ITM, App2 and PTM,
// each with its class (activation, registration, application, protocol — the seed's four classes
// of messages), who sends and who receives it, what the sender does to produce it and the receiver
// to read it, the requirement IDs it proves, and how the flow continues for each outcome the user
// can choose. The scenario (scenarios/wsat.ts) turns each entry into a step.

import type { TxVersionId } from '../coor/versions.ts';
import type { WsatActorId, WsatBinding } from './wsat_common.ts';

/** What the receiver should make of the message (the scenario's Expectation). */
export type Expectation = { accept: true } | { accept: false; code: string };

export type MessageClass = 'Activation' | 'Registration' | 'Application' | 'Protocol';

export interface StepSpec {
  n: number;
  from: WsatActorId;
  to: WsatActorId;
  cls: MessageClass;
  what: string;
  /** The sender's action: a request it builds, or 'send' (its next queued message). */
  op: 'ccc' | 'register' | 'app' | 'answer' | 'complete' | 'send';
  /** The receiver's reading: 'tm' (a transaction manager dispatches by wsa:To) or what an application expects. */
  rx: 'tm' | 'ccc-response' | 'register-response' | 'app' | 'answer' | 'outcome' | '2pc';
  refs: string[];
  explain: string;
  expect?: Expectation;
}

export type Outcome = 'commit' | 'abort' | 'rollback' | 'readonly' | 'volatile' | 'relative-id' | 'wrong-key' | 'wrong-cert';

export const OUTCOMES: ReadonlyArray<{ id: Outcome; title: string; description: string; binding?: WsatBinding; source?: string }> = [
  { id: 'commit', title: 'commit', description: 'Both participants prepare and the transaction commits: the seed\'s 22 messages in order.' },
  { id: 'abort', title: 'App2 votes Aborted', description: 'App2 cannot prepare and votes Aborted; the PTM votes Aborted to the ITM, which tells App1 Aborted instead of Committed.' },
  { id: 'rollback', title: 'App1 rolls back', description: 'App1 sends Rollback instead of Commit: the ITM answers Aborted and sends Rollback down to the PTM, which rolls App2 back; the Aborted acknowledgements flow up.' },
  { id: 'readonly', title: 'read-only participant', description: 'App2 did no work that needs committing and votes ReadOnly; the PTM votes ReadOnly too and both are forgotten; App1 still learns Committed.' },
  { id: 'volatile', title: 'Volatile2PC participant', description: 'App2 registers with the PTM for Volatile2PC (a cache rather than a database): it is prepared in the volatile phase, before any durable participant.' },
  { id: 'relative-id', title: 'relative Identifier (B2003)', description: 'App1\'s transaction library writes the context\'s Identifier relative to its own base: App2, like WCF, accepts only absolute Identifiers and answers with a fault; App1 rolls back.', source: 'B2003' },
  { id: 'wrong-key', title: 'Register signed with the wrong key (R1232)', binding: 'mixed', description: 'The PTM signs its Register with a key that is not the STx the ITM issued: the ITM cannot verify the Timestamp signature, so the registrant is not authenticated and the Register is refused; the PTM refuses App2\'s context request, App2 refuses App1\'s call, App1 rolls back.', source: 'R1232' },
  { id: 'wrong-cert', title: 'TLS certificate not named by the FQDN (R1111)', binding: 'https', description: 'The PTM\'s machine presents the certificate of service.wsbench.example: the first connection to it (App2\'s CreateCoordinationContext) fails R1111 and nothing can be answered on it; App2 refuses App1\'s call and App1 rolls back.', source: 'R1111' },
];

type Short = [n: number, from: WsatActorId, to: WsatActorId, cls: MessageClass, what: string, op: StepSpec['op'], rx: StepSpec['rx'], refs: string[], explain: string, expect?: Expectation];

const spec = ([n, from, to, cls, what, op, rx, refs, explain, expect]: Short): StepSpec => ({ n, from, to, cls, what, op, rx, refs, explain, ...(expect ? { expect } : {}) });

function prefix(b: WsatBinding, binding: string, p: 'Durable' | 'Volatile'): Short[] {
  const mixed = b === 'mixed';
  const auth = mixed ? 'R1232' : 'R1111';
  return [
    [1, 'app1', 'itm', 'Activation', 'CreateCoordinationContext', 'ccc', 'tm', ['seed 002 message 1', binding, 'B1221', 'R1111'],
      'App1 asks its transaction manager for a new atomic transaction: CoordinationType is WS-AT, ReplyTo says where the answer goes (duplex HTTPS, B1221). The Security header carries only a Timestamp; HTTPS with client and server certificates does the rest.'],
    [2, 'itm', 'app1', 'Activation', 'CreateCoordinationContextResponse', 'send', 'ccc-response', ['seed 002 message 2', binding, 'B1221', ...(mixed ? ['R1222'] : []), 'B1131'],
      `The ITM creates the context: an absolute Identifier, Expires, and the RegistrationService EPR whose reference parameters name the transaction.${mixed ? ' In the mixed binding it also issues a SecurityContextToken with a fresh secret STx and returns it in a t:IssuedTokens header (R1222): the RSTR\'s RequestedProofToken holds STx.' : ''}`],
    [3, 'app1', 'itm', 'Registration', 'Register (Completion)', 'register', 'tm', ['seed 002 message 3', auth, 'B1231', binding],
      mixed ? 'App1 registers for Completion. IssuedTokenOverTransport (R1232): the Security header holds the Timestamp, the SCT and an HMAC-SHA1 signature over the Timestamp made with STx — possession of the transaction\'s token authenticates the registrant.' : 'App1 registers for Completion; the ITM authenticates it by the client certificate of the HTTPS connection (R1111).'],
    [4, 'itm', 'app1', 'Registration', 'RegisterResponse', 'send', 'register-response', ['seed 002 message 4', 'B1241', 'B1231'],
      'The ITM answers with its CoordinatorProtocolService EPR; its reference parameters (transaction and enlistment) will correlate App1\'s Commit (B1241).'],
    [5, 'app1', 'app2', 'Application', 'application message', 'app', 'app', ['seed 002 message 5', 'R2001', 'R2002', 'B2003'],
      `App1 calls App2 inside the transaction: the CoordinationContext${mixed ? ' and the t:IssuedTokens from message 2' : ''} travel as headers (R2001), signed with App1's certificate key and encrypted — each a wsse11:EncryptedHeader — under one ephemeral key wrapped for App2's certificate, with the Body (R2002).`],
    [6, 'app2', 'ptm', 'Activation', 'CreateCoordinationContext with context', 'ccc', 'tm', ['seed 002 message 6', ...(mixed ? ['R1223'] : []), 'B1221', 'R1111'],
      `App2 asks its own transaction manager to join: CurrentContext is App1's context${mixed ? ', and the t:IssuedTokens with its SCT travel on the request (R1223) so the PTM can prove itself to the ITM' : ''}.`],
    [7, 'ptm', 'itm', 'Registration', 'Register (Durable)', 'send', 'tm', ['seed 002 message 7', auth, 'B1231', 'B1131'],
      `The PTM becomes a Durable2PC participant of the ITM's transaction${mixed ? ', signing the Timestamp with the ITM\'s STx it received (R1232)' : ', authenticated by its TLS client certificate (R1111)'}. Its ParticipantProtocolService EPR carries a reference parameter that will correlate the ITM's 2PC messages (B1131).`],
    [8, 'itm', 'ptm', 'Registration', 'RegisterResponse', 'send', 'tm', ['seed 002 message 8', 'B1241'],
      'The ITM enlists the PTM and answers with the EPR the PTM will send its votes to.'],
    [9, 'ptm', 'app2', 'Activation', 'CreateCoordinationContextResponse', 'send', 'ccc-response', ['seed 002 message 9', ...(mixed ? ['R1223'] : []), 'B1221'],
      `The PTM answers App2 with its own, subordinate context${mixed ? ' and a new t:IssuedTokens with an SCT it issued for that context (R1223)' : ''}.`],
    [10, 'app2', 'ptm', 'Registration', `Register (${p})`, 'register', 'tm', ['seed 002 message 10', auth, 'B1231'],
      `App2 registers with the PTM for ${p}2PC${mixed ? ', signing the Timestamp with the PTM\'s STx (R1232)' : ''}.`],
    [11, 'ptm', 'app2', 'Registration', 'RegisterResponse', 'send', 'register-response', ['seed 002 message 11', 'B1241'], 'The PTM enlists App2 and answers with its coordinator EPR.'],
    [12, 'app2', 'app1', 'Application', 'application response', 'answer', 'answer', ['seed 002 message 12'], 'App2 did its work inside the transaction and answers App1, signed with its certificate key and encrypted for App1.'],
  ];
}

const TWO_PC = ['B1131', 'B1241'];

function completion(n: number, kind: 'Commit' | 'Rollback'): Short {
  return [n, 'app1', 'itm', 'Protocol', `${kind} (Completion)`, 'complete', 'tm', [`seed 002 message 13`, 'WS-AT §3.2 Completion', 'B1241'],
    kind === 'Commit' ? 'App1 asks the ITM to commit (Completion). The ITM now runs two-phase commit over its participants.' : 'App1 rolls the transaction back (Completion). The ITM answers Aborted and tells its participants to roll back.'];
}

function twoPc(n: number, from: WsatActorId, to: WsatActorId, kind: string, p: string, explain: string): Short {
  const rx: StepSpec['rx'] = to === 'app2' ? '2pc' : to === 'app1' ? 'outcome' : 'tm';
  return [n, from, to, 'Protocol', `${kind} (${p})`, 'send', rx, [`seed 002 message ${n}`, 'WS-AT §3.3', ...TWO_PC], explain];
}

function protocolFlow(o: Outcome, p: string): Short[] {
  const prep: Short[] = [
    completion(13, 'Commit'),
    twoPc(14, 'itm', 'ptm', 'Prepare', '2PC', 'Phase one: the ITM asks its Durable participant, the PTM, to prepare — sent to the PTM\'s EPR with its reference parameter copied as a header (B1131).'),
    twoPc(15, 'ptm', 'app2', 'Prepare', p, 'The PTM, a subordinate coordinator, prepares its own participant App2 before it can vote.'),
  ];
  if (o === 'abort') {
    return [...prep,
      twoPc(16, 'app2', 'ptm', 'Aborted', p, 'App2 cannot prepare and votes Aborted; the PTM forgets it and its subordinate transaction aborts.'),
      twoPc(17, 'ptm', 'itm', 'Aborted', '2PC', 'The PTM votes Aborted to the ITM: one Aborted vote aborts the whole transaction.'),
      twoPc(18, 'itm', 'app1', 'Aborted', 'Completion', 'The ITM tells App1 the transaction aborted.')];
  }
  if (o === 'readonly') {
    return [...prep,
      twoPc(16, 'app2', 'ptm', 'ReadOnly', p, 'App2 has nothing to commit and votes ReadOnly: the PTM forgets it.'),
      twoPc(17, 'ptm', 'itm', 'ReadOnly', '2PC', 'With no participant left to commit, the PTM votes ReadOnly and forgets the transaction.'),
      twoPc(18, 'itm', 'app1', 'Committed', 'Completion', 'Every vote is in and none aborted: the ITM tells App1 Committed; there is no one left to send Commit to.')];
  }
  return [...prep,
    twoPc(16, 'app2', 'ptm', 'Prepared', p, 'App2 prepared and votes Prepared: it can no longer abort on its own.'),
    twoPc(17, 'ptm', 'itm', 'Prepared', '2PC', 'Every participant of the PTM is prepared: the PTM votes Prepared to the ITM.'),
    twoPc(18, 'itm', 'app1', 'Committed', 'Completion', 'Every vote is Prepared: the ITM decides commit and tells App1 Committed (Completion).'),
    twoPc(19, 'itm', 'ptm', 'Commit', '2PC', 'Phase two: the ITM tells the PTM to commit.'),
    twoPc(20, 'ptm', 'app2', 'Commit', p, 'The PTM passes the outcome down to App2.'),
    twoPc(21, 'app2', 'ptm', 'Committed', p, 'App2 committed its work and acknowledges; the PTM forgets it.'),
    twoPc(22, 'ptm', 'itm', 'Committed', '2PC', 'Every participant of the PTM committed: the PTM acknowledges and the ITM\'s transaction ends.')];
}

function rollbackFlow(p: string): Short[] {
  return [
    completion(13, 'Rollback'),
    twoPc(14, 'itm', 'app1', 'Aborted', 'Completion', 'The ITM confirms the rollback to App1 at once.'),
    twoPc(15, 'itm', 'ptm', 'Rollback', '2PC', 'The ITM tells its Durable participant, the PTM, to roll back.'),
    twoPc(16, 'ptm', 'app2', 'Rollback', p, 'The PTM rolls back its subordinate transaction: Rollback to App2.'),
    twoPc(17, 'app2', 'ptm', 'Aborted', p, 'App2 rolled back and acknowledges with Aborted.'),
    twoPc(18, 'ptm', 'itm', 'Aborted', '2PC', 'The PTM acknowledges the rollback to the ITM; the transaction ends.'),
  ];
}

/** After a refusal App2 answers App1 with a fault and App1 rolls back (only App1 is enlisted). */
function refusedFlow(start: number, answer: string): Short[] {
  return [
    [start, 'app2', 'app1', 'Application', 'application fault', 'answer', 'answer', ['seed 002 message 12'], answer],
    [start + 1, 'app1', 'itm', 'Protocol', 'Rollback (Completion)', 'complete', 'tm', ['WS-AT §3.2 Completion', 'B1241'], 'App1 could not get its work done in the transaction and rolls it back.'],
    [start + 2, 'itm', 'app1', 'Protocol', 'Aborted (Completion)', 'send', 'outcome', ['WS-AT §3.2 Completion'], 'The ITM confirms: the transaction aborted.'],
  ];
}

/** The same message, expected to be refused with `code`. */
function refused(s: Short, code: string, explain: string): Short {
  const [n, from, to, cls, what, op, rx, refs] = s;
  return [n, from, to, cls, what, op, rx, refs, explain, { accept: false, code }];
}

/** The steps of an outcome, in the seed's numbering where the messages are the seed's. */
export function flowFor(o: Outcome, b: WsatBinding, v: TxVersionId): StepSpec[] {
  const binding = v === '1.0' ? 'R1001' : 'R1002';
  const p = o === 'volatile' ? 'Volatile' : 'Durable';
  const pre = prefix(b, binding, p);
  const tag = o === 'volatile' ? 'Volatile2PC' : '2PC';
  if (o === 'relative-id') {
    const five = refused(pre[4]!, 'COOR_IDENTIFIER_RELATIVE', 'App1 sends the context with a relative wscoor:Identifier ("tx/…"). App2 accepts only absolute Identifiers, as WCF does (B2003): it refuses the call.');
    return [...pre.slice(0, 4), five, ...refusedFlow(6, 'App2 answers the call with a wscoor:InvalidParameters fault naming B2003.')].map(spec);
  }
  if (o === 'wrong-key') {
    const seven = refused(pre[6]!, 'WSAT_REGISTER_NOT_AUTHENTICATED', 'The PTM signs the Register\'s Timestamp with a key that is not the ITM\'s STx. The ITM verifies the signature with STx, it does not match, so the registrant is not authenticated (R1232) and the Register is refused.');
    return [...pre.slice(0, 6), seven,
      [8, 'itm', 'ptm', 'Registration', 'Fault', 'send', 'tm', ['R1232', 'WS-Coordination §4'], 'The ITM answers the Register with a fault instead of RegisterResponse.'] as Short,
      [9, 'ptm', 'app2', 'Activation', 'Fault', 'send', 'ccc-response', ['WS-Coordination §4'], 'Without a registration with the superior the PTM cannot create the subordinate context: it answers App2 with a fault.'] as Short,
      ...refusedFlow(10, 'App2 could not join the transaction and answers App1 with a fault.')].map(spec);
  }
  if (o === 'wrong-cert') {
    const six = refused(pre[5]!, 'WSAT_TLS_FQDN_MISMATCH', 'App2 connects to ptm.wsbench.example, which presents the certificate of service.wsbench.example: the subject does not match the FQDN (R1111), so the connection is refused.');
    return [...pre.slice(0, 5), six, ...refusedFlow(7, 'The TLS handshake failed, so App2 never got a context: it answers App1 with a fault.')].map(spec);
  }
  const rest = o === 'rollback' ? rollbackFlow(tag) : protocolFlow(o, tag);
  return [...pre, ...rest].map(spec);
}
