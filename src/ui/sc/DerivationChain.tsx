// One DerivedKeyToken's derivation as four connected boxes (WS-SC 1.3 §7): the security context
// and its secret → P_SHA1(secret, label ‖ nonce) with its offset and length → the key, recomputed
// here by the engine and compared with the keys the sender used and the receiver derived → the
// ds:Signature / xenc:EncryptedData that use it, with the receiver's verdict. In recompute mode
// the inputs are editable and the key follows them live.

import { useEffect, useId, useState, type ReactNode } from 'react';
import { toHex, utf8 } from '../../engine/index.ts';
import { Algorithm } from '../report/Algorithm.tsx';
import { useStore } from '../store/index.ts';
import { Bytes, byteLength, hexOf, Mark } from './Bytes.tsx';
import type { DktInputs, DktUse, DktView } from './derivationModel.ts';
import { useDerivation, type RecomputeField, type RecomputeInputs, type RecomputeState } from './useDerivation.ts';

const DEFAULT_LABEL = 'WS-SecureConversationWS-SecureConversation';

function initialInputs(v: DktView, i: DktInputs): RecomputeInputs {
  return {
    secretB64: (v.receiverSecret ?? v.senderSecret)?.b64 ?? '', label: i.label, nonceB64: i.nonceB64,
    position: i.generation !== undefined ? 'generation' : 'offset', positionValue: String(i.generation ?? i.offset ?? 0), length: String(i.length),
  };
}

function Box({ label, title, kind, children }: { label: string; title: ReactNode; kind: string; children: ReactNode }) {
  return (
    <li className={`dk-box dk-box-${kind}`} aria-label={label}>
      <div className="dk-box-head">{title}</div>
      <div className="dk-box-body">{children}</div>
    </li>
  );
}

function Arrow({ caption }: { caption: string }) {
  return (
    <li className="dk-arrow" aria-hidden="true">
      <span className="dk-arrow-line" />
      <span className="dk-arrow-caption">{caption}</span>
    </li>
  );
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error: string | null;
  numeric?: boolean;
}

