/**
 * Handlers for simulated agents, registered in the real `HandlerRegistry` and run by the real
 * `CommandProcessor` (so signature, addressee, expiry, replay and argument checks are the agent's own). They
 * change the simulated host (isolated, cut, powered off), count each change that took effect, and answer with
 * evidence shaped like the real handlers'. Endpoints get the endpoint handlers; gateways also cut segments.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandContext, CommandHandler, HandlerOutcome } from '../handlers/registry.js';
import { HandlerRegistry } from '../handlers/registry.js';
import {
  emptyArgsSchema,
  isolateArgsSchema,
  segmentCutArgsSchema,
  segmentRestoreArgsSchema,
  shutdownArgsSchema,
  sweepArgsSchema,
  triageArgsSchema,
  type IsolateArgs,
  type SegmentCutArgs,
  type SweepArgs,
} from '../protocol/command.js';
import { AGENT_VERSION } from '../version.js';
import { delayOf, type Behaviour, type Fault, type Indicators } from './behaviour.js';
import { cutEvidence, isolationEvidence, isolationRuleset, releaseEvidence, restoreEvidence, sweepEvidence, triageEvidence } from './evidence.js';

/** A simulated host: what the commands changed, and how often each change took effect. */
export interface SimHost {
  hostname: string;
  ips: string[];
  role: 'endpoint' | 'gateway';
  isolation: { rulesetHash: string; since: string; commandId: string } | null;
  cuts: Map<string, { segment: string; rulesetHash: string; since: string }>;
  infection: Indicators | 'any' | null;
  poweredOff: boolean;
  /** Changes that took effect, by kind (`isolate` counts only when the host was not isolated, and so on). */
  effects: Record<string, number>;
  /** Commands that reached a handler, oldest first (the last 200), and counts by type and by fault. */
  commands: { id: string; type: string; seq: number; at: string; fault?: Fault['effect'] }[];
  received: Record<string, number>;
  faulted: Record<string, number>;
  /** Commands whose results are swallowed (a `drop` fault). */
  dropped: Set<string>;
}

/** What the handlers need from the fleet. */
export interface SimWorld {
  behaviour(): Behaviour;
  host(agentId: string): SimHost | undefined;
  fault(host: SimHost, type: string, commandId: string): Fault | undefined;
  /** The server's address and port (the control channel the isolation keeps open). */
  server: { address: string; port: number };
  disconnect(agentId: string, offlineMs: number | undefined): void;
  powerOff(agentId: string, delayMs: number): void;
  now(): Date;
}

function count(host: SimHost, kind: string): void {
  host.effects[kind] = (host.effects[kind] ?? 0) + 1;
}

async function wait(world: SimWorld, which: 'latencyMs' | 'verifyMs', name: string): Promise<void> {
  const behaviour = world.behaviour();
  const ms = delayOf(behaviour[which], behaviour.seed, name);
  if (ms > 0) await sleep(ms);
}

/** Looks up the host, applies the fault's side effects (drop, disconnect), waits the latency; returns a `fail` fault. */
async function begin(world: SimWorld, type: string, ctx: CommandContext): Promise<{ host: SimHost; fail: Fault | undefined }> {
  const host = world.host(ctx.command.agentId);
  if (!host) throw Object.assign(new Error(`no simulated host for agent ${ctx.command.agentId}`), { code: 'simulation_error' });
  const fault = world.fault(host, type, ctx.command.id);
  host.commands.push({ id: ctx.command.id, type, seq: ctx.command.seq, at: world.now().toISOString(), ...(fault ? { fault: fault.effect } : {}) });
  if (host.commands.length > 200) host.commands.shift();
  host.received[type] = (host.received[type] ?? 0) + 1;
  if (fault) host.faulted[fault.effect] = (host.faulted[fault.effect] ?? 0) + 1;
  if (fault?.effect === 'drop') host.dropped.add(ctx.command.id);
  if (fault?.effect === 'disconnect') world.disconnect(ctx.command.agentId, fault.offlineMs);
  await wait(world, 'latencyMs', `latency/${ctx.command.id}`);
  return { host, fail: fault?.effect === 'fail' ? fault : undefined };
}

function failed(fault: Fault, code: string, message: string, evidence: Record<string, unknown> = {}): HandlerOutcome {
  return { state: 'failed', reason: { code: fault.code ?? code, message: fault.message ?? message }, evidence: { simulated: true, ...evidence } };
}

function view(host: SimHost) {
  return { hostname: host.hostname, ips: host.ips, infection: host.infection };
}

function handler<A>(type: string, args: CommandHandler<A>['args'], run: (args: A, ctx: CommandContext) => Promise<HandlerOutcome>): CommandHandler<A> {
  return { type, args, run };
}

function isolate(world: SimWorld) {
  return handler<IsolateArgs>('isolate', isolateArgsSchema, async (args, ctx) => {
    const { host, fail } = await begin(world, 'isolate', ctx);
    const at = world.now().toISOString();
    const evidence = isolationEvidence(view(host), args, world.server, at, !fail);
    ctx.applied({ simulated: true, ruleset: evidence['ruleset'], probes: (evidence['probes'] as unknown[]).slice(0, 1) });
    if (!host.isolation) count(host, 'isolate');
    host.isolation = { rulesetHash: isolationRuleset(view(host), args, `${world.server.address}:${world.server.port}`).rulesetHash, since: at, commandId: ctx.command.id };
    await wait(world, 'verifyMs', `verify/${ctx.command.id}`);
    if (fail) return failed(fail, 'isolation_not_effective', `the probe to the blocked target was not blocked (simulated)`, evidence);
    return { state: 'verified', evidence };
  });
}

