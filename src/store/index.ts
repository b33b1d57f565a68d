/**
 * Storage: one Kysely implementation of the storage contract for PGlite (embedded) and PostgreSQL.
 *
 * @example
 * import { openStore } from '../store/index.js';
 * const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
 */
export { openStore, redact, type OpenStoreOptions } from './open-store.js';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect.js';
export { LOCK_FILE_NAME } from './data-dir-lock.js';
export { migrations } from './migrations.js';
export type * from './types.js';
export type * from './agent-types.js';
export type * from './action-types.js';
export { actionKey } from './action-rows.js';
