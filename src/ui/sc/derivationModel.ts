// What the key-derivation view shows for the message on screen (issue 5, "seeing it"): for each
// wsc:DerivedKeyToken (WS-SC 1.3 §7) — the context its reference names and where the secret came
// from, the P_SHA1 inputs as the message states them, the key the sender used (its keys.json
// record) and the key the receiver derived (its SC_DKT_DERIVED check), and the ds:Signature and
// xenc:EncryptedData keyed by it with the receiver's verdict on each. Read from the pane's text,
// the step's report and secrets, and the actors' session tables; nothing here decides anything.

import {
  findById, NS, nodePath, parseXml, readDerivedKeyToken, readSctReference, toBase64,
  type ActorInfo, type Check, type RunState, type StepRecord,
} from '../../engine/index.ts';
import { secretsUpTo, sentKeyRecords, sessionsIn } from './sessionModel.ts';

type Doc = ReturnType<typeof parseXml>;
type El = NonNullable<Doc['documentElement']>;

/** The derivation inputs a DKT states (Offset or Generation, never both). */
export interface DktInputs {
  label: string;
  nonceB64: string;
  offset?: number;
  generation?: number;
  length: number;
}

export type UseStatus = 'pending' | 'ok' | 'failed' | 'not-checked';

export interface SignatureUse {
  kind: 'signature';
  path: string;
  id: string;
  algorithm: string;
  /** Each ds:Reference: its URI, the local name of the element it names, and whether its digest matched. */
  references: Array<{ uri: string; target: string | null; ok: boolean | null }>;
  status: UseStatus;
  /** The first failed check about this signature (code and message), when it failed. */
  failure: { code: string; message: string } | null;
}

export interface EncryptionUse {
  kind: 'encryption';
  path: string;
  id: string;
  algorithm: string;
  /** What was encrypted: the parent element's local name and the Type (Content or Element). */
  target: string;
  type: string;
  status: UseStatus;
  failure: { code: string; message: string } | null;
}

export type DktUse = SignatureUse | EncryptionUse;

export interface SecretView {
  b64: string;
  /** Where it came from, in words (the receiver's own wording when it derived). */
  source: string;
  /** The actor whose secret it is. */
  holder: string;
  /** Where the holder keeps it: its session table (for a replaced instance: which Amend or Renew replaced it) or keys.json. */
  kept: 'session table' | 'keys.json';
  replacedBy?: 'amend' | 'renew';
}

export interface DktView {
  dktId: string;
  version: string;
  path: string;
  line?: number;
  /** The SCT the reference names, or null when it names another kind of token. */
  sct: { identifier: string; instance?: string; form: 'attached' | 'unattached' } | null;
  inputs: DktInputs | null;
  /** Why the DKT could not be read (failed checks), when `inputs` is null. */
  problems: string[];
  senderSecret: SecretView | null;
  receiverSecret: SecretView | null;
  /** The key the sender derived and used (from its step's keys.json record). */
  sentKey: { keyB64: string; who: string } | null;
  /** The key the receiver derived (its SC_DKT_DERIVED check). */
  derivedKey: { keyB64: string; seedB64: string; offset: number; length: number; source: string; who: string } | null;
  /** The receiver refused the context this DKT names (SC_SCT_* failure). */
  refusal: { code: string; message: string } | null;
  uses: DktUse[];
}

export interface DerivationModel {
  dkts: DktView[];
  /** The pane's text is not well-formed XML (the view then shows nothing but this). */
  parseError: string | null;
}

interface Ctx {
  doc: Doc;
  step: StepRecord | null;
  run: RunState | null;
  nameOf: (id: string) => string;
  checks: Check[];
}

const DKT_NS = [NS.sc13, NS.sc2005];

function elements(root: Doc | El, ns: string, local: string): El[] {
  return Array.from(root.getElementsByTagNameNS(ns, local)) as El[];
}

function child(el: El, ns: string, local: string): El | null {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as El).namespaceURI === ns && (c as El).localName === local) return c as El;
  }
  return null;
}

/** The "#id" a KeyInfo's SecurityTokenReference points at, without the '#'. */
function keyInfoTarget(owner: El): string | null {
  const ki = child(owner, NS.ds, 'KeyInfo');
  const str = ki ? child(ki, NS.wsse, 'SecurityTokenReference') : null;
  const ref = str ? child(str, NS.wsse, 'Reference') : null;
  const uri = ref?.getAttribute('URI') ?? '';
  return uri.startsWith('#') ? uri.slice(1) : null;
}

