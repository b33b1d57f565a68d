/**
 * `firebreak agent`: run the endpoint agent (see agent-run.ts), and manage agents through the API: enrolment
 * tokens, the agent list, and commands (isolate, release, ping) with their states and evidence.
 */
import type { Command } from 'commander';
import { agentCommandPageSchema, agentCommandSchema, agentListSchema, agentSchema, createdEnrolmentTokenSchema, tokenListSchema, type AgentCommandView } from '../../contracts/agents.js';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { ExitCode, EXIT } from '../exit.js';
import { fields, json, table } from '../output.js';
import { runAgent, type AgentRunOptions } from './agent-run.js';

/** `10.0.0.0/8`, `10.0.0.5:443`, `10.9.0.0/16:443,8443` to an allow-list entry. */
export function parseAllow(value: string, previous: { cidr: string; ports?: number[] }[] = []): { cidr: string; ports?: number[] }[] {
  const match = /^([^:]+(?:\/\d+)?)(?::([\d,]+))?$/.exec(value.trim());
  if (!match?.[1]) throw new UserError('invalid_input', `--allow must be CIDR[:PORT,PORT], not "${value}"`);
  const ports = match[2]?.split(',').map(Number);
  return [...previous, { cidr: match[1], ...(ports ? { ports } : {}) }];
}

function parseProbeTarget(value: string): { host: string; port: number } {
  const at = value.lastIndexOf(':');
  const port = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) throw new UserError('invalid_input', `--probe-target must be HOST:PORT, not "${value}"`);
  return { host: value.slice(0, at).replace(/^\[|\]$/g, ''), port };
}

function printCommand(ctx: CliContext, c: AgentCommandView): void {
  if (ctx.json()) return ctx.out.out(json(c));
  ctx.out.out(fields({ id: c.id, agent: c.agentId, type: c.type, state: c.state, reason: c.reason ? `${c.reason.code}: ${c.reason.message}` : null, requested: `${c.requestedAt} by ${c.requestedBy}`, expires: c.expiresAt }));
  if (c.evidence) ctx.out.out(`evidence:\n${json(c.evidence)}`);
}

