// The one store's shape: typed slices combined by `index.ts` (DESIGN §6.7).

import type { StateCreator } from 'zustand';
import type { Inspection, Json, RunState, ScenarioInfo } from '../../engine/index.ts';
import type { JsonSyntaxError } from '../jsonText.ts';

/** The step-details tabs; 'machines' exists only on a WS-AT transaction flow. */
export type BottomTab = 'actors' | 'secrets' | 'trace' | 'derivation' | 'sessions' | 'machines';
/** The app's modes: step through a scenario, inspect any message with given keys, or read seed 001's token matrix. */
export type AppMode = 'scenarios' | 'inspector' | 'matrix';
export type InspectorView = 'inspect' | 'compare';
/** What the message pane shows: the wire text, the document after decryption, the SAML token card, or its proof-key chain. */
export type PaneView = 'wire' | 'decrypted' | 'token' | 'proofkey';
/** Which editor a reveal request is for ('main': the scenario pane or the inspector's message). */
export type EditorTarget = 'main' | 'decrypted' | 'compareA' | 'compareB';
export type CompareSide = 'a' | 'b';

/** Which scenario, variant and seed the top bar has selected (the next Restart uses them). */
export interface ScenarioSlice {
  scenarios: ScenarioInfo[];
  scenarioId: string;
  variantId: string;
  seed: number;
  /** Chosen value per version axis of the scenario (SOAP 1.1/1.2, WS-Addressing …); missing = default. */
  versions: Record<string, string>;
  selectScenario(id: string): Promise<void>;
  selectVariant(id: string): Promise<void>;
  setSeed(seed: number): void;
  selectVersion(axis: string, value: string): Promise<void>;
  /**
   * Switch to Scenarios mode on a fresh run of that scenario and variant (e.g. a matrix row's flow).
   * Null when done; else why not, in words (the engine has no such scenario or variant, or is busy).
   */
  openFlow(scenarioId: string, variantId: string): Promise<string | null>;
}

/** The run (the engine's timeline), the step on screen and the engine calls that change them. */
export interface RunSlice {
  run: RunState | null;
  current: number;
  /** What the engine is doing right now, or null when idle. */
  busy: string | null;
  error: string | null;
  /** Milliseconds the last "run to end" took in this page. */
  runMs: number | null;
  init(): Promise<void>;
  restart(): Promise<void>;
  goTo(index: number): void;
  stepBack(): void;
  stepForward(): Promise<void>;
  deliverCurrent(): Promise<void>;
  playToEnd(): Promise<void>;
  /** Replace an actor's state before the step on screen and produce that step again; true when done. */
  applyActorState(actorId: string, value: Json): Promise<boolean>;
  dismissError(): void;
}

/** An actor's JSON editor: open or hidden, the typed text (null = untouched, shows the state). */
export interface ActorDraft {
  open: boolean;
  text: string | null;
  /** The editor's text of the state when typing began: the state on screen may have moved on since. */
  base: string | null;
  /** Why the last Apply could not read the text. */
  error: JsonSyntaxError | null;
}

/** The Actors tab's JSON editors, per actor id (memory only; a new run clears them). */
export interface ActorEditSlice {
  actorDrafts: Record<string, ActorDraft>;
  toggleActorEditor(actorId: string): void;
  setActorDraft(actorId: string, text: string): void;
  cancelActorDraft(actorId: string): void;
  /** Parse the draft; on success apply it as the actor's state (the registry kept); true when applied. */
  applyActorDraft(actorId: string): Promise<boolean>;
}

/** Unsaved pane text per step index (kept until delivered, reset or the run restarts). */
export interface EditsSlice {
  edits: Record<string, string>;
  setEdit(index: number, text: string): void;
  resetEdit(index: number): void;
}

/** A request to an editor to show a place: a position, or an element path it resolves itself. */
export interface RevealRequest {
  target: EditorTarget;
  line: number;
  column: number;
  /** When set, the editor looks the element up by path (line/column are the fallback). */
  path?: string;
  /** Makes repeated clicks on the same row count. */
  seq: number;
}

/** Layout preferences and one-shot UI requests. */
export interface UiSlice {
  bottomTab: BottomTab;
  mode: AppMode;
  paneView: PaneView;
  reveal: RevealRequest | null;
  setBottomTab(tab: BottomTab): void;
  setMode(mode: AppMode): void;
  setPaneView(view: PaneView): void;
  revealInEditor(line: number, column: number, target?: EditorTarget): void;
  /** Reveal an element by its engine path (a signature reference's target, a decrypted part). */
  revealPath(path: string, target?: EditorTarget, line?: number): void;
}

