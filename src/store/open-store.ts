/**
 * Opens the store: PostgreSQL when a database URL is given, otherwise PGlite in a data folder. Either way the
 * schema is migrated to the latest version before the store is returned.
 *
 * @example
 * const store = await openStore({ dataDir: './.firebreak/db' });          // embedded PGlite
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL }); // PostgreSQL
 * try { ... } finally { await store.close(); }
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import { OperationalError, UserError } from '../shared/errors.js';
import { createActionRepo } from './action-repo.js';
import { createAgentRepo } from './agent-repo.js';
import type { Database, Db } from './database.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { createEstateRepo } from './estate-repo.js';
import { createIncidentRepo } from './incident-repo.js';
import { createIndicatorRepo } from './indicator-repo.js';
import { migrateToLatest } from './migrations.js';
import { isDuplicateSchema, isUniqueViolation, messageOf } from './pg-errors.js';
import { PGliteDialect } from './pglite-dialect.js';
import { createSettingsRepo } from './settings-repo.js';
import { createTokenRepo } from './token-repo.js';
import type { Store } from './types.js';
import { createUserRepo } from './user-repo.js';

export interface OpenStoreOptions {
  /** `postgres://user@host:5432/db`: use PostgreSQL. */
  databaseUrl?: string;
  /** PGlite data folder (created if missing). Without it and without a URL, PGlite runs in memory. */
  dataDir?: string;
  /** Keep every table in this schema (created if missing); otherwise the connection's default schema. */
  schema?: string;
  /** Largest number of PostgreSQL connections (default 10). */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new UserError('invalid_input', `database schema name "${options.schema}" is not valid`, [
      {
        field: 'schema',
        message: 'not a plain schema name',
        hint: 'use lower-case letters, digits and "_", such as firebreak',
      },
    ]);
  }
  return options.databaseUrl !== undefined ? openPostgres(options.databaseUrl, options) : openPGlite(options);
}

async function openPostgres(databaseUrl: string, options: OpenStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // An idle connection that breaks is dropped by the pool and replaced on next use; without a listener the
  // 'error' event would crash the process.
  pool.on('error', () => undefined);
  const schema = options.schema;
  const dialect = new PostgresDialect({
    pool,
    ...(schema === undefined
      ? {}
      : { onCreateConnection: (connection) => connection.executeQuery(searchPath(schema)).then(() => undefined) }),
  });
  const db = new Kysely<Database>({ dialect });
  try {
    await db.executeQuery(CompiledQuery.raw('select 1'));
  } catch (error) {
    await db.destroy();
    throw unreachable(databaseUrl, error);
  }
  return prepare('postgres', db, schema, () => undefined);
}

async function openPGlite(options: OpenStoreOptions): Promise<Store> {
  const lock: DataDirLock | undefined = options.dataDir === undefined ? undefined : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(options.dataDir === undefined ? undefined : path.resolve(options.dataDir));
  } catch (error) {
    lock?.release();
    throw new OperationalError(
      'store_open_failed',
      `cannot open the PGlite data folder ${options.dataDir ?? '(memory)'}: ${messageOf(error)}`,
      false,
      {
        cause: error,
      },
    );
  }
  const dialect: Dialect = new PGliteDialect({ pglite });
  const db = new Kysely<Database>({ dialect });
  if (options.schema !== undefined) await db.executeQuery(searchPath(options.schema));
  return prepare('pglite', db, options.schema, () => lock?.release());
}

/** Creates the schema if asked, migrates, and wraps the repositories. Closes everything if that fails. */
async function prepare(kind: Store['kind'], db: Db, schema: string | undefined, onClose: () => void): Promise<Store> {
  try {
    if (schema !== undefined) await createSchema(db, schema);
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().finally(onClose);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    kind,
    estate: createEstateRepo(db),
    incidents: createIncidentRepo(db),
    users: createUserRepo(db),
    tokens: createTokenRepo(db),
    settings: createSettingsRepo(db),
    agents: createAgentRepo(db),
    actions: createActionRepo(db),
    indicators: createIndicatorRepo(db),
    close: () => (closing ??= db.destroy().finally(onClose)),
  };
}

/** `create schema if not exists` can still fail when two servers run it at once; the schema exists then. */
async function createSchema(db: Db, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    if (!isUniqueViolation(error) && !isDuplicateSchema(error)) throw error;
  }
}

function searchPath(schema: string): CompiledQuery {
  // The name is checked against SCHEMA_NAME, so quoting it is enough.
  return CompiledQuery.raw(`set search_path to "${schema}"`);
}

function unreachable(databaseUrl: string, error: unknown): OperationalError {
  return new OperationalError(
    'store_unreachable',
    `cannot connect to PostgreSQL at ${redact(databaseUrl)}: ${messageOf(error)}. ` +
      'HINT: check that the server runs and accepts this user, or unset the database URL to use the embedded PGlite.',
    true,
    { cause: error },
  );
}

/** The URL without its password, for messages. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(an invalid URL)';
  }
}