const TELLING = ['SC_DERIVED_KEY_MISMATCH', 'DSIG_SIGNATURE_INVALID', 'XENC_DECRYPT_FAILED'];
const within = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);

function statusOf(ctx: Ctx, path: string, ok: (c: Check) => boolean): { status: UseStatus; failure: { code: string; message: string } | null } {
  if (!ctx.step?.report) return { status: 'pending', failure: null };
  const failures = ctx.checks.filter((c) => c.status === 'fail' && within(c.path, path));
  // The check that says why (a derived-key mismatch), before its symptoms (a digest, a padding byte).
  const failed = TELLING.map((code) => failures.find((c) => c.code === code)).find((c) => c !== undefined) ?? failures[0];
  if (failed) return { status: 'failed', failure: { code: failed.code, message: failed.message } };
  return { status: ctx.checks.some(ok) ? 'ok' : 'not-checked', failure: null };
}

function signatureUse(sig: El, ctx: Ctx): SignatureUse {
  const path = nodePath(sig);
  const signedInfo = child(sig, NS.ds, 'SignedInfo');
  const method = signedInfo ? child(signedInfo, NS.ds, 'SignatureMethod') : null;
  const report = ctx.checks.find((c) => c.code === 'WSS_SIGNATURE' && (c.details?.['signature'] ?? c.path) === path);
  const reported = Array.isArray(report?.details?.['references']) ? (report.details['references'] as Array<Record<string, unknown>>) : [];
  const references = (signedInfo ? elements(signedInfo, NS.ds, 'Reference') : []).map((r) => {
    const uri = r.getAttribute('URI') ?? '';
    const target = uri.startsWith('#') ? findById(ctx.doc, uri.slice(1)) : null;
    const mine = reported.find((x) => x['uri'] === uri);
    return { uri, target: target?.localName ?? null, ok: mine ? mine['ok'] === true : null };
  });
  const s = statusOf(ctx, path, (c) => c === report && c.details?.['ok'] === true);
  return { kind: 'signature', path, id: sig.getAttribute('Id') ?? '', algorithm: method?.getAttribute('Algorithm') ?? '', references, ...s };
}

function encryptionUse(ed: El, ctx: Ctx): EncryptionUse {
  const path = nodePath(ed);
  const id = ed.getAttribute('Id') ?? '';
  const method = child(ed, NS.xenc, 'EncryptionMethod');
  const parent = ed.parentNode && ed.parentNode.nodeType === 1 ? (ed.parentNode as El).localName : '';
  const s = statusOf(ctx, path, (c) => c.code === 'XENC_DECRYPTED' && c.status === 'pass' && (c.details?.['id'] === id || c.path === path));
  return { kind: 'encryption', path, id, algorithm: method?.getAttribute('Algorithm') ?? '', target: parent ?? '', type: ed.getAttribute('Type') ?? '', ...s };
}

function usesOf(dktId: string, ctx: Ctx): DktUse[] {
  if (!dktId) return [];
  const sigs = elements(ctx.doc, NS.ds, 'Signature').filter((s) => keyInfoTarget(s) === dktId).map((s) => signatureUse(s, ctx));
  const eds = elements(ctx.doc, NS.xenc, 'EncryptedData').filter((e) => keyInfoTarget(e) === dktId).map((e) => encryptionUse(e, ctx));
  return [...sigs, ...eds];
}

/** The secret an actor's session table holds for a context instance (current or amended away). */
function tableSecret(ctx: Ctx, actorId: string, sct: NonNullable<DktView['sct']>, source: (instanceNote: string) => string): SecretView | null {
  const step = ctx.step;
  if (!step) return null;
  const state = step.sent[actorId] ?? step.before[actorId];
  const s = sessionsIn(state).find((x) => x.identifier === sct.identifier);
  if (!s) return null;
  const holder = ctx.nameOf(actorId);
  if (sct.instance === undefined || sct.instance === s.instance) return { b64: s.secretB64, source: source(s.instance ? ` instance ${s.instance}` : ''), holder, kept: 'session table' };
  const old = s.superseded.find((x) => x.instance === sct.instance);
  return old
    ? { b64: old.secretB64, source: source(` instance ${old.instance} (replaced by ${old.by === 'renew' ? 'Renew' : 'Amend'})`), holder, kept: 'session table', replacedBy: old.by === 'renew' ? 'renew' : 'amend' }
    : null;
}

