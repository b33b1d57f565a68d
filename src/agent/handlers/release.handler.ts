/**
 * `release`: delete exactly the isolation table (nothing else in the ruleset is touched), check that it is
 * gone, and forget the isolation. A probe to the target blocked during isolation is recorded for the record
 * but does not decide the outcome (the target may be down for its own reasons).
 */
import { emptyArgsSchema } from '../protocol/command.js';
import type { ProbeResult } from '../protocol/messages.js';
import type { IsolationDeps } from './isolation.deps.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

async function release(deps: IsolationDeps, ctx: CommandContext): Promise<HandlerOutcome> {
  const previous = deps.state.current.isolation;
  const removed = await deps.isolator.remove(deps.table);
  if (await deps.isolator.isLoaded(deps.table)) {
    return { state: 'failed', reason: { code: 'release_failed', message: `table inet ${deps.table} is still loaded after deleting it` }, evidence: { removed } };
  }
  await deps.state.update((s) => ({ ...s, isolation: null }));
  ctx.applied({ table: deps.table, removed });
  const probes: ProbeResult[] = previous?.probe ? [await deps.isolator.probe('after-release', previous.probe, 'any')] : [];
  ctx.log(`released: table inet ${deps.table} ${removed ? 'deleted' : 'was not loaded'}`);
  return {
    state: 'verified',
    evidence: { table: deps.table, removed, tableAbsent: true, previousRulesetHash: previous?.rulesetHash ?? null, probes },
  };
}

export function releaseHandler(deps: IsolationDeps): CommandHandler<Record<string, never>> {
  return { type: 'release', args: emptyArgsSchema, run: (_args, ctx) => release(deps, ctx) };
}
