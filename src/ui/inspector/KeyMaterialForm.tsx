// The inspector's key material (DESIGN §3): the receiver's certificate and private key (PEM, or a
// PKCS#12 file with its password), certificates known out of band, an HMAC/SCT secret, a
// UsernameToken password, and the clock. Each input shows its own typed error after Inspect.
// Secrets stay in memory only; the note at the top says so.

import { useId, useRef, type ReactNode } from 'react';
import { toBase64 } from '../../engine/index.ts';
import { useStore, type KeyField } from '../store/index.ts';

function Field({ name, label, memoryOnly, children }: { name: KeyField; label: string; memoryOnly?: boolean; children: (describedBy: string) => ReactNode }) {
  const error = useStore((s) => s.fieldErrors[name]);
  const note = useStore((s) => s.keyNotes[name]);
  const id = useId();
  return (
    <div className={`kfield${error ? ' kfield-bad' : ''}`}>
      <div className="kfield-label">
        <span>{label}</span>
        {memoryOnly && <span className="memory-badge" title="Kept in this tab's memory only; never saved">memory only</span>}
      </div>
      {children(id)}
      <div id={id} className="kfield-status">
        {error ? (
          <p className="field-error" role="alert">
            <span aria-hidden="true">✗ </span>
            <code>{error.code}</code>: {error.message}
          </p>
        ) : note ? (
          <p className="field-note">
            <span aria-hidden="true">✓ </span>
            {note}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function PemArea({ value, onChange, label, describedBy, placeholder }: { value: string; onChange(v: string): void; label: string; describedBy: string; placeholder: string }) {
  return (
    <textarea
      className="pem-input"
      aria-label={label}
      aria-describedby={describedBy}
      spellCheck={false}
      autoComplete="off"
      rows={3}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function Pkcs12Input({ describedBy }: { describedBy: string }) {
  const file = useStore((s) => s.secretInputs.pkcs12);
  const password = useStore((s) => s.secretInputs.pkcs12Password);
  const setFile = useStore((s) => s.setPkcs12File);
  const setSecret = useStore((s) => s.setSecretInput);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="p12">
      <div className="p12-row">
        <input
          ref={input}
          type="file"
          aria-label="PKCS#12 file"
          aria-describedby={describedBy}
          accept=".p12,.pfx,application/x-pkcs12"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            void f.arrayBuffer().then((buf) => setFile({ base64: toBase64(new Uint8Array(buf)), fileName: f.name }));
          }}
        />
        {file && (
          <button
            type="button"
            className="small-button"
            aria-label="Remove the PKCS#12 file"
            onClick={() => {
              setFile(null);
              if (input.current) input.current.value = '';
            }}
          >
            Remove
          </button>
        )}
      </div>
      {file && <div className="small muted">in memory: {file.fileName}</div>}
      <input
        type="password"
        className="text-input"
        aria-label="PKCS#12 password"
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder="password"
        value={password}
        onChange={(e) => setSecret('pkcs12Password', e.target.value)}
      />
    </div>
  );
}

function ClockField() {
  const clock = useStore((s) => s.clock);
  const custom = useStore((s) => s.clockCustom);
  const setClock = useStore((s) => s.setClock);
  return (
    <div className="kfield">
      <label className="kfield-label" htmlFor="inspect-clock">
        Check times at
      </label>
      <div className="clock-row">
        <select id="inspect-clock" value={clock} onChange={(e) => setClock(e.target.value as typeof clock)}>
          <option value="message">the message's Timestamp/Created</option>
          <option value="now">now</option>
          <option value="custom">a time I give</option>
        </select>
        {clock === 'custom' && (
          <input className="text-input" aria-label="Inspection time (ISO 8601)" placeholder="2026-01-01T00:00:05Z" value={custom} onChange={(e) => setClock('custom', e.target.value)} />
        )}
      </div>
    </div>
  );
}

export function KeyMaterialForm() {
  const keys = useStore((s) => s.keyInputs);
  const secrets = useStore((s) => s.secretInputs);
  const setKey = useStore((s) => s.setKeyInput);
  const setSecret = useStore((s) => s.setSecretInput);
  return (
    <form className="key-form" aria-label="Key material" onSubmit={(e) => e.preventDefault()}>
      <p className="memory-note">
        <strong>Memory only:</strong> private keys, PKCS#12 files, passwords and secrets stay in this tab's memory only — they are never saved, and a
        reload clears them. Certificates, names and the message are saved with the workspace.
      </p>
      <Field name="certificate" label="Receiver certificate (PEM)">
        {(d) => <PemArea label="Receiver certificate (PEM)" describedBy={d} value={keys.certificate} onChange={(v) => setKey('certificate', v)} placeholder="-----BEGIN CERTIFICATE-----" />}
      </Field>
      <Field name="privateKey" label="Receiver private key (PEM)" memoryOnly>
        {(d) => <PemArea label="Receiver private key (PEM)" describedBy={d} value={secrets.privateKey} onChange={(v) => setSecret('privateKey', v)} placeholder="-----BEGIN PRIVATE KEY-----" />}
      </Field>
      <Field name="pkcs12" label="…or a PKCS#12 file and its password" memoryOnly>
        {(d) => <Pkcs12Input describedBy={d} />}
      </Field>
      <Field name="certificates" label="Known certificates (peer, CA; PEM)">
        {(d) => <PemArea label="Known certificates (PEM)" describedBy={d} value={keys.certificates} onChange={(v) => setKey('certificates', v)} placeholder="one or more -----BEGIN CERTIFICATE----- blocks" />}
      </Field>
      <Field name="secret" label="HMAC key or SCT secret (base64)" memoryOnly>
        {(d) => (
          <div className="pair-row">
            <input className="text-input mono" aria-label="Secret (base64)" aria-describedby={d} autoComplete="off" spellCheck={false} value={secrets.secret} onChange={(e) => setSecret('secret', e.target.value)} />
            <input className="text-input mono" aria-label="Secret token Id" aria-describedby={d} placeholder="token Id (optional)" value={keys.secretId} onChange={(e) => setKey('secretId', e.target.value)} />
          </div>
        )}
      </Field>
      <Field name="user" label="UsernameToken user and password" memoryOnly>
        {(d) => (
          <div className="pair-row">
            <input className="text-input" aria-label="UsernameToken user" aria-describedby={d} autoComplete="off" placeholder="user" value={keys.user} onChange={(e) => setKey('user', e.target.value)} />
            <input className="text-input" type="password" aria-label="UsernameToken password" aria-describedby={d} autoComplete="off" placeholder="password" value={secrets.password} onChange={(e) => setSecret('password', e.target.value)} />
          </div>
        )}
      </Field>
      <ClockField />
    </form>
  );
}
