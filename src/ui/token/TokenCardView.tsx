// The Token view (issue 4, "seeing it"): the SAML assertion in the message as a card — issuer,
// subject, confirmation, conditions, statements, the issuer's signature, and the proof key with
// how it travels. Values are selectable monospace text; where the receiver of this step checked a
// part, its verdict sits beside it (the check's code, its message on hover).

import type { ReactNode } from 'react';
import type { Check, Report, TokenCard } from '../../engine/index.ts';
import { Algorithm } from '../report/Algorithm.tsx';
import { STATUS_ICON } from '../report/CheckList.tsx';
import { CopyButton } from './CopyButton.tsx';

const VERDICTS = {
  confirmation: ['SAML_CONFIRMATION', 'SAML_CONFIRMATION_UNKNOWN', 'SAML_CONFIRMATION_MISSING'],
  validity: ['SAML_VALIDITY_PERIOD', 'SAML_EXPIRED', 'SAML_NOT_YET_VALID', 'SAML_VALIDITY_INVERTED'],
  audience: ['SAML_AUDIENCE', 'SAML_AUDIENCE_MISMATCH', 'SAML_NO_AUDIENCE_RESTRICTION'],
  signature: ['SAML_SIGNATURE_VALID', 'SAML_SIGNATURE_INVALID', 'SAML_SIGNATURE_MISSING', 'SAML_ISSUER_UNTRUSTED'],
  proofKey: ['SAML_PROOF_KEY', 'SAML_PROOF_KEY_UNRESOLVED', 'SAML_PROOF_KEY_NOT_FOR_SERVICE', 'SAML_PROOF_KEY_NOT_UNWRAPPED'],
  possession: ['SAML_PROOF_OF_POSSESSION', 'SAML_NO_PROOF_OF_POSSESSION'],
} as const;

/** The receiver's verdict on one part of the card: the first failure among `codes`, else the first check. */
function Verdict({ checks, codes }: { checks: readonly Check[]; codes: readonly string[] }) {
  const mine = checks.filter((c) => codes.includes(c.code));
  const c = mine.find((x) => x.status === 'fail') ?? mine[0];
  if (!c) return null;
  return (
    <span className={`tk-verdict status-${c.status}`} title={c.message}>
      <span aria-hidden="true">{STATUS_ICON[c.status]}</span> {c.code}
    </span>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const Mono = ({ children }: { children: ReactNode }) => <span className="mono tk-value">{children}</span>;
const Missing = () => <span className="muted">(none)</span>;

function hours(from: string | null, to: string | null): string {
  const ms = from && to ? Date.parse(to) - Date.parse(from) : NaN;
  if (!Number.isFinite(ms)) return '';
  return ms % 3_600_000 === 0 ? ` · ${ms / 3_600_000} h` : ` · ${Math.round(ms / 60_000)} min`;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="tk-section" aria-label={title}>
      <h3 className="tk-title">{title}</h3>
      <dl className="tk-dl">{children}</dl>
    </section>
  );
}

function Attributes({ attributes }: { attributes: Record<string, string[]> }) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return <Missing />;
  return (
    <ul className="tk-attrs">
      {entries.map(([name, values]) => (
        <li key={name}>
          <Mono>{name}</Mono> <span className="muted">=</span> <Mono>{values.join(', ') || '(no value)'}</Mono>
        </li>
      ))}
    </ul>
  );
}

function ProofKey({ card, checks }: { card: TokenCard; checks: readonly Check[] }) {
  const p = card.proofKey;
  const ek = p.kind === 'symmetric' ? p.encryptedKey : null;
  return (
    <Section title="Proof key">
      <Row label="Kind">
        <strong>{p.kind === 'none' ? 'none' : `${p.kind} proof key`}</strong> <Verdict checks={checks} codes={VERDICTS.proofKey} />
      </Row>
      <Row label="Travels as">{p.travels}</Row>
      {ek && (
        <>
          <Row label="Key transport"><Algorithm uri={ek.algorithm} />{ek.digest && <> · digest <Algorithm uri={ek.digest} /></>}</Row>
          <Row label="CipherValue">
            <div className="tk-cipher">
              <code className="tk-block">{ek.cipherValue}</code>
              <CopyButton value={ek.cipherValue} what="the EncryptedKey CipherValue" />
            </div>
          </Row>
        </>
      )}
      {p.kind === 'asymmetric' && p.certificate && <Row label="Certificate"><Mono>{p.certificate.subject}</Mono> <span className="muted">· SHA-1</span> <Mono>{p.certificate.thumbprintSha1}</Mono></Row>}
      {p.kind !== 'none' && (
        <Row label="Possession">
          <Verdict checks={checks} codes={VERDICTS.possession} />
          {!checks.some((c) => (VERDICTS.possession as readonly string[]).includes(c.code)) && <span className="muted">not proven in this message</span>}
        </Row>
      )}
    </Section>
  );
}

