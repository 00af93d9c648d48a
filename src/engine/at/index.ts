// WS-AtomicTransaction 1.0 (2004/10) and 1.1 (2006/06): notifications, the state tables of the
// Completion and 2PC protocols, and the coordinator of one transaction.

export * from './messages.ts';
export { stepMachine, allowedEvents, acceptedIn, type Answer, type Cell, type Machine, type Table, type Transition } from './table.ts';
export * from './completion.ts';
export * from './completion_initiator.ts';
export * from './coordinator_2pc.ts';
export * from './participant_2pc.ts';
export * from './transaction.ts';
export * from './transaction_run.ts';
export * from './wire.ts';
export * from './registrant.ts';
