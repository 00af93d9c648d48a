// Top bar: the mode switch; in Scenarios mode the scenario, variant and seed pickers, Restart and
// Run to end; in Inspector mode Inspect | Compare; in Matrix mode nothing more; and the engine's status.

import { useEffect, useState } from 'react';
import { InspectorTopControls } from './inspector/InspectorTopControls.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';
import { selectScenario, useStore } from './store/index.ts';

function ScenarioPicker() {
  const scenarios = useStore((s) => s.scenarios);
  const scenarioId = useStore((s) => s.scenarioId);
  const selectScenarioAction = useStore((s) => s.selectScenario);
  return (
    <label className="field">
      <span>Scenario</span>
      <select aria-label="Scenario" value={scenarioId} onChange={(e) => void selectScenarioAction(e.target.value)}>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function VariantPicker() {
  const scenario = useStore(selectScenario);
  const variantId = useStore((s) => s.variantId);
  const selectVariant = useStore((s) => s.selectVariant);
  return (
    <label className="field field-variant">
      <span>Variant</span>
      <select aria-label="Variant" value={variantId} onChange={(e) => void selectVariant(e.target.value)}>
        {(scenario?.variants ?? []).map((v) => (
          <option key={v.id} value={v.id} title={v.description}>
            {v.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function VersionPickers() {
  const scenario = useStore(selectScenario);
  const versions = useStore((s) => s.versions);
  const selectVersion = useStore((s) => s.selectVersion);
  return (
    <>
      {(scenario?.versions ?? []).map((axis) => (
        <label key={axis.id} className="field field-version">
          <span>{axis.title}</span>
          <select aria-label={axis.title} value={versions[axis.id] ?? axis.default} onChange={(e) => void selectVersion(axis.id, e.target.value)}>
            {axis.values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      ))}
    </>
  );
}

function SeedField() {
  const seed = useStore((s) => s.seed);
  const setSeed = useStore((s) => s.setSeed);
  const restart = useStore((s) => s.restart);
  const [text, setText] = useState(String(seed));
  useEffect(() => setText(String(seed)), [seed]);
  const commit = (): void => {
    const n = Number(text);
    if (Number.isSafeInteger(n) && n >= 0) setSeed(n);
    else setText(String(seed));
  };
  return (
    <label className="field field-seed" title="Random seed for nonces, keys and Ids; applied on Restart">
      <span>Seed</span>
      <input
        aria-label="Seed"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value.replace(/[^0-9]/g, ''))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            commit();
            void restart();
          }
        }}
      />
    </label>
  );
}

function Status() {
  const busy = useStore((s) => s.busy);
  const error = useStore((s) => s.error);
  const runMs = useStore((s) => s.runMs);
  const dismiss = useStore((s) => s.dismissError);
  if (error) {
    return (
      <div className="status status-error" role="alert" title={error}>
        <span className="status-text">✗ {error}</span>
        <button type="button" className="icon-button" aria-label="Dismiss error" onClick={dismiss}>
          ×
        </button>
      </div>
    );
  }
  return (
    <div className="status" role="status" aria-live="polite">
      {busy ? (
        <span className="status-text busy">
          <span className="spinner" aria-hidden="true" /> {busy}…
        </span>
      ) : (
        <span className="status-text muted">{runMs !== null ? `ran to the end in ${runMs} ms` : 'ready'}</span>
      )}
    </div>
  );
}

function ScenarioControls() {
  const restart = useStore((s) => s.restart);
  const playToEnd = useStore((s) => s.playToEnd);
  return (
    <>
      <ScenarioPicker />
      <VariantPicker />
      <VersionPickers />
      <SeedField />
      <button type="button" onClick={() => void restart()} title="Start the run again with this seed">
        <span aria-hidden="true">↺</span> Restart
      </button>
      <button type="button" onClick={() => void playToEnd()} title="Deliver every remaining step as produced">
        <span aria-hidden="true">▶▶</span> Run to end
      </button>
    </>
  );
}

export function TopBar() {
  const mode = useStore((s) => s.mode);
  return (
    <header className="topbar">
      <div className="brand" aria-label="wsbench">
        <span className="brand-mark" aria-hidden="true">⟫</span>wsbench
      </div>
      <ModeSwitch />
      {mode === 'scenarios' && <ScenarioControls />}
      {mode === 'inspector' && <InspectorTopControls />}
      <Status />
    </header>
  );
}
