/**
 * `shutdown`: report `applied` at once with the plan, then after `delaySeconds` run the system's power-off
 * command through the executor (`systemctl poweroff`, else `shutdown -h now`). `applied` is the agent's last
 * word: no host can prove its own shutdown, so the server concludes `verified` when the agent goes silent.
 * If every power-off command fails, the agent reports `failed` late (a second result for the same command),
 * so a host that stays up is never silent about it. A second shutdown while one is pending changes nothing.
 */
import { shutdownArgsSchema, type ShutdownArgs } from '../protocol/command.js';
import type { ResultMessage } from '../protocol/messages.js';
import type { SystemExecutor } from '../runtime/executor.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

export const POWER_OFF_COMMANDS: readonly (readonly string[])[] = [['systemctl', 'poweroff'], ['shutdown', '-h', 'now']];

export interface ShutdownDeps {
  executor: SystemExecutor;
  /** Tried in order until one exits 0. */
  commands: readonly (readonly string[])[];
  /** Sends a result outside the command's own run (the late failure). */
  report(result: ResultMessage): void;
  /** Runs `task` after `ms` (setTimeout; a fake in tests). */
  schedule(task: () => void, ms: number): void;
  now: () => Date;
  log: (line: string) => void;
}

interface Attempt {
  command: string;
  code: number;
  stderr: string;
}

/** Runs the power-off commands in turn; true when one was accepted, otherwise reports the failure. */
async function powerOff(deps: ShutdownDeps, commandId: string): Promise<boolean> {
  const attempts: Attempt[] = [];
  for (const argv of deps.commands) {
    const result = await deps.executor.run(argv, { timeoutMs: 30_000 });
    attempts.push({ command: argv.join(' '), code: result.code, stderr: result.stderr.trim().slice(0, 300) });
    if (result.code === 0) {
      deps.log(`shutdown: ${argv.join(' ')} accepted; the host is going down`);
      return true;
    }
  }
  deps.log(`SHUTDOWN FAILED: ${attempts.map((a) => `${a.command} (exit ${a.code})`).join(', ')}`);
  deps.report({
    kind: 'result',
    commandId,
    state: 'failed',
    at: deps.now().toISOString(),
    reason: { code: 'shutdown_failed', message: `no power-off command worked: ${attempts.map((a) => `${a.command} exited ${a.code}${a.stderr ? ` (${a.stderr})` : ''}`).join('; ')}`.slice(0, 2000) },
    evidence: { attempts },
  });
  return false;
}

export function shutdownHandler(deps: ShutdownDeps): CommandHandler<ShutdownArgs> {
  let pending: { commandId: string; runAt: string } | undefined;
  const run = (args: ShutdownArgs, ctx: CommandContext): Promise<HandlerOutcome> => {
    const now = deps.now();
    const [command = 'none', ...fallbacks] = deps.commands.map((c) => c.join(' '));
    if (pending) {
      return Promise.resolve({ state: 'applied', evidence: { alreadyScheduled: true, scheduledBy: pending.commandId, runAt: pending.runAt, command, fallbacks } });
    }
    const runAt = new Date(now.getTime() + args.delaySeconds * 1000).toISOString();
    pending = { commandId: ctx.command.id, runAt };
    deps.schedule(() => {
      void powerOff(deps, ctx.command.id).then((accepted) => {
        if (!accepted) pending = undefined;
      });
    }, args.delaySeconds * 1000);
    ctx.log(`shutdown scheduled for ${runAt} (${command})`);
    return Promise.resolve({ state: 'applied', evidence: { scheduledAt: now.toISOString(), runAt, delaySeconds: args.delaySeconds, command, fallbacks, confirmedBy: 'the server, when the agent goes silent' } });
  };
  return { type: 'shutdown', args: shutdownArgsSchema, run };
}
