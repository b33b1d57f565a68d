/**
 * Schema migrations, in code and numbered. They run on every open (Kysely's Migrator takes a lock, so two
 * servers starting together are safe). Never edit a migration that has shipped: add the next number.
 *
 * Statements run one at a time because PGlite's `query` accepts a single statement.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { alertListingMigration } from './alert-migration.js';
import { OperationalError } from '../shared/errors.js';
import { AGENT_TABLES } from './agent-migration.js';
import { ACTION_TABLES } from './action-migration.js';
import { INDICATOR_TABLES } from './indicator-migration.js';
import { messageOf } from './pg-errors.js';

function statements(...ddl: string[]): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const statement of ddl) await sql.raw(statement).execute(db);
    },
  };
}

const AUTH_AND_SETTINGS = [
  `create table settings (key text primary key, value text not null)`,
  `create table counters (name text primary key, value integer not null)`,
  `insert into counters (name, value) values ('estate_revision', 0), ('incident_number', 0)`,
  `create table users (
     username text primary key, display_name text not null, role text not null,
     entities text[] not null default '{}', password_hash text not null,
     disabled boolean not null default false, created_at text not null)`,
  `create table tokens (
     id text primary key, username text not null references users (username) on delete cascade,
     kind text not null check (kind in ('session', 'api')), name text not null,
     secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
     created_at text not null, expires_at text not null, last_used_at text)`,
  `create index tokens_username on tokens (username)`,
  `create index tokens_expires_at on tokens (expires_at)`,
];

// Keys use the "C" collation: ids are ASCII slugs, and byte order makes `load()` the same on every server.
const ESTATE = [
  `create table regions (id text collate "C" primary key, name text not null, doc jsonb not null)`,
  `create table entities (id text collate "C" primary key, name text not null, region text not null, country text not null, doc jsonb not null)`,
  `create index entities_region on entities (region)`,
  `create table sites (id text collate "C" primary key, entity text not null, doc jsonb not null)`,
  `create index sites_entity on sites (entity)`,
  `create table segments (id text collate "C" primary key, entity text not null, doc jsonb not null)`,
  `create index segments_entity on segments (entity)`,
  `create table links (from_id text collate "C" not null, to_id text collate "C" not null, doc jsonb not null, primary key (from_id, to_id))`,
  `create index links_to_id on links (to_id)`,
  `create table hosts (
     hostname text collate "C" primary key, entity text not null, segment text not null,
     criticality text not null, role text not null, os text not null, doc jsonb not null)`,
  `create index hosts_entity on hosts (entity)`,
  `create index hosts_segment on hosts (segment)`,
  `create index hosts_criticality on hosts (criticality)`,
  `create index hosts_role on hosts (role)`,
  `create table services (id text collate "C" primary key, entity text not null, doc jsonb not null)`,
  `create index services_entity on services (entity)`,
  `create table data_stores (id text collate "C" primary key, host text not null, doc jsonb not null)`,
  `create index data_stores_host on data_stores (host)`,
];

const INCIDENTS = [
  `create table incidents (
     id text primary key, num integer not null unique, title text not null, state text not null,
     severity text not null, entities text[] not null default '{}', commander text,
     opened_at text not null, updated_at text not null,
     last_seq integer not null, last_hash text not null)`,
  `create index incidents_state on incidents (state)`,
  `create index incidents_severity on incidents (severity)`,
  `create index incidents_updated on incidents (updated_at desc, num desc)`,
  `create index incidents_entities on incidents using gin (entities)`,
  `create table incident_events (
     incident_id text not null references incidents (id), seq integer not null check (seq >= 1),
     id uuid not null unique, at text not null, actor text not null, type text not null,
     payload jsonb not null, prev_hash text not null, hash text not null,
     primary key (incident_id, seq))`,
];

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001_initial': statements(...AUTH_AND_SETTINGS, ...ESTATE, ...INCIDENTS),
  '0002_agents': statements(...AGENT_TABLES),
  '0002_alert_listing': alertListingMigration,
  '0003_executor_actions': statements(...ACTION_TABLES),
  '0004_indicators': statements(...INDICATOR_TABLES),
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * Brings the schema up to date; throws an OperationalError naming the failed migration.
 *
 * The migration tables are named with the current schema: Kysely otherwise takes a `kysely_migration` table
 * in any schema of the database as its own.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === null || schema === undefined) {
    throw new OperationalError(
      'store_migration_failed',
      'the database has no current schema: check search_path',
      false,
    );
  }
  // Unordered: migrations written on parallel branches may land in any order of their names.
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new OperationalError(
      'store_migration_failed',
      `database migration ${failed} failed: ${messageOf(error)}`,
      false,
      {
        cause: error,
      },
    );
  }
}