function release(world: SimWorld) {
  return handler<Record<string, never>>('release', emptyArgsSchema, async (_args, ctx) => {
    const { host, fail } = await begin(world, 'release', ctx);
    if (fail) return failed(fail, 'release_failed', 'table inet firebreak_isolation is still loaded after deleting it (simulated)');
    const previous = host.isolation?.rulesetHash ?? null;
    if (host.isolation) count(host, 'release');
    host.isolation = null;
    ctx.applied({ simulated: true, table: 'firebreak_isolation', removed: previous !== null });
    return { state: 'verified', evidence: releaseEvidence(previous, world.now().toISOString()) };
  });
}

function ping(world: SimWorld) {
  return handler<Record<string, never>>('ping', emptyArgsSchema, async (_args, ctx) => {
    const { fail } = await begin(world, 'ping', ctx);
    if (fail) return failed(fail, 'simulated_failure', 'ping failed (simulated)');
    return { state: 'verified', evidence: { simulated: true, pong: world.now().toISOString(), agentVersion: AGENT_VERSION } };
  });
}

function sweep(world: SimWorld) {
  return handler<SweepArgs>('sweep', sweepArgsSchema, async (args, ctx) => {
    const started = Date.now();
    const { host, fail } = await begin(world, 'sweep', ctx);
    if (fail) return failed(fail, 'sweep_failed', 'the sweep could not list processes (simulated)');
    count(host, 'sweep');
    return { state: 'verified', evidence: sweepEvidence(view(host), args, Date.now() - started) };
  });
}

function triage(world: SimWorld) {
  return handler('triage', triageArgsSchema, async (_args, ctx) => {
    const { host, fail } = await begin(world, 'triage', ctx);
    if (fail) return failed(fail, 'triage_failed', 'triage could not be collected (simulated)');
    count(host, 'triage');
    return { state: 'verified', evidence: triageEvidence(view(host), world.now().toISOString()) };
  });
}

function shutdown(world: SimWorld) {
  return handler('shutdown', shutdownArgsSchema, async (args, ctx) => {
    const { host, fail } = await begin(world, 'shutdown', ctx);
    if (fail) return failed(fail, 'poweroff_failed', 'the power-off command failed (simulated)', { attempts: [{ command: 'systemctl poweroff', code: 1, stderr: 'simulated' }] });
    const now = world.now();
    const delayMs = world.behaviour().shutdownDelayMs ?? args.delaySeconds * 1000;
    count(host, 'shutdown');
    world.powerOff(ctx.command.agentId, delayMs);
    return { state: 'applied', evidence: { simulated: true, scheduledAt: now.toISOString(), runAt: new Date(now.getTime() + delayMs).toISOString(), delaySeconds: args.delaySeconds, command: 'systemctl poweroff' } };
  });
}

function segmentCut(world: SimWorld) {
  return handler<SegmentCutArgs>('segment_cut', segmentCutArgsSchema, async (args, ctx) => {
    const { host, fail } = await begin(world, 'segment_cut', ctx);
    const at = world.now().toISOString();
    const evidence = cutEvidence(args, world.server, at, !fail);
    ctx.applied({ simulated: true, cutId: args.cutId, ruleset: evidence['ruleset'] });
    if (!host.cuts.has(args.cutId)) count(host, 'segment_cut');
    host.cuts.set(args.cutId, { segment: args.segment, rulesetHash: String((evidence['ruleset'] as { rulesetHash: string }).rulesetHash), since: at });
    await wait(world, 'verifyMs', `verify/${ctx.command.id}`);
    if (fail) return failed(fail, 'cut_not_effective', `the forward hook does not hold the cut ${args.cutId} (simulated)`, evidence);
    return { state: 'verified', evidence };
  });
}

function segmentRestore(world: SimWorld) {
  return handler('segment_restore', segmentRestoreArgsSchema, async (args, ctx) => {
    const { host, fail } = await begin(world, 'segment_restore', ctx);
    if (fail) return failed(fail, 'restore_failed', `the cut ${args.cutId} is still loaded (simulated)`);
    const cut = host.cuts.get(args.cutId);
    if (cut) count(host, 'segment_restore');
    host.cuts.delete(args.cutId);
    return { state: 'verified', evidence: restoreEvidence(args.cutId, cut?.segment ?? null, cut?.since ?? null, world.now().toISOString()) };
  });
}

/** The registries of a fleet: one for endpoints, one for gateways (which also cut segments). */
export function simRegistries(world: SimWorld): { endpoint: HandlerRegistry; gateway: HandlerRegistry } {
  const build = () =>
    new HandlerRegistry().register(ping(world)).register(isolate(world)).register(release(world)).register(sweep(world)).register(triage(world)).register(shutdown(world));
  return { endpoint: build(), gateway: build().register(segmentCut(world)).register(segmentRestore(world)) };
}
