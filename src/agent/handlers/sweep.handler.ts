/**
 * `sweep`: compare the host with indicators (file hashes, process names, remote networks) and report what was
 * found and what was checked. A sweep that finds something still ends `verified`: the sweep itself worked;
 * `clean: false` carries the findings (see protocol/command.ts for the evidence).
 */
import { sweepArgsSchema, type SweepArgs } from '../protocol/command.js';
import { runSweep } from '../sweep/sweep.js';
import { deadlineFor, type HostDeps } from './host.deps.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

async function sweep(args: SweepArgs, deps: HostDeps, ctx: CommandContext): Promise<HandlerOutcome> {
  const evidence = await runSweep(
    {
      sha256: args.sha256,
      processNames: args.processNames,
      remote: args.remote,
      paths: args.paths ?? deps.defaultPaths(),
      maxFiles: args.maxFiles,
      maxFileBytes: args.maxFileBytes,
      deadline: deadlineFor(ctx.command, args.maxSeconds, deps.host.now()),
    },
    deps.host,
  );
  ctx.log(`sweep: ${evidence.findings.length + evidence.findingsOmitted} finding(s); ${evidence.checked.files} files, ${evidence.checked.processes} processes, ${evidence.checked.connections} connections${evidence.complete ? '' : ' (incomplete)'}`);
  return { state: 'verified', evidence: { ...evidence } };
}

export function sweepHandler(deps: HostDeps): CommandHandler<SweepArgs> {
  return { type: 'sweep', args: sweepArgsSchema, run: (args, ctx) => sweep(args, deps, ctx) };
}
