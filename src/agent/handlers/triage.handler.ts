/** `triage`: processes, connections, listening ports and recently changed files with hashes, bounded. */
import { triageArgsSchema, type TriageArgs } from '../protocol/command.js';
import { collectTriage } from '../triage/triage.js';
import { deadlineFor, type HostDeps } from './host.deps.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

async function triage(args: TriageArgs, deps: HostDeps, ctx: CommandContext): Promise<HandlerOutcome> {
  const evidence = await collectTriage(
    {
      recentHours: args.recentHours,
      paths: args.paths ?? deps.defaultPaths(),
      maxFiles: args.maxFiles,
      maxFileBytes: args.maxFileBytes,
      deadline: deadlineFor(ctx.command, args.maxSeconds, deps.host.now()),
    },
    deps.host,
  );
  const cut = Object.keys(evidence.truncated);
  ctx.log(`triage: ${evidence.processes.length} processes, ${evidence.recentFiles.length} recent files${cut.length ? ` (capped: ${cut.join(', ')})` : ''}`);
  return { state: 'verified', evidence };
}

export function triageHandler(deps: HostDeps): CommandHandler<TriageArgs> {
  return { type: 'triage', args: triageArgsSchema, run: (args, ctx) => triage(args, deps, ctx) };
}
