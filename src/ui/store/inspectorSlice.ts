// The inspector (DESIGN §3): a pasted message and key material in, the engine's inspection out.
// Public inputs are saved with the workspace; private keys, PKCS#12 files, passwords and secrets
// live in this tab's memory only (see index.ts partialize).

import { inspectMessage } from '../../engine/index.ts';
import type { Inspection } from '../../engine/index.ts';
import { checkKeyInputs, fieldErrorOf, messageError, messageTime } from './keyMaterial.ts';
import { paneTextOf } from './selectors.ts';
import type { FieldError, InspectorSlice, KeyField, SliceCreator, StoreState } from './types.ts';

export type InspectOutcome =
  | { ok: true; inspection: Inspection; notes: Partial<Record<KeyField, string>> }
  | { ok: false; errors: Partial<Record<KeyField, FieldError>>; notes: Partial<Record<KeyField, string>>; general: FieldError | null };

/** Which input an engine error is about, by its code's family. */
function fieldForCode(code: string): KeyField | null {
  if (/^XML_/.test(code)) return 'message';
  if (/^PKCS12_/.test(code)) return 'pkcs12';
  if (/^(KEY_|PRIVATE_KEY)/.test(code)) return 'privateKey';
  if (/^(X509_|CERT)/.test(code)) return 'certificates';
  if (/^BASE64_/.test(code)) return 'secret';
  return null;
}

function clockOf(s: StoreState, text: string): number | undefined {
  if (s.clock === 'now') return Date.now();
  if (s.clock === 'custom') {
    const t = Date.parse(s.clockCustom);
    return Number.isNaN(t) ? undefined : t;
  }
  // A second after Created: the message is checked as it was when it arrived.
  const created = messageTime(text);
  return created === null ? undefined : created + 1000;
}

/** Checks the inputs, then inspects `text` with them; never throws. */
export async function runInspection(s: StoreState, text: string): Promise<InspectOutcome> {
  const { material, errors, notes } = await checkKeyInputs(s.keyInputs, s.secretInputs);
  const bad = messageError(text);
  if (bad) errors.message = bad;
  if (s.clock === 'custom' && Number.isNaN(Date.parse(s.clockCustom))) {
    return { ok: false, errors, notes, general: { code: 'CLOCK_INVALID', message: `Expected an ISO 8601 time such as 2026-01-01T00:00:05Z; found "${s.clockCustom}"` } };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, notes, general: null };
  try {
    const now = clockOf(s, text);
    const inspection = await inspectMessage(text, material, now === undefined ? {} : { now });
    return { ok: true, inspection, notes };
  } catch (e) {
    console.error(e);
    const error = fieldErrorOf(e);
    const f = fieldForCode(error.code);
    return { ok: false, errors: f ? { [f]: error } : {}, notes, general: f ? null : error };
  }
}

export const createInspectorSlice: SliceCreator<InspectorSlice> = (set, get) => ({
  inspectorView: 'inspect',
  inspectText: '',
  keyInputs: { certificates: '', certificate: '', secretId: '', user: '' },
  secretInputs: { privateKey: '', pkcs12: null, pkcs12Password: '', secret: '', password: '' },
  fieldErrors: {},
  keyNotes: {},
  inspection: null,
  inspectedText: null,
  inspectError: null,
  clock: 'message',
  clockCustom: '',

  setClock(clock, custom) {
    set(custom === undefined ? { clock } : { clock, clockCustom: custom });
  },
  setInspectorView(view) {
    set({ inspectorView: view });
  },
  setInspectText(text) {
    set({ inspectText: text });
  },
  setKeyInput(field, value) {
    set({ keyInputs: { ...get().keyInputs, [field]: value } });
  },
  setSecretInput(field, value) {
    set({ secretInputs: { ...get().secretInputs, [field]: value } });
  },
  setPkcs12File(file) {
    set({ secretInputs: { ...get().secretInputs, pkcs12: file } });
  },

  async inspect() {
    if (get().busy) return;
    const text = get().inspectText;
    set({ busy: 'Inspecting the message', inspectError: null });
    const r = await runInspection(get(), text);
    if (r.ok) {
      set({ busy: null, inspection: r.inspection, inspectedText: text, fieldErrors: {}, keyNotes: r.notes });
    } else {
      set({ busy: null, inspection: null, inspectedText: null, fieldErrors: r.errors, keyNotes: r.notes, inspectError: r.general });
    }
  },

  takeScenarioMessage(into) {
    const text = paneTextOf(get());
    if (!text) return;
    if (into === 'inspect') set({ inspectText: text, mode: 'inspector', inspectorView: 'inspect', paneView: 'wire' });
    else if (into === 'a') set({ compareA: text, mode: 'inspector', inspectorView: 'compare' });
    else set({ compareB: text, mode: 'inspector', inspectorView: 'compare' });
  },
});