function Field({ label, value, onChange, error, numeric }: FieldProps) {
  const id = useId();
  return (
    <div className={`dk-field${error ? ' has-error' : ''}`}>
      <input
        type="text"
        inputMode={numeric ? 'numeric' : undefined}
        spellCheck={false}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={id} className="dk-field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

const errorFor = (s: RecomputeState, f: RecomputeField): string | null => (s.status === 'error' && s.field === f ? s.message : null);
const resultOf = (s: RecomputeState) => (s.status === 'done' ? s.result : null);

function ContextBox({ v, edit, state, set }: { v: DktView; edit: RecomputeInputs | null; state: RecomputeState; set: (p: Partial<RecomputeInputs>) => void }) {
  const secret = v.receiverSecret ?? v.senderSecret;
  const other = v.receiverSecret && v.senderSecret && v.senderSecret.holder !== v.receiverSecret.holder ? v.senderSecret : null;
  return (
    <Box label="Security context" kind="context" title={<><strong>Security context</strong> <span className="muted">the shared secret</span></>}>
      <div className="dk-row">
        <span className="dk-k">SCT</span>
        {v.sct ? (
          <span>
            <code className="dk-id">{v.sct.identifier}</code>
            <span className="dk-sct-how muted">
              {v.sct.instance ? `instance ${v.sct.instance} · ` : ''}
              {v.sct.form === 'attached' ? 'the SCT is in this message' : 'named by its Identifier'}
            </span>
          </span>
        ) : (
          <span className="muted">the reference names no SecurityContextToken</span>
        )}
      </div>
      {v.refusal && <p className="dk-problem"><Mark state="bad">{v.refusal.code}</Mark> {v.refusal.message}</p>}
      <div className="dk-row">
        <span className="dk-k">held by</span>
        <span className="dk-source" title={secret?.source}>
          {secret ? `${secret.holder} · ${secret.kept}` : 'no secret known for this context — type one to recompute'}
          {secret?.replacedBy && <span className="dk-bad"> · instance {v.sct?.instance}, {secret.replacedBy === 'renew' ? 'renewed' : 'amended'} away</span>}
        </span>
      </div>
      {edit ? (
        <>
          <Field label="Secret (base64)" value={edit.secretB64} onChange={(secretB64) => set({ secretB64 })} error={errorFor(state, 'secret')} />
          {resultOf(state) && <code className="dk-hex">{resultOf(state)?.secretHex}</code>}
        </>
      ) : secret ? (
        <Bytes b64={secret.b64} what="the secret" />
      ) : null}
      {other && (
        other.b64 === secret?.b64
          ? <p className="dk-agree"><Mark state="ok">{other.holder} derived from the same secret</Mark></p>
          : (
            <div className="dk-problem" title={other.source}>
              <Mark state="bad">{other.holder} derived from a different secret</Mark>
              <code className="dk-inline">{other.b64}</code>
              <span className="muted small">{other.holder} · {other.kept === 'keys.json' ? other.source : other.kept}</span>
            </div>
          )
      )}
    </Box>
  );
}

/** label ‖ nonce as hex, without the secret (the seed P_SHA1 is keyed over); null when the nonce is not base64. */
function seedParts(label: string, nonceB64: string): { labelHex: string; nonceHex: string | null; seedHex: string | null } {
  const labelHex = toHex(utf8(label));
  const nonceHex = hexOf(nonceB64);
  return { labelHex, nonceHex, seedHex: nonceHex === null ? null : labelHex + nonceHex };
}

function Psha1Box({ i, edit, state, set }: { i: DktInputs; edit: RecomputeInputs | null; state: RecomputeState; set: (p: Partial<RecomputeInputs>) => void }) {
  const label = edit?.label ?? i.label;
  const nonceB64 = edit?.nonceB64 ?? i.nonceB64;
  const r = seedParts(label, nonceB64.trim());
  const gen = (edit?.position ?? (i.generation !== undefined ? 'generation' : 'offset')) === 'generation';
  return (
    <Box label="P_SHA1" kind="psha1" title={<><strong>P_SHA1</strong>(secret, label ‖ nonce) <span className="muted" title="HMAC-SHA1 chain of RFC 2246 §5, as WS-SC 1.3 §7 uses it">RFC 2246 §5</span></>}>
      <div className="dk-row">
        <span className="dk-k">label</span>
        {edit ? <Field label="Label" value={edit.label} onChange={(v) => set({ label: v })} error={errorFor(state, 'label')} /> : (
          <span><code>"{label}"</code>{label === DEFAULT_LABEL && <span className="muted"> (the default)</span>}</span>
        )}
      </div>
      <div className="dk-row"><span className="dk-k" /><code className="dk-hex">{r.labelHex}</code></div>
      <div className="dk-row">
        <span className="dk-k">nonce</span>
        {edit ? <Field label="Nonce (base64)" value={edit.nonceB64} onChange={(v) => set({ nonceB64: v })} error={errorFor(state, 'nonce')} /> : <code>{nonceB64}</code>}
      </div>
      <div className="dk-row"><span className="dk-k" /><code className="dk-hex">{r.nonceHex ?? ''}</code></div>
      <div className="dk-row">
        <span className="dk-k" title="seed = label bytes ‖ nonce bytes">seed</span>
        <span><code className="dk-hex">{r.seedHex ?? ''}</code>{r.seedHex !== null && <span className="muted"> ({r.seedHex.length / 2} bytes = {r.labelHex.length / 2} + {(r.nonceHex ?? '').length / 2})</span>}</span>
      </div>
      <div className="dk-row">
        <span className="dk-k">{gen ? 'generation' : 'offset'}</span>
        {edit ? <Field label={gen ? 'Generation' : 'Offset'} numeric value={edit.positionValue} onChange={(v) => set({ positionValue: v })} error={errorFor(state, 'position')} /> : (
          <span className="mono">{gen ? `${i.generation} × length ${i.length} = byte ${(i.generation ?? 0) * i.length}` : `byte ${i.offset ?? 0}`}</span>
        )}
      </div>
      <div className="dk-row">
        <span className="dk-k">length</span>
        {edit ? <Field label="Length" numeric value={edit.length} onChange={(v) => set({ length: v })} error={errorFor(state, 'length')} /> : <span className="mono">{i.length} bytes</span>}
      </div>
    </Box>
  );
}

function Compare({ mine, theirs, who, verb }: { mine: string; theirs: string; who: string; verb: string }) {
  return mine === theirs
    ? <li><Mark state="ok">= the key {who} {verb}</Mark></li>
    : <li><Mark state="bad">≠ the key {who} {verb}</Mark> <code className="dk-inline">{theirs}</code></li>;
}

function KeyBox({ v, state, edited }: { v: DktView; state: RecomputeState; edited: boolean }) {
  const r = resultOf(state);
  return (
    <Box label="Derived key" kind="key" title={<><strong>Derived key</strong> <span className="muted">{r ? `${r.length} bytes from byte ${r.offset}` : ''}</span></>}>
      {r ? <Bytes b64={r.keyB64} hex={r.keyHex} what="the derived key" /> : state.status === 'error' && state.field === null ? <p className="dk-problem">{state.message}</p> : <p className="muted">{state.status === 'idle' ? 'no secret to derive from' : 'computing…'}</p>}
      <p className="dk-note muted">recomputed here by the engine (deriveDktKey){edited ? ' from your inputs' : ''}</p>
      {r && (
        <ul className="dk-agrees" aria-label="Agreement">
          {v.sentKey && <Compare mine={r.keyB64} theirs={v.sentKey.keyB64} who={v.sentKey.who} verb="used" />}
          {v.derivedKey && <Compare mine={r.keyB64} theirs={v.derivedKey.keyB64} who={v.derivedKey.who} verb="derived (SC_DKT_DERIVED)" />}
        </ul>
      )}
      {!r && v.derivedKey && <p className="muted">{v.derivedKey.who} derived {byteLength(v.derivedKey.keyB64)} bytes: <code className="dk-inline">{v.derivedKey.keyB64}</code></p>}
      {v.refusal && !v.derivedKey && <p className="dk-note">The receiver did not derive it: it refused the context first ({v.refusal.code}).</p>}
    </Box>
  );
}

function UseStatusMark({ u }: { u: DktUse }) {
  if (u.status === 'ok') return <Mark state="ok">{u.kind === 'signature' ? 'verified' : 'decrypted'}</Mark>;
  if (u.status === 'failed') return <Mark state="bad" title={u.failure?.message}>{u.failure?.code ?? 'failed'}</Mark>;
  if (u.status === 'pending') return <Mark state="pending">not delivered yet</Mark>;
  return <Mark state="info">not checked by the receiver</Mark>;
}

function UseItem({ u }: { u: DktUse }) {
  const revealPath = useStore((s) => s.revealPath);
  return (
    <li className="dk-use">
      <div className="dk-use-head">
        <code>{u.kind === 'signature' ? 'ds:Signature' : 'xenc:EncryptedData'}</code>
        {u.id && <code className="muted">{u.id}</code>}
        <UseStatusMark u={u} />
        <button type="button" className="link-button" aria-label={`Show the ${u.kind === 'signature' ? 'signature' : 'EncryptedData'} in the message`} onClick={() => revealPath(u.path)}>
          show
        </button>
      </div>
      {u.kind === 'signature' ? (
        <>
          <div className="dk-row"><span className="dk-k">method</span><Algorithm uri={u.algorithm} /></div>
          <div className="dk-row">
            <span className="dk-k">covers</span>
            <span className="dk-covers">
              {u.references.map((r) => (
                <span key={r.uri} className={`dk-cover${r.ok === false ? ' is-bad' : ''}`} title={r.uri}>
                  {r.ok === false ? '✗ ' : r.ok ? '✓ ' : ''}{r.target ?? r.uri}
                </span>
              ))}
            </span>
          </div>
        </>
      ) : (
        <div className="dk-row"><span className="dk-k">cipher</span><span><Algorithm uri={u.algorithm} /> <span className="muted">· {u.type.endsWith('#Element') ? 'element' : 'content'} of {u.target || '?'}</span></span></div>
      )}
      {u.status === 'failed' && u.failure && <p className="dk-problem small">{u.failure.message}</p>}
    </li>
  );
}

function UsedByBox({ v }: { v: DktView }) {
  return (
    <Box label="Used by" kind="use" title={<><strong>Used by</strong> <span className="muted">in this message</span></>}>
      {v.uses.length === 0 ? <p className="muted">Nothing in this message references this key.</p> : (
        <ul className="dk-uses">{v.uses.map((u) => <UseItem key={u.path} u={u} />)}</ul>
      )}
    </Box>
  );
}

/** The chain of one DKT. Keyed by step and DKT id, so edits start over on another message. */
export function DerivationChain({ view, recomputing }: { view: DktView; recomputing: boolean }) {
  const i = view.inputs;
  // The user's inputs while recomputing (null: the message's own, until something is typed).
  const [typed, setTyped] = useState<RecomputeInputs | null>(null);
  useEffect(() => {
    if (!recomputing) setTyped(null);
  }, [recomputing]);
  const base = i ? initialInputs(view, i) : null;
  const edit = recomputing ? (typed ?? base) : null;
  const inputs = edit ?? base;
  const state = useDerivation(inputs && inputs.secretB64 !== '' ? inputs : null);
  const edited = recomputing && typed !== null && JSON.stringify(typed) !== JSON.stringify(base);
  if (!i) {
    return (
      <div className="dk-unreadable" role="alert">
        <strong>This DerivedKeyToken cannot be read:</strong>
        <ul>{view.problems.map((p) => <li key={p}>{p}</li>)}</ul>
      </div>
    );
  }
  const set = (p: Partial<RecomputeInputs>) => setTyped((t) => ({ ...(t ?? initialInputs(view, i)), ...p }));
  return (
    <>
      {recomputing && (
        <div className="dk-recompute-bar" role="note">
          Edit any input: the key below is recomputed by the engine as you type.
          <button type="button" className="link-button" disabled={!edited} onClick={() => setTyped(null)}>Reset to the message's values</button>
        </div>
      )}
      <ol className="dk-chain" aria-label={`Key derivation of ${view.dktId || 'the DerivedKeyToken'}`}>
        <ContextBox v={view} edit={edit} state={state} set={set} />
        <Arrow caption="secret" />
        <Psha1Box i={i} edit={edit} state={state} set={set} />
        <Arrow caption="key" />
        <KeyBox v={view} state={state} edited={edited} />
        <Arrow caption="used by" />
        <UsedByBox v={view} />
      </ol>
    </>
  );
}