function receiverSide(el: El, dktId: string, sct: DktView['sct'], ctx: Ctx): Pick<DktView, 'derivedKey' | 'receiverSecret' | 'refusal'> {
  const step = ctx.step;
  const derived = ctx.checks.find((c) => c.code === 'SC_DKT_DERIVED' && (c.details?.['dktId'] === dktId || c.path === nodePath(el)));
  const d = derived?.details ?? {};
  const who = step ? ctx.nameOf(step.to) : '';
  const derivedKey = derived && typeof d['keyB64'] === 'string'
    ? { keyB64: d['keyB64'], seedB64: String(d['seedB64'] ?? ''), offset: Number(d['effectiveOffset'] ?? 0), length: Number(d['length'] ?? 0), source: String(d['secretSource'] ?? ''), who }
    : null;
  const refusalCheck = sct ? ctx.checks.find((c) => c.status === 'fail' && c.code.startsWith('SC_SCT_') && c.details?.['identifier'] === sct.identifier) : undefined;
  const receiverSecret = sct && step ? tableSecret(ctx, step.to, sct, (inst) => derivedKey?.source || `the secret of context ${sct.identifier}${inst} in ${who}'s session table`) : null;
  return { derivedKey, receiverSecret, refusal: refusalCheck ? { code: refusalCheck.code, message: refusalCheck.message } : null };
}

function senderSide(dktId: string, sct: DktView['sct'], ctx: Ctx): Pick<DktView, 'sentKey' | 'senderSecret'> {
  const step = ctx.step;
  if (!step) return { sentKey: null, senderSecret: null };
  const who = ctx.nameOf(step.from);
  const record = sentKeyRecords(step).find((r) => r.dktId === dktId);
  const named = record?.secret && ctx.run ? secretsUpTo(ctx.run, step.index)[record.secret] : undefined;
  const senderSecret = named && record?.secret
    ? { b64: named, source: `keys.json "${record.secret}"`, holder: who, kept: 'keys.json' as const }
    : sct ? tableSecret(ctx, step.from, sct, (inst) => `the secret of context ${sct.identifier}${inst} in ${who}'s session table`) : null;
  return { sentKey: record ? { keyB64: record.keyB64, who } : null, senderSecret };
}

function dktView(el: El, ctx: Ctx): DktView {
  const { dkt, checks } = readDerivedKeyToken(el);
  const dktId = dkt?.id ?? el.getAttributeNS(NS.wsu, 'Id') ?? '';
  const str = dkt?.reference ?? null;
  const sctRef = str ? readSctReference(str, ctx.doc).ref : null;
  const sct = sctRef ? { identifier: sctRef.identifier, form: sctRef.form, ...(sctRef.instance ? { instance: sctRef.instance } : {}) } : null;
  const i = dkt?.input;
  const inputs: DktInputs | null = i
    ? { label: i.label ?? '', nonceB64: toBase64(i.nonce), length: i.length ?? 32, ...(i.generation !== undefined ? { generation: i.generation } : { offset: i.offset ?? 0 }) }
    : null;
  return {
    dktId, version: dkt?.version ?? (el.namespaceURI === NS.sc2005 ? '2005/02' : '1.3'), path: nodePath(el), ...(el.lineNumber ? { line: el.lineNumber } : {}),
    sct, inputs, problems: checks.filter((c) => c.status === 'fail').map((c) => `${c.code}: ${c.message}`),
    ...receiverSide(el, dktId, sct, ctx), ...senderSide(dktId, sct, ctx), uses: usesOf(dktId, ctx),
  };
}

/** The DerivedKeyTokens of `text` (the pane), with what the step's sender and receiver made of each. */
export function derivationModel(text: string, step: StepRecord | null, run: RunState | null, actors: ActorInfo[]): DerivationModel {
  if (text.trim() === '') return { dkts: [], parseError: null };
  let doc: Doc;
  try {
    doc = parseXml(text);
  } catch (e) {
    return { dkts: [], parseError: e instanceof Error ? e.message : String(e) };
  }
  const nameOf = (id: string): string => actors.find((a) => a.id === id)?.name ?? id;
  const ctx: Ctx = { doc, step, run, nameOf, checks: step?.report?.checks ?? [] };
  const dkts = DKT_NS.flatMap((ns) => elements(doc, ns, 'DerivedKeyToken')).sort((a, b) => (a.lineNumber ?? 0) - (b.lineNumber ?? 0) || (a.columnNumber ?? 0) - (b.columnNumber ?? 0));
  return { dkts: dkts.map((el) => dktView(el, ctx)), parseError: null };
}
