// Scenario "WS-AtomicTransaction" (seed 002): App1 (initiator) and its ITM, App2 (participant) and
// its PTM, in the seed's 22 numbered messages — activation (1–2, 6, 9), registration (3–4, 7–8,
// 10–11), the application call (5, 12) and Completion / 2PC (13–22). Variants name the version
// (WS-AT 1.0 over WS-Addressing 2004/08, R1001; 1.1 over 2005/08, R1002), the binding (HTTPS, with
// client and server certificates named by FQDN, R1111; or mixed: an SCT issued in t:IssuedTokens,
// R1222/R1223, Register signed with its secret, R1232) and the outcome the user chooses: commit, a
// participant voting Aborted, the initiator rolling back, a read-only participant, a Volatile2PC
// participant, a relative Identifier (B2003), a Register signed with the wrong key, a TLS
// certificate not named by the machine's FQDN. Every actor's state lists each state machine.

import { DEMO_PKI_FILE } from '../actors/demo_pki.ts';
import { app1CallApp2, app1Complete, app1CreateContext, app1ReadAnswer, app1ReadContext, app1ReadOutcome, app1ReadRegistered, app1Register, type App1State } from '../actors/wsat_app1.ts';
import { app2Answer, app2CreateContext, app2Receive2pc, app2ReadCall, app2ReadContext, app2ReadRegistered, app2Register, app2Send, type App2State } from '../actors/wsat_app2.ts';
import { applicationModel } from '../actors/wsat_app_message.ts';
import { peerOf, type WsatActorId, type WsatBinding, type WsatParty } from '../actors/wsat_common.ts';
import type { Env, Secrets } from '../actors/wsat_coordinator.ts';
import { itmReceive, itmSend, type ItmState } from '../actors/wsat_itm.ts';
import { ptmReceive, ptmSend, type PtmState } from '../actors/wsat_ptm.ts';
import type { TxVersionId } from '../coor/versions.ts';
import { writePolicy } from '../policy/write.ts';
import { makeReport, UsageError, type Report } from '../report/index.ts';
import type { ActorsState, Expectation, Json, Produced, ScenarioDef, StepContext, StepDef, VariantInfo } from './types.ts';
import { flowFor, OUTCOMES, type Outcome, type StepSpec } from '../actors/wsat_flow.ts';

interface WsatVariant extends VariantInfo {
  version: TxVersionId;
  binding: WsatBinding;
  outcome: Outcome;
}

const pki = DEMO_PKI_FILE.identities;
const HOST: Record<WsatActorId, string> = { app1: 'client.wsbench.example', app2: 'service.wsbench.example', itm: 'itm.wsbench.example', ptm: 'ptm.wsbench.example' };
const json = (x: unknown) => x as Json;
const as = <T>(a: ActorsState, k: string) => a[k] as unknown as T;

function variants(): WsatVariant[] {
  const out: WsatVariant[] = [];
  for (const version of ['1.1', '1.0'] as const) {
    for (const binding of ['mixed', 'https'] as const) {
      for (const o of OUTCOMES.filter((x) => !x.binding || x.binding === binding)) {
        const bind = binding === 'mixed' ? 'mixed binding (HTTPS + SCT issued in t:IssuedTokens)' : 'HTTPS binding (client and server certificates)';
        out.push({
          id: `${version}-${binding}-${o.id}`, version, binding, outcome: o.id, title: `WS-AT ${version}, ${binding}: ${o.title}`,
          description: `WS-AT ${version} with WS-Coordination ${version} over SOAP 1.1 and WS-Addressing ${version === '1.0' ? '2004/08 (R1001)' : '2005/08 (R1002)'}, the transaction managers' ${bind}. ${o.description}`,
          source: `seed 002: the 22 messages between App1, ITM, App2 and PTM${o.source ? `; ${o.source}` : ''}`,
          policyXml: writePolicy(applicationModel(version)),
        });
      }
    }
  }
  return out;
}

export const WSAT_VARIANTS = variants();

function find(id: string): WsatVariant {
  const v = WSAT_VARIANTS.find((x) => x.id === id);
  if (!v) throw new UsageError('UNKNOWN_VARIANT', `expected one of ${WSAT_VARIANTS.map((x) => x.id).join(', ')}, found "${id}"`);
  return v;
}

function party(id: WsatActorId, v: WsatVariant, identity: keyof typeof pki): WsatParty {
  const e = pki[identity];
  return { id, version: v.version, binding: v.binding, tls: { fqdn: HOST[id], certPem: e.certPem, keyPem: e.keyPem }, caPem: pki.ca.certPem, machines: [], outbox: [], awaiting: [] };
}

function tm(id: 'itm' | 'ptm', v: WsatVariant): ItmState {
  const base = `https://${HOST[id]}/wsat`;
  // The wrong-certificate outcome: the PTM's machine presents the service's certificate (R1111).
  const identity = id === 'ptm' && v.outcome === 'wrong-cert' ? 'service' : id;
  return {
    ...party(id, v, identity), services: { activation: `${base}/activation`, registration: `${base}/registration`, coordinator: `${base}/coordinator` },
    contextExpiresMs: 300000, transactions: [], issued: [],
  };
}

