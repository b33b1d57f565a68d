/**
 * The agent and gateway connectors against a real server and a small simulated fleet: one command per key
 * (called twice, or again after the command ended, as a resumed executor does), an offline agent's command
 * waiting with its reason and failing on its timeout, and what each connector refuses with a clear error.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedFleet, type SimulatedFleet } from '../../src/agent/simulate/index.js';
import { createAgentConnector } from '../../src/connectors/agent/index.js';
import type { AgentCommandView } from '../../src/contracts/agents.js';
import type { ActionOutcome, Connector, ConnectorContext, ExecutableAction } from '../../src/respond/types.js';
import { startHarness, type Harness } from '../server/harness.js';
import { waitFor } from '../agent/support/wait.js';

const GATEWAYS = `
hosts:
  - { hostname: jp-gw01, ips: [10.2.0.1], os: debian-12, role: router, entity: jp-hq, segment: jp-dc, tags: [gateway-for:jp-office] }
  - { hostname: uk-gw01, ips: [10.40.0.1], os: debian-12, role: router, entity: uk-ltd, segment: uk-office, tags: [gateway] }
`;

let h: Harness;
let fleet: SimulatedFleet;
let offsetMs = 0;

function action(connector: string, ref: string, operation: string, args: Record<string, unknown> = {}, key = randomUUID()): ExecutableAction {
  const kind = connector === 'gateway' ? 'segment' : 'host';
  return { incidentId: 'INC-0001', planId: 'p-conn', direction: 'forward', operation, args, connector, target: { kind, ref, entity: 'jp-hq' }, actionId: `a-${ref}-${operation}`, key, attempt: 1 };
}

const ctx = (): ConnectorContext => ({ now: () => new Date(), signal: new AbortController().signal, progress: () => undefined });

function connector(id: string): Connector {
  const found = h.ctx.connectors.get(id);
  if (!found) throw new Error(`connector ${id} is not registered`);
  return found;
}

async function one(id: string, a: ExecutableAction): Promise<ActionOutcome> {
  return connector(id).execute(a, ctx());
}

async function commandsOf(hostname: string): Promise<AgentCommandView[]> {
  const agentId = fleet.agent(hostname)?.agentId ?? '';
  const res = await h.as('admin', 'GET', `/api/agents/${agentId}/commands?limit=100`);
  return res.json<{ items: AgentCommandView[] }>().items;
}

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(Date.now() + offsetMs) });
  await h.ctx.estate.importText(GATEWAYS, 'gateways.yaml', 'yaml', false);
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  fleet = await startSimulatedFleet({
    server: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    adminToken: h.tokens.admin,
    hosts: ['jp-ws01', 'jp-fs01', 'uk-ws01', { hostname: 'jp-gw01', role: 'gateway' }],
    behaviour: { heartbeatMs: 200, reconnect: { baseMs: 50, capMs: 200 } },
  });
}, 60_000);
afterAll(async () => {
  await fleet?.close();
  await h?.close();
});

describe('agent connector', () => {
  it('sends one command per key, however often and however concurrently it is called', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([one('agent', action('agent', 'jp-ws01', 'ping', {}, key)), one('agent', action('agent', 'jp-ws01', 'ping', {}, key))]);
    const again = await one('agent', action('agent', 'jp-ws01', 'ping', {}, key));
    expect(a).toMatchObject({ state: 'verified' });
    expect(b?.evidence?.['command']).toEqual(a?.evidence?.['command']);
    expect(again.evidence?.['command']).toEqual(a?.evidence?.['command']);
    expect(fleet.agent('jp-ws01')?.host.received['ping']).toBe(1);
    expect((await commandsOf('jp-ws01')).filter((c) => c.type === 'ping')).toHaveLength(1);
  });

  it('picks up a command that ended before it was called again (a resume after a crash)', async () => {
    const key = randomUUID();
    const first = await one('agent', action('agent', 'jp-fs01', 'isolate', { allow: [] }, key));
    expect(first).toMatchObject({ state: 'verified', evidence: { ruleset: { rulesetHash: expect.any(String) } } });
    const resumed = createAgentConnector({ port: h.ctx.agents });
    const outcome = await resumed.execute(action('agent', 'jp-fs01', 'isolate', { allow: [] }, key), ctx());
    expect(outcome).toEqual(first);
    expect(fleet.agent('jp-fs01')?.host.received['isolate']).toBe(1);
  });

  it('keeps an offline agent\'s command waiting with its reason, then fails it on its timeout (retryable)', async () => {
    fleet.setOffline(['uk-ws01']);
    const agentId = fleet.agent('uk-ws01')?.agentId ?? '';
    await waitFor('the server to see uk-ws01 leave', () => !h.ctx.agents.hub.has(agentId));
    const pending = one('agent', action('agent', 'uk-ws01', 'ping'));
    const waiting = await waitFor('the command waiting', async () => (await commandsOf('uk-ws01')).find((c) => c.state === 'requested'));
    expect(waiting.reason).toMatchObject({ code: 'agent_offline', message: expect.stringContaining('uk-ws01') });
    offsetMs = 10 * 60_000;
    try {
      await h.ctx.agents.dispatcher.sweep();
      expect(await pending).toMatchObject({ state: 'failed', retryable: true, error: { code: 'timeout', message: expect.stringContaining('never delivered') } });
    } finally {
      offsetMs = 0;
      fleet.setOnline(['uk-ws01']);
    }
  });

  it('says so when a key already names another host\'s command', async () => {
    const key = randomUUID();
    expect(await one('agent', action('agent', 'jp-ws01', 'ping', {}, key))).toMatchObject({ state: 'verified' });
    expect(await one('agent', action('agent', 'jp-fs01', 'ping', {}, key))).toMatchObject({ state: 'failed', retryable: true, error: { code: 'key_conflict' } });
  });

  it('refuses what it cannot do, with a clear error that is not retried', async () => {
    const outcomes = await connector('agent').executeMany?.(
      [action('agent', 'uk-app01', 'ping'), action('agent', 'jp-ws01', 'wipe'), action('agent', 'jp-ws01', 'isolate', { allow: [{ cidr: '10.0.0/8' }] })],
      ctx(),
    );
    expect(outcomes?.map((o) => [o.state, o.error?.code, o.retryable])).toEqual([
      ['failed', 'no_agent', false],
      ['failed', 'unsupported_operation', false],
      ['failed', 'invalid_args', false],
    ]);
    expect(outcomes?.[0]?.error?.message).toMatch(/uk-app01 has no enrolled Firebreak agent. HINT: /);
    expect(outcomes?.[2]?.error?.message).toContain('args.allow.0.cidr');
  });
});

describe('gateway connector', () => {
  it('cuts a segment on its gateway with the estate\'s networks, and the restore removes exactly that cut', async () => {
    const cut = await one('gateway', action('gateway', 'jp-office', 'cut', { segment: 'jp-office', external: true, peers: ['jp-dc'] }));
    expect(cut).toMatchObject({ state: 'verified', evidence: { segment: 'jp-office', gateways: [{ hostname: 'jp-gw01', state: 'verified' }] } });
    const cutId = String(cut.evidence?.['cutId']);
    const [sent] = (await commandsOf('jp-gw01')).filter((c) => c.type === 'segment_cut');
    expect(sent?.args).toMatchObject({ cutId, segment: 'jp-office', cidrs: ['10.1.0.0/16'], external: true, peers: ['10.2.0.0/16'], internal: ['10.1.0.0/16', '10.2.0.0/16', '10.40.0.0/16'] });
    expect([...(fleet.agent('jp-gw01')?.host.cuts.keys() ?? [])]).toEqual([cutId]);
    const reversal = { ...action('gateway', 'jp-office', 'restore', { segment: 'jp-office', external: true, peers: ['jp-dc'] }), actionId: 'a-jp-office-cut', direction: 'reverse' as const };
    const restore = await one('gateway', reversal);
    expect(restore).toMatchObject({ state: 'verified', evidence: { cutId } });
    expect(fleet.agent('jp-gw01')?.host.cuts.size).toBe(0);
  });

  it('says why a segment cannot be cut: no gateway, no agent on it, unknown segments', async () => {
    const outcomes = await connector('gateway').executeMany?.(
      [
        action('gateway', 'jp-dc', 'cut', { external: true }),
        action('gateway', 'uk-office', 'cut', { external: true }),
        action('gateway', 'nowhere', 'cut', { external: true }),
        action('gateway', 'jp-office', 'cut', { peers: ['atlantis'] }),
        action('gateway', 'jp-office', 'cut', {}),
      ],
      ctx(),
    );
    expect(outcomes?.map((o) => [o.error?.code, o.retryable])).toEqual([
      ['no_gateway', false],
      ['no_agent', false],
      ['unknown_segment', false],
      ['unknown_segment', false],
      ['invalid_args', false],
    ]);
    expect(outcomes?.[0]?.error?.message).toMatch(/no estate host is tagged "gateway-for:jp-dc".*HINT: /);
    expect(outcomes?.[1]?.error?.message).toContain('uk-gw01');
  });
});
