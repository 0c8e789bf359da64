export * from './connect.ts';
export * from './migrate.ts';
export type * from './schema.ts';
export * from './shutdown.ts';
export * from './prepared.ts';
export * from './request-totals.ts';
export * from './request-totals-drift.ts';
export * from './listen.ts';
export type { CompiledQuery } from 'kysely';
