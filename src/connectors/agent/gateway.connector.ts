/**
 * A gateway as a connector: cut a segment (its external connectivity, or its links to other segments) or
 * restore it, through the Firebreak agent running on the Linux router(s) that forward its traffic
 * (gateway-plan.ts says which and with what networks). One command per gateway, each with an id from the
 * action's key and the gateway's hostname; the action is verified when every gateway verified its cut.
 *
 * @example
 * const gateway = createGatewayConnector({ port: ctx.agents, estate: ctx.estate });
 * await gateway.execute({ ...action, operation: 'cut', target: { kind: 'segment', ref: 'jp-office', entity: 'jp-hq' }, args: { external: true, peers: [] } }, ctx);
 */
import type { EstateDocument } from '../../estate/schema.js';
import type { ActionOutcome, Connector, ConnectorContext, ConnectorManifest, ExecutableAction } from '../../respond/types.js';
import type { AgentCommandRecord } from '../../store/agent-types.js';
import type { CommandRequest } from './command-dispatcher.js';
import { commandIdFor } from './command-id.js';
import { failure, isRetryable, outcomeOf } from './command-outcome.js';
import { planGatewayCommand, type GatewayPlan } from './gateway-plan.js';
import { requesterOf, runCommands, type AgentCommandPort } from './run-commands.js';

export const gatewayManifest = (timeoutMs?: number): ConnectorManifest => ({
  id: 'gateway',
  ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  name: 'Gateway (Firebreak agent on a Linux router)',
  description: 'Segment cuts with nftables on the router that forwards a segment: its own table per cut, removed exactly by the restore.',
  operations: [
    { name: 'cut', targetKinds: ['segment'], reversal: 'restore', proves: 'verified', description: "drops forwarded traffic between the segment and the outside (external) and/or the peer segments; args {external, peers: segment ids}" },
    { name: 'restore', targetKinds: ['segment'], reversal: 'cut', proves: 'verified', description: 'removes the cut made by the same plan action' },
  ],
});

/** The estate as the connector reads it (the server's EstateService satisfies it). */
export interface EstateSource {
  current(): Promise<{ doc: EstateDocument }>;
}

export interface GatewayConnectorOptions {
  port: AgentCommandPort;
  estate: EstateSource;
  ttlSeconds?: number | undefined;
  timeoutMs?: number | undefined;
}

interface Planned {
  action: ExecutableAction;
  plan: Extract<GatewayPlan, { ok: true }>;
  ids: { hostname: string; id: string }[];
}

export function createGatewayConnector(options: GatewayConnectorOptions): Connector {
  const executeMany = async (actions: readonly ExecutableAction[], ctx: ConnectorContext): Promise<ActionOutcome[]> => {
    const { doc } = await options.estate.current();
    const plans = actions.map((action) => planGatewayCommand(doc, action));
    const agents = await options.port.agentsForHosts(plans.flatMap((p) => (p.ok ? p.gateways : [])));
    const outcomes: (ActionOutcome | undefined)[] = [];
    const planned: (Planned | undefined)[] = [];
    const requests: CommandRequest[] = [];
    actions.forEach((action, i) => {
      const plan = plans[i];
      if (!plan?.ok) return (outcomes[i] = failure(plan?.code ?? 'internal', plan?.message ?? 'no plan', false));
      const missing = plan.gateways.filter((h) => !agents.has(h));
      if (missing.length > 0) {
        return (outcomes[i] = failure('no_agent', `gateway ${missing.join(', ')} of segment ${plan.segment} has no enrolled Firebreak agent. HINT: enrol one: firebreak agent token create --host ${missing[0] ?? ''}`, false));
      }
      const ids = plan.gateways.map((hostname) => ({ hostname, id: commandIdFor(`${action.key}/${hostname}`) }));
      planned[i] = { action, plan, ids };
      for (const { hostname, id } of ids) {
        const agent = agents.get(hostname);
        if (agent) requests.push({ agent, id, type: plan.type, args: plan.args, by: requesterOf(action), ttlSeconds: options.ttlSeconds });
      }
    });
    const finals = await run(options.port, requests, ctx, planned);
    return actions.map((_, i) => outcomes[i] ?? combine(planned[i], finals));
  };
  return {
    manifest: gatewayManifest(options.timeoutMs),
    executeMany,
    execute: async (action, ctx) => (await executeMany([action], ctx))[0] ?? failure('internal', 'no outcome', false),
  };
}

async function run(port: AgentCommandPort, requests: CommandRequest[], ctx: ConnectorContext, planned: (Planned | undefined)[]): Promise<Map<string, AgentCommandRecord> | Error> {
  if (requests.length === 0) return new Map();
  const keyOf = new Map<string, string>();
  for (const p of planned) for (const { id } of p?.ids ?? []) if (p) keyOf.set(id, p.action.key);
  const reported = new Set<string>();
  const onChange = (record: AgentCommandRecord) => {
    const key = keyOf.get(record.id);
    if (key && record.state === 'sent' && !reported.has(key)) {
      reported.add(key);
      ctx.progress('sent', { command: { commandId: record.id, agentId: record.agentId } }, key);
    }
  };
  try {
    return await runCommands(port, requests, { signal: ctx.signal, onChange });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Verified when every gateway verified; otherwise failed, retryable only if every failure is. */
function combine(planned: Planned | undefined, finals: Map<string, AgentCommandRecord> | Error): ActionOutcome {
  if (!planned) return failure('internal', 'no plan for the action', false);
  if (finals instanceof Error) return failure('dispatch_failed', `the gateway commands could not be recorded or sent: ${finals.message}`, true);
  const results = planned.ids.map(({ hostname, id }) => {
    const record = finals.get(id);
    return { hostname, outcome: record ? outcomeOf(record) : failure('aborted', `command ${id} was not seen before the wait ended`, true) };
  });
  const evidence = { cutId: planned.plan.cutId, segment: planned.plan.segment, gateways: results.map((r) => ({ hostname: r.hostname, state: r.outcome.state, ...(r.outcome.error ? { error: r.outcome.error } : {}), evidence: r.outcome.evidence ?? {} })) };
  const failed = results.filter((r) => r.outcome.state !== 'verified');
  if (failed.length === 0) return { state: 'verified', evidence };
  const first = failed[0];
  const error = { code: first?.outcome.error?.code ?? 'failed', message: failed.map((f) => `${f.hostname}: ${f.outcome.error?.message ?? 'failed'}`).join('; ') };
  return { state: 'failed', evidence, error, retryable: failed.every((f) => isRetryable(f.outcome.error?.code ?? 'failed')) };
}
