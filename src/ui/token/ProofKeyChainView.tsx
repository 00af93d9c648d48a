// The Proof key view (issue 4, "seeing it"): the holder-of-key proof key's life as connected boxes —
// the client's and the STS's entropy → P_SHA1 (recomputed by the engine) → the proof key →
// encrypted for the service inside the assertion → the signature made with it. Every box shows its
// value; a step number takes you to that step.

import type { ReactNode } from 'react';
import type { CheckStatus, ProofKeyChain, ShownBytes } from '../../engine/index.ts';
import { Algorithm } from '../report/Algorithm.tsx';
import { STATUS_ICON } from '../report/CheckList.tsx';
import { useStore } from '../store/index.ts';
import { CopyButton } from './CopyButton.tsx';

function StepLink({ n }: { n: number }) {
  const goTo = useStore((s) => s.goTo);
  const index = useStore((s) => s.run?.steps.findIndex((x) => x.n === n) ?? -1);
  const current = useStore((s) => s.run?.steps[s.current]?.n === n);
  if (index < 0) return <span className="pk-step">step {n}</span>;
  return (
    <button type="button" className={`pk-step${current ? ' is-current' : ''}`} title={`Go to step ${n}`} aria-label={`Go to step ${n}`} onClick={() => goTo(index)}>
      step {n}
    </button>
  );
}

function Value({ bytes }: { bytes: ShownBytes }) {
  return (
    <dl className="pk-value">
      <dt>base64</dt>
      <dd>
        <code>{bytes.base64}</code>
      </dd>
      <dt>hex</dt>
      <dd>
        <code>{bytes.hex}</code>
      </dd>
    </dl>
  );
}

interface BoxProps {
  label: string;
  kind: string;
  note?: ReactNode;
  step?: number | undefined;
  /** A value to copy from the box's head. */
  copy?: { value: string; what: string };
  children: ReactNode;
}

function Box({ label, note, step, kind, copy, children }: BoxProps) {
  return (
    <li className={`pk-box pk-${kind}`} aria-label={label}>
      <div className="pk-box-head">
        <strong>{label}</strong>
        {note && <span className="pk-head-note" title={typeof note === 'string' ? note : undefined}>{note}</span>}
        <span className="pk-head-end">
          {copy && <CopyButton value={copy.value} what={copy.what} />}
          {step !== undefined && <StepLink n={step} />}
        </span>
      </div>
      {children}
    </li>
  );
}

function Arrow({ label }: { label: string }) {
  return (
    <li className="pk-arrow" aria-hidden="true">
      <span className="pk-arrow-line" />
      <span className="pk-arrow-label">{label}</span>
    </li>
  );
}

function Said({ status, code, message }: { status: CheckStatus; code: string; message: string }) {
  return (
    <span className={`tk-verdict status-${status}`} title={message}>
      <span aria-hidden="true">{STATUS_ICON[status]}</span> {code}
    </span>
  );
}

function Entropy({ chain }: { chain: ProofKeyChain }) {
  const c = chain.clientEntropy;
  const s = chain.stsEntropy;
  return (
    <li className="pk-pair">
      <ol className="pk-pair-list">
        <Box label="Client entropy" note={`RST${c ? ` · ${c.value.length} bytes` : ''}`} step={c?.step} kind="entropy" {...(c ? { copy: { value: c.value.base64, what: 'the client entropy (base64)' } } : {})}>
          {c ? <Value bytes={c.value} /> : <p className="muted">none in the request</p>}
        </Box>
        <Box label="STS entropy" note={`RSTR${s ? ` · ${s.value.length} bytes` : ''}`} step={s?.step} kind="entropy" {...(s ? { copy: { value: s.value.base64, what: 'the STS entropy (base64)' } } : {})}>
          {s ? <Value bytes={s.value} /> : <p className="muted">none in the response</p>}
        </Box>
      </ol>
    </li>
  );
}

function Psha1({ chain }: { chain: ProofKeyChain }) {
  const p = chain.psha1;
  if (!p) return null;
  return (
    <>
      <Arrow label="P_SHA1(secret = client entropy, seed = STS entropy)" />
      <Box
        label="P_SHA1"
        note={
          <span title="HMAC-SHA1(secret, A(1) ‖ seed) ‖ HMAC-SHA1(secret, A(2) ‖ seed) ‖ …, A(0) = seed, A(i) = HMAC-SHA1(secret, A(i-1)) (RFC 2246 §5)">
            HMAC-SHA1 chain (RFC 2246 §5) → {p.lengthBytes} bytes · <Algorithm uri={p.algorithm} /> · recomputed here by the engine
          </span>
        }
        kind="psha1"
        copy={{ value: p.output.base64, what: 'the P_SHA1 output (base64)' }}
      >
        <Value bytes={p.output} />
      </Box>
    </>
  );
}

