/**
 * The Firebreak agent as a connector: isolate, release, sweep, triage, shut down or ping a host through the
 * agent enrolled for its hostname. Each action is one signed command whose id comes from the action's key, so
 * calling again with the same key (a resume after a crash) finds the command instead of sending another. The
 * outcome is the command's end: `verified` with the agent's evidence, or `failed` with its reason.
 *
 * @example
 * const agent = createAgentConnector({ port: ctx.agents });
 * const [outcome] = await agent.executeMany([action], { now, signal, progress });
 */
import { COMMAND_ARGS, type CommandType } from '../../agent/protocol/command.js';
import type { ActionOutcome, Connector, ConnectorContext, ConnectorManifest, ExecutableAction } from '../../respond/types.js';
import type { AgentCommandRecord } from '../../store/agent-types.js';
import { commandIdFor } from './command-id.js';
import { failure, outcomeOf } from './command-outcome.js';
import type { CommandRequest } from './command-dispatcher.js';
import { requesterOf, runCommands, type AgentCommandPort } from './run-commands.js';

/** The manifest; `timeoutMs` covers the command's TTL and result grace, so an offline agent fails on its own timeout first. */
export const agentManifest = (timeoutMs?: number): ConnectorManifest => ({
  id: 'agent',
  ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  name: 'Firebreak agent',
  description: 'Signed commands to the Firebreak agent on a host (Ed25519, replay-guarded); evidence comes from the host itself.',
  operations: [
    { name: 'isolate', targetKinds: ['host'], reversal: 'release', proves: 'verified', description: 'nftables isolation: only the Firebreak server, the allow-list and loopback stay reachable; verified by probes from the host' },
    { name: 'release', targetKinds: ['host'], reversal: 'isolate', proves: 'verified', description: 'removes exactly the isolation table and checks it is gone' },
    { name: 'sweep', targetKinds: ['host'], reversal: null, proves: 'verified', description: 'looks for indicators (file hashes, process names, remote addresses); evidence says clean or lists findings' },
    { name: 'triage', targetKinds: ['host'], reversal: null, proves: 'verified', description: 'collects processes, connections, listening ports and recent files with hashes' },
    { name: 'shutdown', targetKinds: ['host'], reversal: null, proves: 'verified', description: 'shuts the host down; verified when its channel goes silent' },
    { name: 'ping', targetKinds: ['host'], reversal: null, proves: 'verified', description: 'proves the signed-command path end to end without touching the host' },
  ],
});

const OPERATIONS: Record<string, CommandType> = { isolate: 'isolate', release: 'release', sweep: 'sweep', triage: 'triage', shutdown: 'shutdown', ping: 'ping' };

export interface AgentConnectorOptions {
  port: AgentCommandPort;
  /** How long an offline agent's command waits before it fails (default: the service's). */
  ttlSeconds?: number | undefined;
  /** How long an attempt may take (the executor's timeout): the command's TTL plus its result grace, and a margin. */
  timeoutMs?: number | undefined;
}

type Prepared = { ok: true; type: CommandType; args: Record<string, unknown> } | { ok: false; outcome: ActionOutcome };

function prepare(action: ExecutableAction): Prepared {
  if (action.target.kind !== 'host') return { ok: false, outcome: failure('unsupported_target', `the agent connector acts on hosts, not a ${action.target.kind} (${action.target.ref})`, false) };
  const type = OPERATIONS[action.operation];
  if (!type) return { ok: false, outcome: failure('unsupported_operation', `the agent connector has no operation ${action.operation} (it has ${Object.keys(OPERATIONS).join(', ')})`, false) };
  const parsed = COMMAND_ARGS[type].safeParse(action.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, outcome: failure('invalid_args', `action ${action.actionId}: args.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, false) };
  }
  return { ok: true, type, args: parsed.data };
}

function noAgent(hostname: string): ActionOutcome {
  return failure('no_agent', `host ${hostname} has no enrolled Firebreak agent. HINT: enrol one with "firebreak agent token create --host ${hostname}" and "firebreak agent --enrol TOKEN" on the host`, false);
}

export function createAgentConnector(options: AgentConnectorOptions): Connector {
  const executeMany = async (actions: readonly ExecutableAction[], ctx: ConnectorContext): Promise<ActionOutcome[]> => {
    const outcomes: (ActionOutcome | undefined)[] = actions.map(() => undefined);
    const prepared = actions.map(prepare);
    const agents = await options.port.agentsForHosts(actions.filter((_, i) => prepared[i]?.ok).map((a) => a.target.ref));
    const requests: CommandRequest[] = [];
    const keyOf = new Map<string, string>();
    const ids = actions.map((action) => commandIdFor(action.key));
    actions.forEach((action, i) => {
      const p = prepared[i];
      const agent = agents.get(action.target.ref);
      if (!p?.ok) return (outcomes[i] = p?.outcome);
      if (!agent) return (outcomes[i] = noAgent(action.target.ref));
      const id = ids[i] ?? commandIdFor(action.key);
      keyOf.set(id, action.key);
      requests.push({ agent, id, type: p.type, args: p.args, by: requesterOf(action), ttlSeconds: options.ttlSeconds });
    });
    const finals = await run(options.port, requests, ctx, keyOf);
    const expected = new Map(requests.map((r) => [r.id ?? '', { agentId: r.agent.id, type: r.type }]));
    return actions.map((action, i) => outcomes[i] ?? finalOutcome(finals, ids[i] ?? commandIdFor(action.key), expected));
  };
  return {
    manifest: agentManifest(options.timeoutMs),
    executeMany,
    execute: async (action, ctx) => (await executeMany([action], ctx))[0] ?? failure('internal', 'no outcome', false),
  };
}

async function run(port: AgentCommandPort, requests: CommandRequest[], ctx: ConnectorContext, keyOf: Map<string, string>): Promise<Map<string, AgentCommandRecord> | Error> {
  if (requests.length === 0) return new Map();
  const reported = new Map<string, string>();
  const onChange = (record: AgentCommandRecord) => {
    const key = keyOf.get(record.id);
    const step = record.state === 'sent' || record.state === 'applied' ? record.state : undefined;
    if (!key || !step || reported.get(record.id) === step) return;
    reported.set(record.id, step);
    ctx.progress(step, step === 'applied' ? { ...(record.evidence ?? {}), command: { commandId: record.id, agentId: record.agentId, seq: record.seq } } : { command: { commandId: record.id, agentId: record.agentId } }, key);
  };
  try {
    return await runCommands(port, requests, { signal: ctx.signal, onChange });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function finalOutcome(finals: Map<string, AgentCommandRecord> | Error, id: string, expected: Map<string, { agentId: string; type: string }>): ActionOutcome {
  if (finals instanceof Error) return failure('dispatch_failed', `the command could not be recorded or sent: ${finals.message}`, true);
  const record = finals.get(id);
  const wanted = expected.get(id);
  if (record && wanted && (record.agentId !== wanted.agentId || record.type !== wanted.type)) {
    return failure('key_conflict', `the key of this action already names command ${id} (${record.type} to agent ${record.agentId}), not a ${wanted.type} to agent ${wanted.agentId}: the key was reused for another action, or the host has a new agent since`, true);
  }
  return record ? outcomeOf(record) : failure('aborted', `command ${id} was not seen before the wait ended; a call with the same key picks it up`, true);
}