function Signature({ card, checks }: { card: TokenCard; checks: readonly Check[] }) {
  const s = card.signature;
  if (!s) {
    return (
      <Section title="Issuer's signature">
        <Row label="Signature"><span className="bad">✗ none: the assertion is unsigned</span> <Verdict checks={checks} codes={VERDICTS.signature} /></Row>
      </Section>
    );
  }
  return (
    <Section title="Issuer's signature">
      <Row label="SignatureMethod">{s.algorithm ? <Algorithm uri={s.algorithm} /> : <Missing />} <Verdict checks={checks} codes={VERDICTS.signature} /></Row>
      <Row label="Digest · c14n">{s.digest ? <Algorithm uri={s.digest} /> : <Missing />} · {s.c14n ? <Algorithm uri={s.c14n} /> : <Missing />}</Row>
      <Row label="Reference"><Mono>{s.reference ?? '(none)'}</Mono></Row>
      <Row label="Signed by">
        {s.signer ? (
          <>
            <Mono>{s.signer.subject}</Mono> <span className="muted">issued by</span> <Mono>{s.signer.issuer}</Mono>
            <br />
            <span className="muted">SHA-1 thumbprint</span> <Mono>{s.signer.thumbprintSha1}</Mono>
          </>
        ) : (
          <span className="muted">no certificate in the signature's KeyInfo</span>
        )}
      </Row>
    </Section>
  );
}

export function TokenCardView({ card, report, receiver }: { card: TokenCard; report: Report | null; receiver: string }) {
  // Only the checks about this assertion (and the proof of possession with its key).
  const checks = (report?.checks ?? []).filter((c) => c.path.startsWith(card.path) || c.code.includes('PROOF_OF_POSSESSION'));
  const c = card.conditions;
  return (
    <div className="token-view" role="region" aria-label="SAML token card">
      <header className="tk-head">
        <strong>SAML {card.version} assertion</strong>
        <Mono>{card.id ?? '(no Id)'}</Mono>
        {card.id && <CopyButton value={card.id} what="the assertion Id" />}
        <span className={`tk-badge tk-${card.confirmation.method ?? 'unknown'}`}>{card.confirmation.method ?? 'unknown confirmation'}</span>
        <span className="tk-where muted" title={card.path}>
          {checks.length > 0 ? `checked by ${receiver}` : `not checked by ${receiver}`}
        </span>
      </header>
      <div className="tk-grid">
        <div className="tk-col">
          <Section title="Issued">
            <Row label="Issuer"><Mono>{card.issuer ?? '(none)'}</Mono></Row>
            <Row label="IssueInstant"><Mono>{card.issueInstant ?? '(none)'}</Mono></Row>
            <Row label="Subject"><Mono>{card.subject.name ?? '(none)'}</Mono>{card.subject.format && <> <span className="muted">· {card.subject.format}</span></>}</Row>
            <Row label="Confirmation"><strong>{card.confirmation.method ?? 'unknown'}</strong> <Verdict checks={checks} codes={VERDICTS.confirmation} /><br /><Mono>{card.confirmation.uri ?? '(none)'}</Mono></Row>
          </Section>
          <Section title="Conditions">
            {c ? (
              <>
                <Row label="Valid"><Mono>{c.notBefore ?? '…'}</Mono> → <Mono>{c.notOnOrAfter ?? '…'}</Mono><span className="muted">{hours(c.notBefore, c.notOnOrAfter)}</span> <Verdict checks={checks} codes={VERDICTS.validity} /></Row>
                <Row label="Audience">{c.audiences.length ? c.audiences.map((a) => <Mono key={a}>{a}</Mono>) : <Missing />} <Verdict checks={checks} codes={VERDICTS.audience} /></Row>
              </>
            ) : (
              <Row label="Conditions"><Missing /></Row>
            )}
          </Section>
          <Section title="Statements">
            <Row label="Authentication">{card.authn ? <><Mono>{card.authn.method ?? '(no method)'}</Mono><br /><span className="muted">at</span> <Mono>{card.authn.instant ?? '(no instant)'}</Mono></> : <Missing />}</Row>
            <Row label="Attributes"><Attributes attributes={card.attributes} /></Row>
          </Section>
        </div>
        <div className="tk-col">
          <Signature card={card} checks={checks} />
          <ProofKey card={card} checks={checks} />
        </div>
      </div>
    </div>
  );
}