function ProofKey({ chain }: { chain: ProofKeyChain }) {
  const k = chain.proofKey;
  return (
    <Box label="Proof key" note={k.how} step={k.step} kind="key" copy={{ value: k.value.base64, what: 'the proof key (base64)' }}>
      <Value bytes={k.value} />
      {k.agrees.length > 0 && (
        <ul className="pk-agrees">
          {k.agrees.map((a) => (
            <li key={a.what} className={a.equal ? 'ok' : 'bad'}>
              <span aria-hidden="true">{a.equal ? '✓' : '✗'}</span> {a.equal ? '=' : '≠'} {a.what}
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

function Encrypted({ chain }: { chain: ProofKeyChain }) {
  const e = chain.encryptedForService;
  if (!e) return null;
  return (
    <>
      <Arrow label="encrypted for the service" />
      <Box
        label="EncryptedKey for the service"
        note={<>for <span className="mono">{e.recipient.subject ?? 'an unknown certificate'}</span> · <Algorithm uri={e.algorithm} /></>}
        step={e.step}
        kind="ek"
        copy={{ value: e.cipherValue, what: 'the EncryptedKey CipherValue' }}
      >
        <p className="pk-note">
          {e.recipient.value && <>{e.recipient.reference} <span className="mono">{e.recipient.value}</span> · </>}
          {e.unwrapped ? (
            <>unwrapped by the service at <StepLink n={e.unwrapped.step} /> <Said {...e.unwrapped} /></>
          ) : (
            <span className="muted">not unwrapped yet: the service has not received the token</span>
          )}
        </p>
        <code className="tk-block pk-cipher" aria-label="CipherValue" title="The whole CipherValue: Copy, or the Token view">{e.cipherValue}</code>
      </Box>
    </>
  );
}

function Signature({ chain }: { chain: ProofKeyChain }) {
  const s = chain.signature;
  if (!s) {
    return (
      <>
        <Arrow label="used to sign" />
        <li className="pk-box pk-sig pk-empty" aria-label="Signature">
          <span className="muted">No message signed with this key yet.</span>
        </li>
      </>
    );
  }
  return (
    <>
      <Arrow label="used to sign (proof of possession)" />
      <Box label={`Signature at step ${s.step}`} note={<><Algorithm uri={s.signatureMethod} /> · <Algorithm uri={s.c14n} /> · <span className="mono">{s.path}</span></>} step={s.step} kind="sig">
        <p className="pk-note">
          Covers: {s.covers.length ? s.covers.map((c) => <code key={c} className="pk-cover">{c}</code>) : <span className="bad">nothing it can resolve</span>}
        </p>
        <p className="pk-note">
          <span className={s.verified ? 'ok' : 'bad'}>
            <span aria-hidden="true">{s.verified ? '✓' : '✗'}</span> {s.verified ? 'verifies' : 'does not verify'} with this proof key (checked here)
          </span>
          {s.receiver ? <> · the service says <Said {...s.receiver} /></> : <span className="muted"> · not delivered yet</span>}
        </p>
      </Box>
    </>
  );
}

export function ProofKeyChainView({ chain }: { chain: ProofKeyChain }) {
  return (
    <div className="pk-view" role="region" aria-label="Proof-key chain">
      <header className="tk-head">
        <strong>Proof key of</strong> <span className="mono tk-value">{chain.assertionId}</span>
        <span className="tk-badge tk-holder-of-key">{chain.keyBits}-bit symmetric</span>
        <span className="tk-where muted">
          {chain.origin === 'computed' ? 'from both entropies' : 'generated by the STS'}
        </span>
      </header>
      <ol className="pk-chain" aria-label="Proof-key chain, from its origin to its use">
        {chain.origin === 'computed' && <Entropy chain={chain} />}
        <Psha1 chain={chain} />
        {chain.origin === 'computed' && <Arrow label="is the proof key" />}
        <ProofKey chain={chain} />
        <Encrypted chain={chain} />
        <Signature chain={chain} />
      </ol>
    </div>
  );
}