async function waitForEnd(ctx: CliContext, agentId: string, id: string): Promise<AgentCommandView> {
  const client = await ctx.client();
  let last = '';
  for (;;) {
    const page = await client.get(`/api/agents/${encodeURIComponent(agentId)}/commands?limit=200`, agentCommandPageSchema);
    const c = page.items.find((x) => x.id === id);
    if (!c) throw new UserError('not_found', `command ${id} is no longer listed`);
    if (c.state !== last && !ctx.json()) ctx.out.err(`${new Date().toISOString()} ${c.state}${c.reason ? ` (${c.reason.code}: ${c.reason.message})` : ''}`);
    last = c.state;
    if (c.state === 'verified' || c.state === 'failed') return c;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function registerSend(agent: Command, ctx: CliContext, type: 'isolate' | 'release' | 'ping', description: string): Command {
  return agent
    .command(`${type} <agentId>`)
    .description(description)
    .option('--wait', 'wait until the command is verified or failed (exit 1 if it failed)')
    .option('--ttl <seconds>', 'how long the agent may still accept it (default 300)')
    .action(async (agentId: string, opts: { wait?: boolean; ttl?: string; allow?: { cidr: string; ports?: number[] }[]; probeTarget?: string }) => {
      const args: Record<string, unknown> = {};
      if (type === 'isolate') args['allow'] = opts.allow ?? [];
      if (opts.probeTarget) args['probe'] = parseProbeTarget(opts.probeTarget);
      const body = { type, args, ...(opts.ttl ? { ttlSeconds: Number(opts.ttl) } : {}) };
      const created = await (await ctx.client()).post(`/api/agents/${encodeURIComponent(agentId)}/commands`, body, agentCommandSchema);
      const shown = opts.wait ? await waitForEnd(ctx, agentId, created.id) : created;
      printCommand(ctx, shown);
      if (shown.state === 'failed') throw new ExitCode(EXIT.refused);
    });
}

function registerTokens(agent: Command, ctx: CliContext): void {
  const tokens = agent.command('token').description('one-time enrolment tokens (admin)');
  tokens
    .command('create')
    .description('create a one-time enrolment token (shown once)')
    .option('--host <hostname>', 'bind the agent to this estate hostname')
    .option('--expires <duration>', 'lifetime such as 30m, 24h or 7d', '24h')
    .action(async (opts: { host?: string; expires: string }) => {
      const created = await (await ctx.client()).post('/api/agents/enrolment-tokens', { expires: opts.expires, ...(opts.host ? { host: opts.host } : {}) }, createdEnrolmentTokenSchema);
      if (ctx.json()) return ctx.out.out(json(created));
      ctx.out.out([`token (shown once): ${created.token}`, `expires: ${created.expiresAt}${created.host ? `\nhost:    ${created.host}` : ''}`, '', `on the host: firebreak agent --server ${ctx.server()} --enrol ${created.token}`].join('\n'));
    });
  tokens.command('list').description('list enrolment tokens (never their secrets)').action(async () => {
    const result = await (await ctx.client()).get('/api/agents/enrolment-tokens', tokenListSchema);
    ctx.out.out(ctx.json() ? json(result.items) : table(result.items, ['id', 'host', 'createdBy', 'expiresAt', 'usedAt', 'agentId']));
  });
}

function registerViews(agent: Command, ctx: CliContext): void {
  agent.command('list').description('list agents').action(async () => {
    const result = await (await ctx.client()).get('/api/agents', agentListSchema);
    const rows = result.items.map((a) => ({ ...a, isolation: a.isolation?.['state'] ?? null }));
    ctx.out.out(ctx.json() ? json(result.items) : table(rows, ['id', 'hostname', 'entity', 'online', 'version', 'isolation', 'lastSeenAt']));
  });
  agent.command('show <agentId>').description('one agent').action(async (agentId: string) => {
    const a = await (await ctx.client()).get(`/api/agents/${encodeURIComponent(agentId)}`, agentSchema);
    ctx.out.out(ctx.json() ? json(a) : fields({ ...a, isolation: a.isolation ? JSON.stringify(a.isolation) : null, lastRejection: a.lastRejection ? JSON.stringify(a.lastRejection) : null }));
  });
  agent.command('commands <agentId>').description("an agent's commands, newest first").option('--limit <n>', 'how many', '20').action(async (agentId: string, opts: { limit: string }) => {
    const page = await (await ctx.client()).get(`/api/agents/${encodeURIComponent(agentId)}/commands?limit=${Number(opts.limit) || 20}`, agentCommandPageSchema);
    const rows = page.items.map((c) => ({ ...c, reason: c.reason?.code ?? null }));
    ctx.out.out(ctx.json() ? json(page) : table(rows, ['id', 'type', 'state', 'reason', 'seq', 'requestedBy', 'requestedAt']));
  });
}

export function registerAgent(program: Command, ctx: CliContext): void {
  const agent = program
    .command('agent')
    .description('run the endpoint agent (with --enrol TOKEN the first time), or manage agents (token, list, show, commands, isolate, release, ping)')
    .option('--enrol <token>', 'enrol with this one-time token first (uses --server)')
    .option('--state-dir <dir>', 'identity, pinned key and isolation state (env FIREBREAK_AGENT_STATE; default /var/lib/firebreak/agent as root)')
    .option('--hostname <name>', 'hostname to report (default: the system hostname; a token made with --host decides)')
    .option('--nft <command>', 'how to run nft, e.g. "ip netns exec ns1 nft"', 'nft')
    .option('--ip <command>', 'how to run ip (for the default gateway)', 'ip')
    .option('--table <name>', 'nftables table for isolation', 'firebreak_isolation')
    .option('--probe <host:port>', 'a target that must be blocked once isolated (default: the default gateway)')
    .option('--probe-port <port>', 'port probed on the default gateway', '443')
    .option('--heartbeat <seconds>', 'heartbeat interval', '15')
    .option('--role <role>', 'endpoint, or gateway on a Linux router (adds segment cuts with nftables)', 'endpoint')
    .option('--shutdown-command <command>', 'how the shutdown command powers the host off (default: systemctl poweroff, else shutdown -h now)')
    .action((opts: AgentRunOptions) => runAgent(opts, ctx));
  registerTokens(agent, ctx);
  registerViews(agent, ctx);
  registerSend(agent, ctx, 'isolate', 'isolate a host: only the Firebreak server, the allow-list and loopback stay reachable')
    .option('--allow <cidr[:ports]>', 'keep reachable (repeatable), e.g. 10.9.0.0/16:443,8443', parseAllow)
    // Not --probe: that is the agent runner's option, which commander would take for the parent command.
    .option('--probe-target <host:port>', 'a target that must be blocked once isolated (default: the agent’s)');
  registerSend(agent, ctx, 'release', 'remove the isolation (exactly the agent’s own nftables table)');
  registerSend(agent, ctx, 'ping', 'check the signed command path end to end');
}
