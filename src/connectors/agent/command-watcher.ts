/**
 * Waiting for commands to end, for connectors. One bus subscription (`agent.*.commands`) feeds every wait by
 * command id, so ten thousand waits cost one subscription, not ten thousand. A wait is registered before the
 * commands are requested (no change is missed), takes the records the request returned (a command that ended
 * before a crash is final at once), and reads the database every `recheckMs` for commands still open (a bus
 * message can be lost: NATS core delivers at most once). Polling has a delay and ends with the wait.
 */
import type { Bus, Unsubscribe } from '../../bus/index.js';
import type { AgentCommandRecord, AgentRepo } from '../../store/agent-types.js';

const RANK: Record<string, number> = { requested: 0, sent: 1, applied: 2, verified: 3, failed: 3 };

function asRecord(message: unknown): AgentCommandRecord | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { id, state } = message as { id?: unknown; state?: unknown };
  return typeof id === 'string' && typeof state === 'string' && state in RANK ? (message as AgentCommandRecord) : undefined;
}

export interface CommandWatch {
  /** Records known from elsewhere (the request's answer); only newer states count. */
  seen(records: readonly AgentCommandRecord[]): void;
  /** Resolves with the latest record of every command once all have ended, or when `signal` aborts. */
  final(signal: AbortSignal): Promise<Map<string, AgentCommandRecord>>;
  stop(): void;
}

export class CommandWatcher {
  private readonly waits = new Map<string, Set<Wait>>();
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly repo: Pick<AgentRepo, 'getCommands'>,
    private readonly recheckMs = 5000,
  ) {}

  /** Starts watching; `onChange` sees each newer state of each command (for progress). */
  watch(ids: readonly string[], onChange: (record: AgentCommandRecord) => void = () => undefined): CommandWatch {
    this.unsubscribe ??= this.bus.subscribe('agent.*.commands', (message) => {
      const record = asRecord(message);
      if (record) for (const wait of this.waits.get(record.id) ?? []) wait.feed(record);
    });
    const wait = new Wait(ids, onChange, this.repo, this.recheckMs, () => this.remove(wait));
    for (const id of ids) this.waits.set(id, (this.waits.get(id) ?? new Set()).add(wait));
    return wait;
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.waits.clear();
  }

  private remove(wait: Wait): void {
    for (const id of wait.ids) {
      const set = this.waits.get(id);
      set?.delete(wait);
      if (set?.size === 0) this.waits.delete(id);
    }
  }
}

class Wait implements CommandWatch {
  private readonly latest = new Map<string, AgentCommandRecord>();
  private open: Set<string>;
  private done: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly ids: readonly string[],
    private readonly onChange: (record: AgentCommandRecord) => void,
    private readonly repo: Pick<AgentRepo, 'getCommands'>,
    private readonly recheckMs: number,
    private readonly release: () => void,
  ) {
    this.open = new Set(ids);
  }

  feed(record: AgentCommandRecord): void {
    const previous = this.latest.get(record.id);
    if (previous && (RANK[previous.state] ?? 0) >= (RANK[record.state] ?? 0)) return;
    this.latest.set(record.id, record);
    this.onChange(record);
    if ((RANK[record.state] ?? 0) < 3) return;
    this.open.delete(record.id);
    if (this.open.size === 0) this.done?.();
  }

  seen(records: readonly AgentCommandRecord[]): void {
    for (const record of records) this.feed(record);
  }

  async final(signal: AbortSignal): Promise<Map<string, AgentCommandRecord>> {
    if (this.open.size > 0 && !signal.aborted) {
      let onAbort = (): void => undefined;
      await new Promise<void>((resolve) => {
        this.done = resolve;
        onAbort = resolve;
        signal.addEventListener('abort', onAbort, { once: true });
        this.timer = setInterval(() => void this.recheck(), this.recheckMs);
      });
      signal.removeEventListener('abort', onAbort);
    }
    this.stop();
    return this.latest;
  }

  stop(): void {
    clearInterval(this.timer);
    this.release();
  }

  private async recheck(): Promise<void> {
    try {
      this.seen(await this.repo.getCommands([...this.open]));
    } catch {
      // The next recheck tries again; the bus still delivers meanwhile.
    }
  }
}
