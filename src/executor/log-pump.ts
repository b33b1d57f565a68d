/**
 * Moves what happened to actions into the incident log and onto the bus, every few hundred milliseconds. The
 * rows this node changed (claims, outcomes) come back from their update already marked logged and are handed
 * here; rows changed otherwise (a rollback queued again before its claim, a node killed between writing and
 * logging) are taken from the table (`takeUnlogged`) on the first pass and every ten seconds after. Either way
 * each history entry is handed out once. They become events, appended through the incident service, and
 * records published on `plan.<planId>.actions`. A plan direction whose every action is done gets
 * `plan.finished` (recorded by exactly one node).
 */
import type { Bus } from '../bus/index.js';
import type { EventDraft } from '../incident/index.js';
import type { ActionRecord } from '../respond/types.js';
import type { ActionRepo, ChangedAction, PlanRun, StoredAction } from '../store/action-types.js';
import { finishedDraft, progressDrafts } from './log-drafts.js';

/** Appends events of registered types to an incident as the system (the incident service's `recordAsSystem`). */
export type Recorder = (incidentId: string, drafts: readonly EventDraft[]) => Promise<void>;

export const planSubject = (planId: string): string => `plan.${planId}.actions`;

/** The bus message on `plan.<planId>.actions`: changed records, in chunks. */
export interface ActionsMessage {
  planId: string;
  actions: ActionRecord[];
}

const ROWS_PER_TAKE = 5000;
const RECORDS_PER_MESSAGE = 200;
/** Largest batch of events per append (they travel on the bus as one message). */
const BYTES_PER_APPEND = 512 * 1024;
const MAX_TRIES = 5;
const SWEEP_MS = 10_000;

/** The record the services and the UI see (without the executor's lease and bookkeeping). */
export function toActionRecord(a: StoredAction): ActionRecord {
  return {
    incidentId: a.incidentId, planId: a.planId, actionId: a.actionId, direction: a.direction, connector: a.connector, operation: a.operation,
    args: a.args, target: a.target, label: a.label, state: a.state, attempts: a.attempts, evidence: a.evidence, error: a.error,
    history: a.history, createdAt: a.createdAt, updatedAt: a.updatedAt, nextAttemptAt: a.dueAt, node: a.leaseNode, key: a.key ?? null,
  };
}

function batches(drafts: readonly EventDraft[]): EventDraft[][] {
  const out: EventDraft[][] = [];
  let current: EventDraft[] = [];
  let bytes = 0;
  for (const draft of drafts) {
    const size = JSON.stringify(draft.payload).length;
    if (current.length > 0 && bytes + size > BYTES_PER_APPEND) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(draft);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export class LogPump {
  private retry: { incidentId: string; drafts: EventDraft[]; tries: number }[] = [];
  private news: ChangedAction[] = [];
  private lastSweep = 0;
  private moreUnlogged = false;

  constructor(
    private readonly deps: { repo: ActionRepo; bus: Bus; record: Recorder; now: () => Date; newId: () => string; log: (message: string, error?: unknown) => void },
  ) {}

  /** Rows this node changed, for the next pass. */
  add(rows: readonly ChangedAction[]): void {
    for (const row of rows) this.news.push(row);
  }

  /** One pass; returns how many rows had news (the caller runs again at once when it hit the limit). */
  async pump(): Promise<number> {
    await this.retryFailed();
    const sweep = this.sweepDue();
    if (sweep) await this.finished(await this.deps.repo.finishRuns('open', this.deps.now().toISOString()));
    const taken = [...this.news.splice(0), ...(sweep || this.moreUnlogged ? await this.takeUnlogged() : [])];
    if (taken.length === 0) return 0;
    const at = this.deps.now().toISOString();
    const { incidents, touched } = progressDrafts(taken, at, this.deps.newId);
    for (const { incidentId, drafts } of incidents) await this.append(incidentId, drafts, 0);
    await this.publish(taken.map((t) => t.action));
    await this.finished(await this.deps.repo.finishRuns(touched, at));
    return taken.length;
  }

  /**
   * Whether to sweep now (the first pass after a start, then every ten seconds): close every open run that is
   * done and take unlogged rows. A node killed after writing the last outcome but before logging it would
   * otherwise leave its run open and its entries unlogged for ever.
   */
  private sweepDue(): boolean {
    const now = this.deps.now().getTime();
    if (now - this.lastSweep < SWEEP_MS) return false;
    this.lastSweep = now;
    return true;
  }

  /** Unlogged rows; when a take fills its limit, the next pass takes more. */
  private async takeUnlogged(): Promise<ChangedAction[]> {
    const rows = await this.deps.repo.takeUnlogged(ROWS_PER_TAKE);
    this.moreUnlogged = rows.length === ROWS_PER_TAKE;
    return rows;
  }

  private async finished(runs: readonly PlanRun[]): Promise<void> {
    for (const run of runs) {
      const counts = await this.deps.repo.counts(run.planId);
      await this.append(run.incidentId, [finishedDraft(run, counts[run.direction])], 0);
    }
  }

  private async append(incidentId: string, drafts: EventDraft[], tries: number): Promise<void> {
    for (const batch of batches(drafts)) {
      try {
        await this.deps.record(incidentId, batch);
      } catch (error) {
        if (tries + 1 >= MAX_TRIES) this.deps.log(`executor: dropping ${batch.length} events for ${incidentId} after ${MAX_TRIES} failed appends (the actions table keeps the history)`, error);
        else this.retry.push({ incidentId, drafts: batch, tries: tries + 1 });
      }
    }
  }

  private async retryFailed(): Promise<void> {
    const pending = this.retry;
    this.retry = [];
    for (const item of pending) await this.append(item.incidentId, item.drafts, item.tries);
  }

  private async publish(actions: readonly StoredAction[]): Promise<void> {
    const byPlan = new Map<string, ActionRecord[]>();
    for (const a of actions) {
      const list = byPlan.get(a.planId);
      if (list) list.push(toActionRecord(a));
      else byPlan.set(a.planId, [toActionRecord(a)]);
    }
    for (const [planId, records] of byPlan) {
      for (let i = 0; i < records.length; i += RECORDS_PER_MESSAGE) {
        const message: ActionsMessage = { planId, actions: records.slice(i, i + RECORDS_PER_MESSAGE) };
        await this.deps.bus.publish(planSubject(planId), message).catch((error: unknown) => this.deps.log(`executor: publishing ${planSubject(planId)} failed`, error));
      }
    }
  }
}
