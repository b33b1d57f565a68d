/**
 * The tables as Kysely sees them (snake_case, as in SQL). Rows are mapped to the contract's records in the
 * repositories; nothing outside src/store sees these types.
 *
 * `jsonb` columns are written as JSON text (both drivers pass it through unchanged; `pg` would otherwise turn a
 * top-level JS array into a Postgres array literal) and read back as parsed values.
 */
import type { ColumnType, Kysely } from 'kysely';

/** A jsonb column: parsed on read, JSON text on write. */
export type Json = ColumnType<unknown, string, string>;

export interface UsersTable {
  username: string;
  display_name: string;
  role: string;
  entities: string[];
  password_hash: string;
  disabled: boolean;
  created_at: string;
}

export interface TokensTable {
  id: string;
  username: string;
  kind: string;
  name: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface RegionsTable {
  id: string;
  name: string;
  doc: Json;
}

export interface EntitiesTable {
  id: string;
  name: string;
  region: string;
  country: string;
  doc: Json;
}

export interface SitesTable {
  id: string;
  entity: string;
  doc: Json;
}

export interface SegmentsTable {
  id: string;
  entity: string;
  doc: Json;
}

export interface LinksTable {
  from_id: string;
  to_id: string;
  doc: Json;
}

export interface HostsTable {
  hostname: string;
  entity: string;
  segment: string;
  criticality: string;
  role: string;
  os: string;
  doc: Json;
}

export interface ServicesTable {
  id: string;
  entity: string;
  doc: Json;
}

export interface DataStoresTable {
  id: string;
  host: string;
  doc: Json;
}

export interface IncidentsTable {
  id: string;
  num: number;
  title: string;
  state: string;
  severity: string;
  entities: string[];
  commander: string | null;
  opened_at: string;
  updated_at: string;
  last_seq: number;
  last_hash: string;
}

export interface IncidentEventsTable {
  incident_id: string;
  seq: number;
  id: string;
  at: string;
  actor: string;
  type: string;
  payload: Json;
  prev_hash: string;
  hash: string;
}

export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  settings: SettingsTable;
  counters: CountersTable;
  regions: RegionsTable;
  entities: EntitiesTable;
  sites: SitesTable;
  segments: SegmentsTable;
  links: LinksTable;
  hosts: HostsTable;
  services: ServicesTable;
  data_stores: DataStoresTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
}

export type Db = Kysely<Database>;

/** Counter names in the `counters` table. */
export const COUNTER = { estateRevision: 'estate_revision', incidentNumber: 'incident_number' } as const;

/** Converts a `count(*)` or bigint value (a string from `pg`, a number from PGlite) to a number. */
export function toInt(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
