/**
 * `segment_restore` (gateway role): read the cut's drop counters, delete exactly its table (other cuts and
 * other tables stay), check that it is gone, and forget it. Restoring a cut that is not loaded verifies too
 * (idempotent). A probe to the host the cut was verified with is recorded but does not decide the outcome.
 */
import { cutTableName } from '../gateway/cut-ruleset.js';
import { segmentRestoreArgsSchema, type SegmentRestoreArgs } from '../protocol/command.js';
import type { ProbeResult } from '../protocol/messages.js';
import type { GatewayDeps } from './gateway.deps.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

async function restore(args: SegmentRestoreArgs, deps: GatewayDeps, ctx: CommandContext): Promise<HandlerOutcome> {
  const table = cutTableName(args.cutId);
  const previous = deps.cuts.get(args.cutId);
  const counters = await deps.gateway.counters(args.cutId);
  const removed = await deps.gateway.remove(args.cutId);
  if (await deps.gateway.isLoaded(args.cutId)) {
    return { state: 'failed', reason: { code: 'restore_failed', message: `table inet ${table} is still loaded after deleting it` }, evidence: { cutId: args.cutId, table, removed } };
  }
  await deps.cuts.remove(args.cutId);
  ctx.applied({ cutId: args.cutId, table, removed });
  const probes: ProbeResult[] = previous?.probe ? [await deps.gateway.probe('after-restore', previous.probe, 'any')] : [];
  ctx.log(`cut ${args.cutId} restored: table inet ${table} ${removed ? 'deleted' : 'was not loaded'}`);
  return {
    state: 'verified',
    evidence: {
      cutId: args.cutId,
      segment: previous?.spec.segment ?? null,
      table,
      removed,
      tableAbsent: true,
      previousRulesetHash: previous?.rulesetHash ?? null,
      cutSince: previous?.appliedAt ?? null,
      dropped: counters?.dropped ?? null,
      droppedByRule: counters?.byRule ?? null,
      otherCuts: await deps.gateway.loadedCuts(),
      probes,
    },
  };
}

export function segmentRestoreHandler(deps: GatewayDeps): CommandHandler<SegmentRestoreArgs> {
  return { type: 'segment_restore', args: segmentRestoreArgsSchema, run: (args, ctx) => restore(args, deps, ctx) };
}