/** A typed error shown next to the input it is about. */
export interface FieldError {
  code: string;
  message: string;
}

/** Inputs of the key material form that are public and saved with the workspace. */
export interface KeyInputs {
  /** Certificates known out of band (peer, CA): PEM blocks, any number. */
  certificates: string;
  /** The receiver's certificate (PEM). */
  certificate: string;
  /** Token Id or SCT identifier the secret belongs to ('' = any). */
  secretId: string;
  /** UsernameToken user name. */
  user: string;
}

/** Inputs that hold secrets: kept in this tab's memory only, never saved. */
export interface SecretInputs {
  privateKey: string;
  pkcs12: { base64: string; fileName: string } | null;
  pkcs12Password: string;
  /** HMAC key or SCT secret, base64. */
  secret: string;
  /** UsernameToken password. */
  password: string;
}

/** 'message': when the message says it was created (its wsu:Timestamp/Created), else now. */
export type InspectClock = 'message' | 'now' | 'custom';

export type KeyField = 'message' | 'certificates' | 'certificate' | 'privateKey' | 'pkcs12' | 'secret' | 'user';

/** The inspector: a pasted message, key material, and the engine's inspection of it. */
export interface InspectorSlice {
  inspectorView: InspectorView;
  inspectText: string;
  keyInputs: KeyInputs;
  secretInputs: SecretInputs;
  fieldErrors: Partial<Record<KeyField, FieldError>>;
  /** What a key input turned out to hold, e.g. "RSA key for CN=…" (shown under the field). */
  keyNotes: Partial<Record<KeyField, string>>;
  inspection: Inspection | null;
  /** The text the inspection is about (the editor may have moved on). */
  inspectedText: string | null;
  inspectError: FieldError | null;
  /** The time timestamps and certificate validity are checked at. */
  clock: InspectClock;
  /** ISO 8601 time for clock 'custom'. */
  clockCustom: string;
  setClock(clock: InspectClock, custom?: string): void;
  setInspectorView(view: InspectorView): void;
  setInspectText(text: string): void;
  setKeyInput(field: keyof KeyInputs, value: string): void;
  setSecretInput(field: Exclude<keyof SecretInputs, 'pkcs12'>, value: string): void;
  setPkcs12File(file: { base64: string; fileName: string } | null): void;
  inspect(): Promise<void>;
  /** Copy the scenario pane's message (the step on screen) into the inspector or a compare side. */
  takeScenarioMessage(into: 'inspect' | CompareSide): void;
}

export interface CompareSideResult {
  text: string;
  inspection: Inspection | null;
  error: FieldError | null;
}

/** Two messages side by side, each inspected with the inspector's key material. */
export interface CompareSlice {
  compareA: string;
  compareB: string;
  compareResult: { a: CompareSideResult; b: CompareSideResult } | null;
  setCompareText(side: CompareSide, text: string): void;
  compare(): Promise<void>;
}

/** One certificate (and its key, when we have it) of the demo PKI or an imported file. */
export interface PkiEntry {
  name: string;
  role: string;
  subject: string;
  issuer: string;
  serialHex: string;
  thumbprintSha1: string;
  ski: string;
  notBefore: string;
  notAfter: string;
  certPem: string;
  /** PKCS#8 PEM; '' when only the certificate is known (or the key stays inside a PKCS#12 file). */
  keyPem: string;
  /** Where the private key is, for the table: 'pem', 'pkcs12' or 'none'. */
  keyIn: 'pem' | 'pkcs12' | 'none';
}

/** The Keys panel: the demo PKI, a freshly generated one, imported files. Not saved (keys). */
export interface KeysSlice {
  pki: PkiEntry[];
  pkiSource: 'builtin' | 'generated' | null;
  /** What the panel is doing right now and since when (ms, performance.now()). */
  pkiBusy: { what: string; since: number } | null;
  pkiError: FieldError | null;
  pkiMs: number | null;
  /** Certificates from files the user imported (this tab only). */
  imported: PkiEntry[];
  importError: FieldError | null;
  importNote: string | null;
  loadPki(): Promise<void>;
  generatePki(): Promise<void>;
  useIdentity(name: string, as: 'receiver' | 'trusted'): void;
  importKeyFile(fileName: string, bytes: Uint8Array, password: string): Promise<void>;
}

export type StoreState = ScenarioSlice & RunSlice & EditsSlice & ActorEditSlice & UiSlice & InspectorSlice & CompareSlice & KeysSlice;

export type SliceCreator<T> = StateCreator<StoreState, [['zustand/persist', unknown]], [], T>;
