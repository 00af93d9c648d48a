// WS-Coordination 1.0 (2004/10) and 1.1 (2006/06) for WS-AtomicTransaction: versions, EPRs with
// reference parameters, the CoordinationContext, activation, registration, faults and envelopes.

export * from './versions.ts';
export * from './epr.ts';
export * from './faults.ts';
export * from './envelope.ts';
export * from './context.ts';
export * from './activation.ts';
export * from './registration.ts';
export * from './messages.ts';
export * from './issued_tokens.ts';
export * from './https_binding.ts';
export * from './register_security.ts';
