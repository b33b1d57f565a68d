/** The storage contract of the durable executor: actions per plan and direction, leases, runs. */
import type { ActionRecord, ActionState, ActionTarget } from '../respond/types.js';

export type Direction = ActionRecord['direction'];

/** An action as stored: the record the services see plus what the executor needs to run it safely. */
export interface StoredAction extends ActionRecord {
  /** Order within the plan (the position of the spec). */
  seq: number;
  /** The spec's reversal (forward rows), or null. */
  reversal: { operation: string; args: Record<string, unknown> } | null;
  /** Who caused this run (the approver, or who asked for the rollback). */
  actor: string;
  /** Attempts may go up to this number in the current run (attempts before the run + the run's cap). */
  attemptLimit: number;
  /** When the current run of this row began (the total-time cap counts from here). */
  runStartedAt: string;
  /** When the executor should take it up; null once nothing more is to be done. */
  dueAt: string | null;
  leaseNode: string | null;
  leaseUntil: string | null;
  /** History entries already recorded in the incident log. */
  logged: number;
}

/** One action to insert (state `requested`). */
export interface NewAction {
  incidentId: string;
  planId: string;
  actionId: string;
  seq: number;
  connector: string;
  operation: string;
  args: Record<string, unknown>;
  target: ActionTarget;
  label: string;
  reversal: { operation: string; args: Record<string, unknown> } | null;
}

export interface HistoryEntry {
  state: ActionState;
  at: string;
  detail?: string;
}

/**
 * A change to an action that this node holds the lease of, for the attempt it runs. Applied only while the
 * row is in one of `from` (so nothing moves backwards, and a late result of an abandoned attempt is ignored).
 */
export interface ActionChange {
  planId: string;
  actionId: string;
  direction: Direction;
  attempt: number;
  from: readonly ActionState[];
  state: ActionState;
  /** History entries to append (at least one). */
  entries: HistoryEntry[];
  /** Replaces the evidence when given. */
  evidence?: Record<string, unknown> | null;
  /** Replaces the error when given. */
  error?: { code: string; message: string } | null;
  /** Ends the attempt: releases the lease and sets when to take the row up again (null: never). */
  settle?: { dueAt: string | null };
}

export interface PlanRun {
  planId: string;
  direction: Direction;
  incidentId: string;
  actor: string;
  startedAt: string;
  finishedAt: string | null;
}

/** A changed row; its history entries from `before` on are news for the incident log (now marked logged). */
export interface ChangedAction {
  action: StoredAction;
  before: number;
}

/** Narrows the actions of an incident (every field optional; all given ones must hold). */
export interface IncidentActionFilter {
  /** Only these operations (for example `['sweep']`). */
  operations?: readonly string[];
  /** Leave these operations out (for example the sweeps and triage, which contain nothing). */
  exceptOperations?: readonly string[];
  direction?: Direction;
  /** Leave these executor plan ids out (plans the caller has already taken in whole). */
  exceptPlans?: readonly string[];
}

export interface ActionRepo {
  /**
   * Inserts the actions of one direction as `requested` (one statement; existing ones are kept, so a second
   * submission of the same plan changes nothing) and opens the run when anything was inserted. Returns how many
   * were inserted.
   */
  insert(input: { planId: string; incidentId: string; direction: Direction; actor: string; at: string; attemptLimit: number; actions: readonly NewAction[] }): Promise<number>;
  /**
   * Queues the reversal of every forward action of the plan (or of `actionIds`) that reached `applied` or
   * `verified` and has a reversal; a reversal that failed before is queued again. Returns the queued action ids.
   */
  queueReversals(input: { planId: string; actionIds?: readonly string[]; actor: string; at: string; attemptsPerRun: number }): Promise<string[]>;
  /**
   * Claims up to `limit` due rows whose lease is free or expired: the lease goes to `node` until `leaseUntil`;
   * a row with no attempt open (`requested`) starts its next attempt (`attempts + 1`, state `sent`: the intent,
   * recorded before any call), a row with an attempt open (`sent`, `applied`) resumes that same attempt.
   */
  claim(input: { node: string; now: string; leaseUntil: string; limit: number }): Promise<ChangedAction[]>;
  /** Extends the lease of every unfinished row this node holds. */
  renewLeases(node: string, leaseUntil: string): Promise<number>;
  /** Gives up the leases of this node (on shutdown), so another node resumes at once. */
  releaseLeases(node: string): Promise<number>;
  /**
   * Applies changes in one transaction; a reversal that ends `verified` or `applied` marks its forward action
   * `rolled_back`. Returns every row that changed (including those forward rows).
   */
  record(node: string, changes: readonly ActionChange[]): Promise<ChangedAction[]>;
  /**
   * Takes up to `limit` rows with history not yet logged, marking it logged (each entry is handed out once).
   * `claim` and `record` mark what they change as logged themselves and return it: the caller logs it.
   */
  takeUnlogged(limit: number): Promise<ChangedAction[]>;
  /**
   * Closes the runs among `runs` (or among all open runs, with `'open'`) whose every row is done; returns those
   * (each is closed exactly once).
   */
  finishRuns(runs: readonly { planId: string; direction: Direction }[] | 'open', at: string): Promise<PlanRun[]>;
  /** Counts by state for each direction of a plan. */
  counts(planId: string): Promise<Record<Direction, Partial<Record<ActionState, number>>>>;
  list(planId: string): Promise<StoredAction[]>;
  /** The rows of an incident's plans, oldest first; `filter` narrows them in SQL. */
  listForIncident(incidentId: string, filter?: IncidentActionFilter): Promise<StoredAction[]>;
  get(planId: string, actionId: string, direction: Direction): Promise<StoredAction | undefined>;
}
