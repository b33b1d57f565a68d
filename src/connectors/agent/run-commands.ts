/**
 * What the agent and gateway connectors share: the port to the agent service, and running a batch of commands
 * to their end (watch first, then request, then wait on the bus with database rechecks, until every command
 * ended or the executor gives up).
 */
import type { AgentCommandRecord, AgentRecord } from '../../store/agent-types.js';
import type { CommandRequest } from './command-dispatcher.js';
import type { CommandWatcher } from './command-watcher.js';

/** The agent service as the connectors use it (implemented by `server/agent.service.ts`). */
export interface AgentCommandPort {
  /** The agent of each hostname that has one: connected here first, else the newest enrolment (connected ones first). */
  agentsForHosts(hostnames: readonly string[]): Promise<Map<string, AgentRecord>>;
  /** Records and sends the commands; an id that exists already returns the stored command. */
  requestCommands(requests: readonly CommandRequest[]): Promise<AgentCommandRecord[]>;
  readonly watcher: CommandWatcher;
}

export interface RunContext {
  signal: AbortSignal;
  onChange(record: AgentCommandRecord): void;
}

/** Records, sends and waits; resolves with the latest record of every command (open ones if aborted). */
export async function runCommands(port: AgentCommandPort, requests: readonly CommandRequest[], ctx: RunContext): Promise<Map<string, AgentCommandRecord>> {
  const ids = requests.map((r) => r.id).filter((id): id is string => id !== undefined);
  const watch = port.watcher.watch(ids, (record) => ctx.onChange(record));
  try {
    watch.seen(await port.requestCommands(requests));
    return await watch.final(ctx.signal);
  } finally {
    watch.stop();
  }
}

/** `plan:<plan>/<action>` (and the direction and attempt): who asked, as the command's `requestedBy`. */
export function requesterOf(action: { planId: string; actionId: string; direction: string; attempt: number }): string {
  return `plan:${action.planId}/${action.actionId}${action.direction === 'reverse' ? '/reverse' : ''}#${action.attempt}`;
}
