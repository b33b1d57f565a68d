/**
 * Buffers the changes of running actions and writes them in batches (one statement for hundreds of outcomes).
 * Changes to one action made between two flushes are merged into one, keeping every history entry. A flush
 * that fails keeps its changes for the next one: until written, the rows stay leased to this node, and if the
 * node dies another resumes the same attempts with the same keys.
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

  constructor(
    private readonly repo: ActionRepo,
    private readonly node: string,
    private readonly written: (rows: ChangedAction[]) => void,
    private readonly log: (message: string, error?: unknown) => void,
    /** Flush at once when this many changes wait. */
    private readonly batch: number,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  push(change: ActionChange): void {
    const key = id(change);
    const before = this.pending.get(key);
    this.pending.set(key, before ? merge(before, change) : change);
    if (this.pending.size >= this.batch) void this.flush();
  }

  /** Writes what is pending (one flush at a time; a call during a flush waits for it and flushes again). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.size === 0) return;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    this.writing = this.repo.record(this.node, changes).then(
      (rows) => this.written(rows),
      (error: unknown) => {
        this.log('executor: writing action outcomes failed; retrying', error);
        for (const change of changes) {
          const key = id(change);
          const later = this.pending.get(key);
          this.pending.set(key, later ? merge(change, later) : change);
        }
      },
    ).finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  /** Forgets what is pending (a simulated crash). */
  drop(): void {
    this.pending = new Map();
  }
}
