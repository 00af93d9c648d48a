// Checks are results, not exceptions (DESIGN.md decision 4): every check the engine makes is one
// of these, with a stable code, the spec rule it enforces and the node it is about.

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

export interface Check {
  /** Stable machine code, e.g. `UT_REPLAYED_NONCE`. Never renamed once shipped. */
  code: string;
  status: CheckStatus;
  /** One sentence; a failure says what was expected and what was found. */
  message: string;
  /** The rule, e.g. `UT 1.1 §4`, `BSP R4201`, `WS-SP 1.3 §5.4.1`. */
  specRef: string;
  /** Node path like `Envelope/Header/Security/UsernameToken/Nonce`, or '' for the whole message. */
  path: string;
  /** 1-based source position of the node in the wire text, when known. */
  line?: number;
  column?: number;
  /** Extra data for the UI and trace (inputs, computed values); plain JSON only. */
  details?: Record<string, unknown>;
}

export interface Report {
  /** Who processed the message (actor id). */
  actor: string;
  /** True when no check failed. */
  accepted: boolean;
  checks: Check[];
  /** A SOAP fault the receiver answered with, when it rejected the message. */
  fault?: { code: string; subcode?: string; reason: string };
}

export function makeReport(actor: string, checks: Check[], fault?: Report['fault']): Report {
  const accepted = !checks.some((c) => c.status === 'fail');
  return fault ? { actor, accepted, checks, fault } : { actor, accepted, checks };
}

/** The first failed check, which names the reason a message was rejected. */
export function firstFailure(report: Report): Check | undefined {
  return report.checks.find((c) => c.status === 'fail');
}