function initialState(variantId: string): ActorsState {
  const v = find(variantId);
  const x509 = (self: 'client' | 'service', peer: 'client' | 'service') => ({ certPem: pki[self].certPem, keyPem: pki[self].keyPem, peerCertPem: pki[peer].certPem, caPem: pki.ca.certPem });
  const app1: App1State = {
    ...party('app1', v, 'client'), itmActivation: `https://${HOST.itm}/wsat/activation`, app2: `http://${HOST.app2}/app2`, endpoint: `https://${HOST.app1}/app1`,
    x509: x509('client', 'service'), context: null, token: null, completion: null,
    appMessage: { flowIssuedTokens: true, encryptHeaders: true, relativeIdentifier: v.outcome === 'relative-id' },
    decision: v.outcome === 'rollback' ? 'rollback' : 'commit', appResult: null, outcome: null,
  };
  const ptm: PtmState = { ...tm('ptm', v), participantAddress: `https://${HOST.ptm}/wsat/participant`, replyAddress: `https://${HOST.ptm}/wsat/reply`, interposed: [], registerKey: v.outcome === 'wrong-key' ? 'wrong' : 'issued' };
  const app2: App2State = {
    ...party('app2', v, 'service'), endpoint: `http://${HOST.app2}/app2`, txEndpoint: `https://${HOST.app2}/app2/tx`, ptmActivation: `https://${HOST.ptm}/wsat/activation`,
    x509: x509('service', 'client'), call: null, refusal: null, context: null, token: null, registrant: null,
    protocol: v.outcome === 'volatile' ? 'Volatile2PC' : 'Durable2PC', vote: v.outcome === 'abort' ? 'Aborted' : v.outcome === 'readonly' ? 'ReadOnly' : 'Prepared',
  };
  return { app1: json(app1), itm: json(tm('itm', v)), app2: json(app2), ptm: json(ptm) };
}

const env = (ctx: StepContext): Env => ({ random: ctx.random, now: ctx.now, transport: ctx.transport });

function record(ctx: StepContext, secrets: Secrets): void {
  for (const [k, val] of Object.entries(secrets)) ctx.secret(k, json(val));
}

/** keys.json: the TLS identity of both ends of a connection. */
function recordTls(ctx: StepContext, ...ids: WsatActorId[]): void {
  for (const id of ids) {
    const p = as<WsatParty>(ctx.actors, id);
    ctx.secret(`TLS identity of ${p.tls.fqdn}`, json({ fqdn: p.tls.fqdn, certPem: p.tls.certPem, keyPem: p.tls.keyPem }));
  }
}

type Out = { state: unknown; wire: string; label?: string; secrets?: Secrets };

/** What the sender of a step produces. */
async function produceFor(s: StepSpec, ctx: StepContext): Promise<Out> {
  const a = ctx.actors;
  const e = { random: ctx.random, now: ctx.now };
  const toHost = HOST[s.to];
  switch (s.from) {
    case 'app1':
      if (s.op === 'ccc') return app1CreateContext(as<App1State>(a, 'app1'), e);
      if (s.op === 'register') return app1Register(as<App1State>(a, 'app1'), e);
      if (s.op === 'app') return app1CallApp2(as<App1State>(a, 'app1'), as<App2State>(a, 'app2').x509.certPem, e);
      return app1Complete(as<App1State>(a, 'app1'), e);
    case 'app2':
      if (s.op === 'ccc') return app2CreateContext(as<App2State>(a, 'app2'), e);
      if (s.op === 'register') return app2Register(as<App2State>(a, 'app2'), e);
      if (s.op === 'answer') return app2Answer(as<App2State>(a, 'app2'), as<App1State>(a, 'app1').x509.certPem, e);
      return app2Send(as<App2State>(a, 'app2'), toHost, e);
    case 'itm':
      return itmSend(as<ItmState>(a, 'itm'), toHost, e);
    case 'ptm':
      return ptmSend(as<PtmState>(a, 'ptm'), toHost, e);
  }
}

/** What the receiver of a step does with the wire. */
async function receiveFor(s: StepSpec, ctx: StepContext, wire: string): Promise<{ state: unknown; report: Report }> {
  const a = ctx.actors;
  const from = peerOf(as<WsatParty>(a, s.from));
  switch (s.to) {
    case 'itm': return itmReceive(as<ItmState>(a, 'itm'), from, wire, env(ctx));
    case 'ptm': return ptmReceive(as<PtmState>(a, 'ptm'), from, wire, env(ctx));
    case 'app1': {
      const app1 = as<App1State>(a, 'app1');
      if (s.rx === 'ccc-response') return app1ReadContext(app1, from, wire, env(ctx));
      if (s.rx === 'register-response') return app1ReadRegistered(app1, from, wire, env(ctx));
      if (s.rx === 'answer') return app1ReadAnswer(app1, wire, ctx.now);
      return app1ReadOutcome(app1, from, wire, env(ctx));
    }
    case 'app2': {
      const app2 = as<App2State>(a, 'app2');
      if (s.rx === 'app') return app2ReadCall(app2, wire, ctx.now);
      if (s.rx === 'ccc-response') return app2ReadContext(app2, from, wire, env(ctx));
      if (s.rx === 'register-response') return app2ReadRegistered(app2, from, wire, env(ctx));
      return app2Receive2pc(app2, from, wire, env(ctx));
    }
  }
}

