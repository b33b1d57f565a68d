/**
 * Agent results, written in batches. Results from every channel of this node are queued and written a few
 * milliseconds later, many commands per statement: the records come from the in-flight cache (the commands
 * this node sent) or one read, each command's results are folded in order (`applied` and `verified` arriving
 * together make one write), and each write expects the state that was read. A command changed meanwhile (by
 * another node or the timeout sweep) is read again and its results applied once more.
 */
import type { ResultMessage } from '../../agent/protocol/messages.js';
import type { AgentCommandRecord, AgentRepo } from '../../store/agent-types.js';
import { changeOf, foldResult, isFinal, type PendingChange } from './command-records.js';

/** Commands this node sent and has not seen end, so results need no read. Bounded: past the cap, it reads. */
export class InFlight {
  private readonly records = new Map<string, AgentCommandRecord>();

  constructor(private readonly cap = 200_000) {}

  get(id: string): AgentCommandRecord | undefined {
    return this.records.get(id);
  }

  put(record: AgentCommandRecord): void {
    if (isFinal(record)) this.records.delete(record.id);
    else if (this.records.size < this.cap || this.records.has(record.id)) this.records.set(record.id, record);
  }

  forget(id: string): void {
    this.records.delete(id);
  }
}

export interface ResultBatcherDeps {
  repo: AgentRepo;
  inFlight: InFlight;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  /** Every state each command passed through, in order. */
  publish(records: readonly AgentCommandRecord[]): void;
  /** Wait this long after the first queued result before writing (more results share the write). */
  delayMs: number;
  maxBatch: number;
}

interface Queued {
  agentId: string;
  result: ResultMessage;
  retried: boolean;
}

export class ResultBatcher {
  private queue: Queued[] = [];
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ResultBatcherDeps) {}

  add(agentId: string, result: ResultMessage): void {
    this.queue.push({ agentId, result, retried: false });
    this.schedule();
  }

  /** Resolves once everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.running) {
      clearTimeout(this.timer);
      this.timer = undefined;
      if (!this.running) this.start();
      await this.running;
    }
  }

  private schedule(): void {
    if (this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.deps.delayMs);
  }

  private start(): void {
    this.running = this.flush()
      .catch((error: unknown) => this.deps.log('writing agent results failed', error))
      .finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.deps.maxBatch);
    const known = await this.records(batch);
    const at = this.deps.now().toISOString();
    const pending = new Map<string, PendingChange>();
    const rejections: Queued[] = [];
    const byCommand = new Map<string, Queued[]>();
    for (const item of batch) {
      const record = item.result.commandId ? known.get(item.result.commandId) : undefined;
      if (!record || record.agentId !== item.agentId) {
        if (item.result.state === 'rejected') rejections.push(item);
        continue;
      }
      const folded = foldResult(pending.get(record.id), record, item.result, at);
      if (folded === 'rejection') rejections.push(item);
      if (typeof folded === 'string') continue;
      pending.set(record.id, folded.change);
      byCommand.set(record.id, [...(byCommand.get(record.id) ?? []), item]);
    }
    await this.write([...pending.values()], byCommand);
    for (const item of rejections) await this.deps.repo.recordRejection(item.agentId, { ...item.result });
  }

  private async records(batch: readonly Queued[]): Promise<Map<string, AgentCommandRecord>> {
    const known = new Map<string, AgentCommandRecord>();
    const missing: string[] = [];
    for (const { result } of batch) {
      if (!result.commandId || known.has(result.commandId)) continue;
      const cached = this.deps.inFlight.get(result.commandId);
      if (cached) known.set(cached.id, cached);
      else missing.push(result.commandId);
    }
    const uuids = missing.filter((id) => UUID.test(id));
    if (uuids.length > 0) for (const record of await this.deps.repo.getCommands(uuids)) known.set(record.id, record);
    return known;
  }

  private async write(changes: readonly PendingChange[], byCommand: Map<string, Queued[]>): Promise<void> {
    if (changes.length === 0) return;
    const applied = await this.deps.repo.applyChanges(changes.map(changeOf));
    const published: AgentCommandRecord[] = [];
    for (const change of changes) {
      const id = change.after.id;
      if (applied.has(id)) {
        this.deps.inFlight.put(change.after);
        published.push(...change.steps);
        continue;
      }
      // Changed since it was read: read it again and apply these results once more.
      this.deps.inFlight.forget(id);
      const again = (byCommand.get(id) ?? []).filter((item) => !item.retried).map((item) => ({ ...item, retried: true }));
      this.queue.unshift(...again);
    }
    this.deps.publish(published);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
