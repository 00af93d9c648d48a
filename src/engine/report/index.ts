export * from './check.ts';
export * from './errors.ts';
export * from './check_from_error.ts';