/**
 * When an earlier message was refused (or edited) the flow leaves the seed's path and a sender may
 * have nothing to send at this step: the step then carries this marker instead of a message, and
 * the receiver reports that nothing came — the timeline goes on instead of stopping.
 */
const NOTHING = '<!-- wsbench: nothing sent';

function nothingSent(s: StepSpec, ctx: StepContext, e: unknown): Produced | null {
  if (!(e instanceof UsageError) || !e.code.startsWith('WSAT_')) return null;
  return { wire: `${NOTHING} by ${s.from}: ${e.message.replace(/--/g, '—')} -->`, transport: s.cls === 'Application' ? 'http' : 'https', actors: ctx.actors, label: `${s.cls}: nothing to send (${s.what})` };
}

function nothingReport(s: StepSpec, ctx: StepContext, wire: string): { report: Report; actors: ActorsState } {
  const why = wire.slice(NOTHING.length, wire.lastIndexOf('-->')).trim();
  const check = { code: 'WSAT_NOTHING_SENT', status: 'fail' as const, specRef: `seed 002 message ${s.n}`, path: '', message: `expected ${s.what} from ${s.from}, found nothing sent (${why})` };
  return { report: makeReport(s.to, [check]), actors: ctx.actors };
}

/** The label of what was really sent, when it is not the message the seed's flow has here (a fault, Aborted instead of Committed). */
function sentLabel(s: StepSpec, sent: string | undefined): string | undefined {
  if (!sent) return undefined;
  if (sent.includes(': ')) return sent;
  const kind = sent.split(' (')[0] ?? sent;
  return sent.startsWith('Fault') || !s.what.startsWith(kind) ? `${s.cls}: ${sent}` : undefined;
}

function toStep(s: StepSpec): StepDef {
  const transport = s.cls === 'Application' ? 'http' : 'https';
  const expect: Expectation = s.expect ?? { accept: true };
  return {
    n: s.n, from: s.from, to: s.to, label: `${s.cls}: ${s.what}`, explain: `${s.cls} message. ${s.explain}`, specRefs: s.refs, expect,
    async produce(ctx) {
      let r: Out;
      try {
        r = await produceFor(s, ctx);
      } catch (e) {
        const none = nothingSent(s, ctx, e);
        if (none) return none;
        throw e;
      }
      if (r.secrets) record(ctx, r.secrets);
      if (transport === 'https') recordTls(ctx, s.from, s.to);
      const label = sentLabel(s, r.label);
      return { wire: r.wire, transport, actors: { ...ctx.actors, [s.from]: json(r.state) }, ...(label ? { label } : {}) };
    },
    async receive(ctx, wire) {
      if (wire.startsWith(NOTHING)) return nothingReport(s, ctx, wire);
      const r = await receiveFor(s, ctx, wire);
      const secrets = (r as { secrets?: Secrets }).secrets;
      if (secrets) record(ctx, secrets);
      return { report: r.report, actors: { ...ctx.actors, [s.to]: json(r.state) } };
    },
  };
}

function steps(variantId: string): StepDef[] {
  const v = find(variantId);
  return flowFor(v.outcome, v.binding, v.version).map(toStep);
}

export const wsatScenario: ScenarioDef = {
  id: 'wsat',
  title: 'WS-AtomicTransaction (WS-Coordination, 2PC, secured bindings)',
  summary: 'App1 and its transaction manager ITM, App2 and its PTM, in the 22 messages of seed 002: activation and registration between the applications and the transaction managers (HTTPS or the mixed binding with an issued SecurityContextToken), the transactional application call with encrypted context headers, and Completion and two-phase commit — committed, aborted, rolled back or read-only — with every coordinator\'s and participant\'s state machine in the actors\' state.',
  seed: '002',
  actors: [
    { id: 'app1', name: `App1, the initiator (${HOST.app1})`, role: 'app' },
    { id: 'itm', name: `ITM, App1's transaction manager (${HOST.itm})`, role: 'tm' },
    { id: 'app2', name: `App2, the participant (${HOST.app2})`, role: 'app' },
    { id: 'ptm', name: `PTM, App2's transaction manager (${HOST.ptm})`, role: 'tm' },
  ],
  variants: WSAT_VARIANTS.map(({ id, title, description, source, policyXml }) => ({ id, title, description, ...(source ? { source } : {}), ...(policyXml ? { policyXml } : {}) })),
  versions: [],
  initialState,
  steps,
};
