/**
 * `isolate`: load the isolation table, check it is in place, then verify it from the host itself. A probe
 * to a blocked target must fail and the control channel must still answer; if the control channel does not,
 * the table is removed again (an isolated host the server cannot reach could never be released) and the
 * command fails loudly with the evidence.
 */
import { controlEndpoints } from '../isolation/endpoints.js';
import { inNetwork } from '../isolation/evaluate.js';
import type { ResolvedTarget } from '../isolation/isolator.js';
import type { ControlEndpoint, IsolationSpec } from '../isolation/ruleset.js';
import { isolateArgsSchema, type IsolateArgs } from '../protocol/command.js';
import { resolveTarget, type IsolationDeps } from './isolation.deps.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

function failed(code: string, message: string, evidence: Record<string, unknown> = {}): HandlerOutcome {
  return { state: 'failed', reason: { code, message }, evidence };
}

/** The probe target, or a failure that says how to configure one. */
async function probeTarget(args: IsolateArgs, deps: IsolationDeps, control: ControlEndpoint[]): Promise<ResolvedTarget | HandlerOutcome> {
  const wanted = args.probe ?? (await deps.defaultProbe());
  if (!wanted) return failed('no_probe_target', 'no probe target to verify isolation: the host has no default gateway; start the agent with --probe HOST:PORT or send args.probe');
  const target = await resolveTarget(wanted, deps.resolve);
  if (!target) return failed('no_probe_target', `cannot resolve the probe target ${wanted.host}`);
  const allowed = control.some((c) => c.address === target.address) || args.allow.some((a) => inNetwork(a.cidr, target.address));
  if (allowed) return failed('probe_target_allowed', `the probe target ${target.address} stays reachable by design (control channel or allow-list); choose a blocked one`);
  return target;
}

async function applyAndRecord(spec: IsolationSpec, target: ResolvedTarget, deps: IsolationDeps, ctx: CommandContext) {
  const applied = await deps.isolator.apply(spec);
  await deps.state.update((s) => ({
    ...s,
    isolation: { spec, rulesetHash: applied.rulesetHash, appliedAt: deps.now().toISOString(), commandId: ctx.command.id, probe: target },
  }));
  return applied;
}

async function isolate(args: IsolateArgs, deps: IsolationDeps, ctx: CommandContext): Promise<HandlerOutcome> {
  const control = await controlEndpoints(deps.state.current.serverUrl, deps.resolve);
  if (control.length === 0) return failed('no_control_endpoint', `cannot resolve the server ${deps.state.current.serverUrl}`);
  const target = await probeTarget(args, deps, control);
  if ('state' in target) return target;
  const baseline = await deps.isolator.probe('baseline-before-isolation', target, 'any');
  const spec: IsolationSpec = { table: deps.table, control, allow: args.allow };
  const ruleset = await applyAndRecord(spec, target, deps, ctx);
  if (!ruleset.check.ok) return failed('ruleset_mismatch', `the loaded table differs from the intended rules: ${ruleset.check.problems.join('; ')}`, { ruleset, probes: [baseline] });
  ctx.applied({ ruleset, probes: [baseline] });
  const verification = await deps.isolator.verify(control, target);
  const evidence = { ruleset, probes: [baseline, ...verification.probes], controlEndpoints: control };
  if (!verification.controlOk) {
    await deps.isolator.remove(deps.table);
    await deps.state.update((s) => ({ ...s, isolation: null }));
    return failed('control_channel_lost', 'the control channel did not answer once isolated, so the isolation was rolled back', { ...evidence, rolledBack: true });
  }
  if (!verification.blockedOk) return failed('isolation_not_effective', `the probe to ${target.address}:${target.port} was not blocked`, evidence);
  ctx.log(`isolated: ${ruleset.rulesetHash}; ${target.address}:${target.port} blocked, control channel reachable`);
  return { state: 'verified', evidence };
}

export function isolateHandler(deps: IsolationDeps): CommandHandler<IsolateArgs> {
  return { type: 'isolate', args: isolateArgsSchema, run: (args, ctx) => isolate(args, deps, ctx) };
}
