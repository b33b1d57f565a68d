/**
 * Buffers the changes of running actions and writes them in batches (one statement for hundreds of outcomes).
 * Changes to one action made between two flushes are merged into one, keeping every history entry. Outcomes
 * are written at the next flush; progress alone (`applied`) waits up to `progressDelayMs`, so that an outcome
 * arriving soon after is written with it in one update. A flush that fails keeps its changes for the next one:
 * until written, the rows stay leased to this node, and if the node dies another resumes the same attempts
 * with the same keys (progress is only for people to see; losing it loses nothing).
 */
import type { ActionChange, ActionRepo, ChangedAction } from '../store/action-types.js';

const id = (c: { planId: string; actionId: string; direction: string }) => `${c.planId}/${c.actionId}/${c.direction}`;

function merge(before: ActionChange, after: ActionChange): ActionChange {
  return {
    ...before,
    state: after.state,
    entries: [...before.entries, ...after.entries],
    ...(after.evidence !== undefined ? { evidence: after.evidence } : {}),
    ...(after.error !== undefined ? { error: after.error } : {}),
    ...(after.settle !== undefined ? { settle: after.settle } : {}),
  };
}

export class ChangeWriter {
  private pending = new Map<string, ActionChange>();
  private writing: Promise<void> | undefined;
  private progressSince: number | undefined;

  constructor(
    private readonly repo: ActionRepo,
    private readonly node: () => string,
    private readonly written: (rows: ChangedAction[]) => void,
    private readonly log: (message: string, error?: unknown) => void,
    /** Flush at once when this many changes wait. */
    private readonly batch: number,
    private readonly progressDelayMs: number,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  push(change: ActionChange): void {
    const key = id(change);
    const before = this.pending.get(key);
    this.pending.set(key, before ? merge(before, change) : change);
    if (change.settle === undefined) this.progressSince ??= Date.now();
    if (this.pending.size >= this.batch) void this.flush(true);
  }

  /**
   * Writes what is pending when an outcome waits or progress has waited long enough (always with `force`).
   * One flush at a time; a call during a flush waits for it and flushes again.
   */
  async flush(force = false): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.size === 0) return;
    const changes = [...this.pending.values()];
    const due = force || changes.some((c) => c.settle !== undefined) || Date.now() - (this.progressSince ?? 0) >= this.progressDelayMs;
    if (!due) return;
    this.pending = new Map();
    this.progressSince = undefined;
    this.writing = this.repo.record(this.node(), changes).then(
      (rows) => this.written(rows),
      (error: unknown) => {
        this.log('executor: writing action outcomes failed; retrying', error);
        for (const change of changes) {
          const key = id(change);
          const later = this.pending.get(key);
          this.pending.set(key, later ? merge(change, later) : change);
        }
        this.progressSince ??= Date.now();
      },
    ).finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  /** Forgets what is pending (a simulated crash). */
  drop(): void {
    this.pending = new Map();
    this.progressSince = undefined;
  }
}
