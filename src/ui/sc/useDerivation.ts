// The key of a DerivedKeyToken recomputed here by the engine (deriveDktKey: P_SHA1 of WS-SC 1.3 §7)
// from inputs the user can edit: the secret, label, nonce, offset or generation, and length.
// Typing stays smooth: the computation is debounced and a stale answer never overwrites a newer one.

import { useEffect, useState } from 'react';
import { deriveDktKey, fromBase64, toBase64, toHex } from '../../engine/index.ts';

/** What the user can edit, as typed (numbers as text, so a half-typed value is not lost). */
export interface RecomputeInputs {
  secretB64: string;
  label: string;
  nonceB64: string;
  /** 'offset' or 'generation', as the DKT states it. */
  position: 'offset' | 'generation';
  positionValue: string;
  length: string;
}

export type RecomputeField = 'secret' | 'label' | 'nonce' | 'position' | 'length';

export interface Recomputed {
  keyB64: string;
  keyHex: string;
  seedB64: string;
  seedHex: string;
  labelHex: string;
  nonceHex: string;
  secretHex: string;
  offset: number;
  length: number;
}

export type RecomputeState = { status: 'idle' } | { status: 'busy' } | { status: 'done'; result: Recomputed } | { status: 'error'; field: RecomputeField | null; message: string };

/** The view recomputes at most this many bytes of P_SHA1 (the engine allows far more; the page should stay quick). */
export const RECOMPUTE_MAX_BYTES = 65536;

function count(text: string, what: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw Object.assign(new Error(`expected a non-negative whole number for ${what}, found "${text}"`), { field: what });
  return Number(t);
}

/** Recomputes once; input problems come back as an error naming the field, never as an exception. */
export async function recompute(i: RecomputeInputs): Promise<RecomputeState> {
  let secret: Uint8Array;
  let nonce: Uint8Array;
  let length: number;
  let position: number;
  try {
    secret = fromBase64(i.secretB64.trim(), 'the secret');
    if (secret.length === 0) return { status: 'error', field: 'secret', message: 'expected the secret in base64, found nothing' };
  } catch (e) {
    return { status: 'error', field: 'secret', message: (e as Error).message };
  }
  try {
    nonce = fromBase64(i.nonceB64.trim(), 'the nonce');
  } catch (e) {
    return { status: 'error', field: 'nonce', message: (e as Error).message };
  }
  try {
    length = count(i.length, 'length');
    position = count(i.positionValue, i.position);
  } catch (e) {
    return { status: 'error', field: (e as { field?: string }).field === 'length' ? 'length' : 'position', message: (e as Error).message };
  }
  const offset = i.position === 'generation' ? position * length : position;
  if (length === 0 || offset + length > RECOMPUTE_MAX_BYTES) {
    return { status: 'error', field: length === 0 ? 'length' : 'position', message: `expected a Length from 1 with Offset + Length at most ${RECOMPUTE_MAX_BYTES} bytes here, found Length ${length} at offset ${offset}` };
  }
  try {
    const d = await deriveDktKey({ secret, nonce, label: i.label, length, ...(i.position === 'generation' ? { generation: position } : { offset: position }) });
    return {
      status: 'done',
      result: {
        keyB64: toBase64(d.key), keyHex: toHex(d.key), seedB64: toBase64(d.seed), seedHex: toHex(d.seed), labelHex: toHex(new TextEncoder().encode(i.label)),
        nonceHex: toHex(nonce), secretHex: toHex(secret), offset: d.offset, length: d.length,
      },
    };
  } catch (e) {
    return { status: 'error', field: null, message: (e as Error).message };
  }
}

/** The recomputed key for the inputs on screen (null inputs: nothing to compute). */
export function useDerivation(inputs: RecomputeInputs | null, delayMs = 120): RecomputeState {
  const [state, setState] = useState<RecomputeState>({ status: 'idle' });
  const key = inputs ? JSON.stringify(inputs) : '';
  useEffect(() => {
    if (!inputs) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    const t = window.setTimeout(() => {
      recompute(inputs).then(
        (s) => live && setState(s),
        (e: unknown) => live && setState({ status: 'error', field: null, message: String(e) }),
      );
    }, delayMs);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
    // `key` stands for `inputs` (a new object each render with the same content).
  }, [key, delayMs]);
  return state;
}
