/**
 * The storage contract. One implementation (Kysely) serves PGlite and PostgreSQL; the server and CLI only
 * see these interfaces.
 */
import type { EstateDocument } from '../estate/schema.js';
import type { AgentRepo } from './agent-types.js';
import type { ActionRepo } from './action-types.js';
import type { IncidentEvent, NewIncidentEvent } from '../incident/event.js';
import type { IncidentSummary } from '../incident/summary.js';

export type Role = 'viewer' | 'responder' | 'entity_lead' | 'commander' | 'admin';

export interface UserRecord {
  username: string;
  displayName: string;
  role: Role;
  /** Entity ids the user may see and act on; `['*']` means every entity. */
  entities: string[];
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  username: string;
  /** `session` for browser logins and `/api/auth/token`; `api` for named long-lived tokens. */
  kind: 'session' | 'api';
  name: string;
  /** sha256 of the secret, hex; the secret itself is never stored. */
  secretHash: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/** The row kept per incident for fast listing; defined with the incident domain (a projection of its log). */
export type { IncidentSummary };

/** Listed newest `updatedAt` first. A filter list that is given but empty matches nothing. */
export interface IncidentListFilter {
  state?: string[];
  severity?: string[];
  /** Only incidents touching at least one of these entities (or none, when `includeUnscoped`). */
  entities?: string[];
  includeUnscoped?: boolean;
  /** Part of the title (any case) or of the id. */
  q?: string;
  limit: number;
  offset: number;
}

/** Listed by hostname. A filter list that is given but empty matches nothing. */
export interface HostListFilter {
  entities?: string[];
  segment?: string;
  criticality?: string[];
  role?: string;
  /** Part of the hostname (any case), or one of the host's IPs exactly. */
  q?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * Called inside the append transaction with the incident row locked. It returns the events to append (already
 * chained, see incident/chain) and the updated summary. Throwing aborts the append and writes nothing.
 *
 * The first event must carry `seq = summary.lastSeq + 1` and `prevHash = summary.lastHash`, each later one the
 * next seq and the hash before it, and the returned summary must end on the last event; otherwise the append
 * fails with a `conflict` UserError. Returning no events writes nothing. The builder must not call the store
 * (on PGlite the store has one session, held by this transaction): use `readLog`.
 */
export type AppendBuilder = (current: {
  summary: IncidentSummary;
  /** Reads the whole log, when the builder needs more than the summary. */
  readLog: () => Promise<IncidentEvent[]>;
}) =>
  | Promise<{ events: IncidentEvent[]; summary: IncidentSummary }>
  | { events: IncidentEvent[]; summary: IncidentSummary };

export interface EstateUpsertResult {
  /** Records that did not exist before. */
  created: number;
  /** Records that existed and changed. */
  updated: number;
  /** Records that existed and were identical (re-imports of the same file). */
  unchanged: number;
}

export interface EstateRepo {
  /** The whole estate, as one document (used for graph queries and export). */
  load(): Promise<EstateDocument>;
  /**
   * Upserts every record of the document in one transaction (by id; hosts by hostname; links by from+to).
   * Records absent from the document are kept (partial files merge). The revision moves only when something
   * was created or changed.
   */
  upsert(doc: EstateDocument): Promise<EstateUpsertResult>;
  listHosts(filter: HostListFilter): Promise<Page<EstateDocument['hosts'][number]>>;
  /** Increases with every change; lets callers cache the loaded estate. */
  revision(): Promise<number>;
}

/** Builds the first events and summary of a new incident, given its allocated id. Throwing writes nothing. */
export type CreateBuilder = (
  id: string,
) =>
  | Promise<{ events: IncidentEvent[]; summary: IncidentSummary }>
  | { events: IncidentEvent[]; summary: IncidentSummary };

export interface IncidentRepo {
  /**
   * Allocates the next id (`INC-0001`, ...; gapless, a failed create does not use up a number) and writes the
   * first events and summary atomically. The events must start at seq 1 from the genesis hash.
   */
  create(build: CreateBuilder): Promise<IncidentSummary>;
  append(incidentId: string, build: AppendBuilder): Promise<{ events: IncidentEvent[]; summary: IncidentSummary }>;
  get(incidentId: string): Promise<IncidentSummary | undefined>;
  list(filter: IncidentListFilter): Promise<Page<IncidentSummary>>;
  /**
   * Events in seq order, optionally after a seq. A process keeps the logs it read (they are append-only) and
   * reads only what follows, checked by the hash of the last event it holds.
   */
  events(incidentId: string, afterSeq?: number): Promise<IncidentEvent[]>;
  /** Every event as stored right now, never from memory: for verifying the chain against the database. */
  storedEvents(incidentId: string): Promise<IncidentEvent[]>;
  ids(): Promise<string[]>;
  /** Events of one type across incidents (e.g. every `alert.raised`), newest first. */
  eventsOfType(type: string, filter: EventTypeFilter): Promise<Page<IncidentEvent>>;
}

export interface EventTypeFilter {
  /** Only these incidents; an empty list matches nothing. */
  incidentIds?: string[];
  /** Only events whose payload has this text at this path (e.g. `['rule', 'level']` = `high`). */
  payloadEquals?: { path: string[]; value: string };
  limit: number;
  offset: number;
}

export interface UserRepo {
  get(username: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  create(user: UserRecord): Promise<void>;
  update(username: string, patch: Partial<Omit<UserRecord, 'username' | 'createdAt'>>): Promise<void>;
  count(): Promise<number>;
}

export interface TokenRepo {
  create(token: TokenRecord): Promise<void>;
  findBySecretHash(secretHash: string): Promise<TokenRecord | undefined>;
  listForUser(username: string): Promise<TokenRecord[]>;
  delete(id: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

/** Simple key/value settings (server signing keys, first-start markers). */
export interface SettingsRepo {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** An indicator set as listed: what was uploaded, by whom, and what parsing it gave. */
export interface IndicatorSetMeta {
  name: string;
  format: 'stix' | 'misp' | 'csv';
  filename: string | null;
  description: string | null;
  /** The level its hits are raised at; null: from each indicator's confidence. */
  level: 'informational' | 'low' | 'medium' | 'high' | 'critical' | null;
  includeNonIds: boolean;
  bytes: number;
  indicators: number;
  problems: number;
  byType: Record<string, number>;
  uploadedBy: string;
  uploadedAt: string;
}

export interface IndicatorSetRecord extends IndicatorSetMeta {
  /** The text as uploaded (after gunzip). */
  content: string;
}

/** Indicator sets uploaded through the API; the revision moves with every change (nodes rebuild on it). */
export interface IndicatorSetRepo {
  list(): Promise<IndicatorSetMeta[]>;
  get(name: string): Promise<IndicatorSetRecord | undefined>;
  /** Creates or replaces the set of that name. */
  put(set: IndicatorSetRecord): Promise<{ created: boolean }>;
  delete(name: string): Promise<boolean>;
  revision(): Promise<number>;
}

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly estate: EstateRepo;
  readonly incidents: IncidentRepo;
  readonly users: UserRepo;
  readonly tokens: TokenRepo;
  readonly settings: SettingsRepo;
  readonly agents: AgentRepo;
  /** The durable executor's actions and runs. */
  readonly actions: ActionRepo;
  readonly indicators: IndicatorSetRepo;
  close(): Promise<void>;
}

export type NewEvent = NewIncidentEvent;
