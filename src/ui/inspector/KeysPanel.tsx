// The Keys panel (issue 3 point 6): the demo PKI the scenarios use — subject, serial, thumbprint,
// validity of each certificate — a fresh PKI generated in this browser, and import of PEM, DER or
// PKCS#12 files. "Use as receiver" and "Trust" fill the inspector's key material.

import { useEffect, useState } from 'react';
import { useStore, type PkiEntry } from '../store/index.ts';

const day = (iso: string): string => iso.slice(0, 10);

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(t);
  }, []);
  return <span className="mono">{((now - since) / 1000).toFixed(1)} s</span>;
}

function EntryCard({ e, onUsed }: { e: PkiEntry; onUsed(): void }) {
  const use = useStore((s) => s.useIdentity);
  return (
    <li className="pki-entry" aria-label={`${e.name}: ${e.subject}`}>
      <div className="pki-head">
        <strong className="mono">{e.name}</strong>
        <span className="muted small">{e.role}</span>
      </div>
      <dl className="kv small">
        <dt>subject</dt>
        <dd className="mono">{e.subject}</dd>
        <dt>issuer</dt>
        <dd className="mono">{e.issuer}</dd>
        <dt>serial</dt>
        <dd className="mono">{e.serialHex}</dd>
        <dt>SHA-1</dt>
        <dd className="mono" title="ThumbprintSHA1 (base64), as a wsse:KeyIdentifier carries it">{e.thumbprintSha1}</dd>
        <dt>valid</dt>
        <dd>
          {day(e.notBefore)} → {day(e.notAfter)}
        </dd>
        <dt>key</dt>
        <dd>{e.keyIn === 'pem' ? 'private key (PEM)' : e.keyIn === 'pkcs12' ? 'in the PKCS#12 file' : <span className="muted">certificate only</span>}</dd>
      </dl>
      <div className="pki-actions">
        {e.keyIn === 'pem' && (
          <button
            type="button"
            className="small-button"
            aria-label={`Use ${e.name} as receiver`}
            title="Fill the receiver certificate and private key"
            onClick={() => {
              use(e.name, 'receiver');
              onUsed();
            }}
          >
            Use as receiver
          </button>
        )}
        <button type="button" className="small-button" aria-label={`Trust the ${e.name} certificate`} title="Add to the known certificates" onClick={() => use(e.name, 'trusted')}>
          Trust
        </button>
      </div>
    </li>
  );
}

function ImportForm() {
  const importKeyFile = useStore((s) => s.importKeyFile);
  const error = useStore((s) => s.importError);
  const note = useStore((s) => s.importNote);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [password, setPassword] = useState('');
  return (
    <section className="pki-import" aria-label="Import keys">
      <h3 className="section-title">Import</h3>
      <input
        type="file"
        aria-label="Key or certificate file (PEM, DER, PKCS#12)"
        accept=".pem,.crt,.cer,.der,.key,.p12,.pfx"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.arrayBuffer().then((b) => setFile({ name: f.name, bytes: new Uint8Array(b) }));
        }}
      />
      <div className="pair-row">
        <input type="password" className="text-input" aria-label="Import password (PKCS#12)" placeholder="PKCS#12 password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="button" disabled={!file} onClick={() => file && void importKeyFile(file.name, file.bytes, password)}>
          Import
        </button>
      </div>
      <div aria-live="polite">
        {error && (
          <p className="field-error" role="alert">
            ✗ <code>{error.code}</code>: {error.message}
          </p>
        )}
        {note && <p className="field-note">✓ {note}</p>}
      </div>
    </section>
  );
}

export function KeysPanel({ onUsed }: { onUsed(): void }) {
  const pki = useStore((s) => s.pki);
  const source = useStore((s) => s.pkiSource);
  const busy = useStore((s) => s.pkiBusy);
  const error = useStore((s) => s.pkiError);
  const ms = useStore((s) => s.pkiMs);
  const imported = useStore((s) => s.imported);
  const loadPki = useStore((s) => s.loadPki);
  const generatePki = useStore((s) => s.generatePki);
  useEffect(() => {
    if (!source) void loadPki();
  }, [source, loadPki]);
  return (
    <div className="keys-panel" aria-busy={busy !== null}>
      <div className="pki-bar">
        <button type="button" onClick={() => void generatePki()} disabled={busy !== null} title="Six RSA-2048 key pairs and certificates, made by WebCrypto in this page">
          Generate fresh PKI
        </button>
        {source === 'generated' && (
          <button type="button" onClick={() => void loadPki()} disabled={busy !== null}>
            Back to the demo PKI
          </button>
        )}
      </div>
      <div className="pki-status" aria-live="polite">
        {busy ? (
          <span className="busy-line">
            <span className="spinner dark" role="progressbar" aria-label={busy.what} /> {busy.what}… <Elapsed since={busy.since} />
          </span>
        ) : error ? (
          <span className="field-error" role="alert">
            ✗ <code>{error.code}</code>: {error.message}
          </span>
        ) : source === 'generated' ? (
          <span>
            A fresh PKI{ms !== null ? ` made in ${(ms / 1000).toFixed(1)} s` : ''} — this tab only; the scenarios keep the demo PKI.
          </span>
        ) : (
          <span className="muted">The demo PKI every scenario uses (test/fixtures/pki).</span>
        )}
      </div>
      <ImportForm />
      {imported.length > 0 && (
        <ul className="pki-list" aria-label="Imported">
          {imported.map((e) => (
            <EntryCard key={`${e.name}-${e.thumbprintSha1}`} e={e} onUsed={onUsed} />
          ))}
        </ul>
      )}
      <h3 className="section-title">{source === 'generated' ? 'Fresh PKI' : 'Demo PKI'}</h3>
      <ul className="pki-list" aria-label={source === 'generated' ? 'Fresh PKI' : 'Demo PKI'}>
        {pki.map((e) => (
          <EntryCard key={`${e.name}-${e.thumbprintSha1}`} e={e} onUsed={onUsed} />
        ))}
      </ul>
    </div>
  );
}
