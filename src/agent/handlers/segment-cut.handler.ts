/**
 * `segment_cut` (gateway role): load the cut's own nftables table, check that nftables reports exactly the
 * intended rules, record the cut (so a restart puts it back), report `applied`, then probe from the gateway.
 *
 * What the evidence proves: the gateway's forward hook now drops the traffic the cut names (the listed table
 * matches the intent rule by rule) and the gateway still reaches a host inside the segment (`args.probe`). A
 * probe from the gateway cannot prove the drop itself: the gateway's own packets are not forwarded, so they
 * never meet the forward hook. The drop counters in the `segment_restore` evidence show what was dropped.
 */
import { controlEndpoints } from '../isolation/endpoints.js';
import type { ResolvedTarget } from '../isolation/isolator.js';
import { CutSpecError, buildCutRules, type CutSpec } from '../gateway/cut-ruleset.js';
import { intervalsContain, intervalsOf } from '../gateway/intervals.js';
import type { Forwarding } from '../gateway/routing.js';
import { segmentCutArgsSchema, type SegmentCutArgs } from '../protocol/command.js';
import type { GatewayDeps } from './gateway.deps.js';
import { resolveTarget } from './isolation.deps.js';
import type { CommandContext, CommandHandler, HandlerOutcome } from './registry.js';

function failed(code: string, message: string, evidence: Record<string, unknown> = {}): HandlerOutcome {
  return { state: 'failed', reason: { code, message }, evidence };
}

/** The cut as data, or a failure saying why it cannot be built. */
function specOf(args: SegmentCutArgs, control: CutSpec['control']): CutSpec | HandlerOutcome {
  const spec: CutSpec = { cutId: args.cutId, segment: args.segment, cidrs: args.cidrs, external: args.external, internal: args.internal, peers: args.peers, allow: args.allow, control };
  try {
    buildCutRules(spec);
    return spec;
  } catch (error) {
    if (error instanceof CutSpecError) return failed(error.code, error.message);
    throw error;
  }
}

/** The probe target inside the segment, undefined when none was asked for, or a failure. */
async function probeTarget(args: SegmentCutArgs, deps: GatewayDeps): Promise<ResolvedTarget | HandlerOutcome | undefined> {
  if (!args.probe) return undefined;
  const target = await resolveTarget(args.probe, deps.resolve);
  if (!target) return failed('no_probe_target', `cannot resolve the probe target ${args.probe.host}`);
  if (!intervalsContain(intervalsOf(args.cidrs), target.address)) {
    return failed('probe_target_outside_segment', `the probe target ${target.address} is not in the segment ${args.segment} (${args.cidrs.join(', ')}); choose a host inside it`);
  }
  return target;
}

function warnings(args: SegmentCutArgs, forwarding: Forwarding): string[] {
  const out: string[] = [];
  if (!forwarding.ipv4 && args.cidrs.some((c) => !c.includes(':'))) out.push('IPv4 forwarding is off on this gateway: it routes no IPv4 traffic of the segment, so the cut changes nothing until forwarding is on');
  if (!forwarding.ipv6 && args.cidrs.some((c) => c.includes(':'))) out.push('IPv6 forwarding is off on this gateway');
  return out;
}

function intent(spec: CutSpec) {
  return { segment: spec.segment, cidrs: spec.cidrs, external: spec.external, internal: spec.internal.length, peers: spec.peers, allow: spec.allow };
}

async function cut(args: SegmentCutArgs, deps: GatewayDeps, ctx: CommandContext): Promise<HandlerOutcome> {
  const control = await controlEndpoints(deps.state.current.serverUrl, deps.resolve);
  if (control.length === 0) return failed('no_control_endpoint', `cannot resolve the server ${deps.state.current.serverUrl}`);
  const spec = specOf(args, control);
  if ('state' in spec) return spec;
  const target = await probeTarget(args, deps);
  if (target && 'state' in target) return target;
  const probes = target ? [await deps.gateway.probe('baseline-before-cut', target, 'any')] : [];
  const ruleset = await deps.gateway.apply(spec);
  await deps.cuts.put({ spec, rulesetHash: ruleset.rulesetHash, appliedAt: deps.now().toISOString(), commandId: ctx.command.id, ...(target ? { probe: target } : {}) });
  const base = { cutId: spec.cutId, table: ruleset.table, intent: intent(spec), controlEndpoints: control, ruleset };
  if (!ruleset.check.ok) return failed('ruleset_mismatch', `the loaded table differs from the intended rules: ${ruleset.check.problems.join('; ')}`, { ...base, probes });
  ctx.applied({ cutId: spec.cutId, ruleset });
  if (target) probes.push(await deps.gateway.probe('gateway-access', target, 'reachable'));
  const forwarding = await deps.forwarding();
  const evidence = { ...base, forwarding, probes, otherCuts: (await deps.gateway.loadedCuts()).filter((t) => t !== ruleset.table), warnings: warnings(args, forwarding) };
  const access = probes.at(-1);
  if (target && access?.passed !== true) {
    return failed('gateway_access_lost', `the cut is in place but the gateway no longer reaches ${target.address}:${target.port} (${access?.outcome ?? 'no probe'}); the rules stay`, evidence);
  }
  ctx.log(`segment ${spec.segment} cut (${ruleset.table}, ${ruleset.rulesetHash})`);
  return { state: 'verified', evidence };
}

export function segmentCutHandler(deps: GatewayDeps): CommandHandler<SegmentCutArgs> {
  return { type: 'segment_cut', args: segmentCutArgsSchema, run: (args, ctx) => cut(args, deps, ctx) };
}
