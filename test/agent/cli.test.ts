/** `firebreak agent ...` against a live in-process server: tokens, the agent list, and commands with --wait. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNft, fakeProber } from '../../src/agent/agent.testing.js';
import { enrol } from '../../src/agent/runtime/enrol.js';
import { AgentRunner, DEFAULT_AGENT_CONFIG } from '../../src/agent/runtime/runner.js';
import { StateFile } from '../../src/agent/runtime/state-file.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { startHarness, type Harness } from '../server/harness.js';
import { waitFor } from './support/wait.js';

let h: Harness;
let url: string;
let dir: string;
let runner: AgentRunner | undefined;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const output: Output = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await main(['node', 'firebreak', ...args], output, { FIREBREAK_URL: url, FIREBREAK_TOKEN: h.tokens.admin, FIREBREAK_AGENT_STATE: path.join(dir, 'none') });
  return { code, out, err };
}

beforeAll(async () => {
  h = await startHarness();
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const address = h.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-agent-cli-'));
});
afterAll(async () => {
  await runner?.stop();
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('firebreak agent (CLI)', () => {
  it('says how to enrol when the agent has no identity', async () => {
    const result = await run('agent');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not enrolled[\s\S]*--enrol TOKEN/);
  });

  it('creates a one-time token, lists it without its secret, and an agent enrolled with it runs commands', async () => {
    const created = await run('agent', 'token', 'create', '--host', 'uk-ws01', '--expires', '2h');
    expect(created.code, created.err).toBe(0);
    const token = /token \(shown once\): (fbe_\S+)/.exec(created.out)?.[1] ?? '';
    expect(created.out).toContain(`firebreak agent --server ${url} --enrol ${token}`);
    const listed = await run('--json', 'agent', 'token', 'list');
    expect(listed.out).toContain('uk-ws01');
    expect(listed.out).not.toContain(token);

    const nft = new FakeNft();
    const state = await enrol(new StateFile(dir), { serverUrl: url, token });
    runner = await AgentRunner.start(
      { ...DEFAULT_AGENT_CONFIG, stateDir: dir, heartbeatMs: 200, probe: { host: '192.0.2.7', port: 443 } },
      { executor: nft, probe: fakeProber(nft, 'firebreak_isolation', () => ['127.0.0.1']), resolve: (x) => Promise.resolve([x]), now: () => new Date(), log: () => undefined },
    );
    await waitFor('the agent to connect', () => h.ctx.agents.hub.has(state.agentId));
    expect((await run('agent', 'list')).out).toMatch(new RegExp(`${state.agentId}\\s+uk-ws01\\s+uk-ltd\\s+true`));

    const ping = await run('agent', 'ping', state.agentId, '--wait');
    expect(ping.code, ping.err).toBe(0);
    expect(ping.out).toMatch(/state:\s+verified/);
    const isolate = await run('--json', 'agent', 'isolate', state.agentId, '--allow', '10.50.0.0/16:443,8443', '--wait');
    expect(isolate.code, isolate.err).toBe(0);
    expect(JSON.parse(isolate.out)).toMatchObject({ state: 'verified', args: { allow: [{ cidr: '10.50.0.0/16', ports: [443, 8443] }] } });
    expect((await run('agent', 'release', state.agentId, '--wait')).code).toBe(0);
    expect((await run('agent', 'commands', state.agentId)).out.match(/verified/g)).toHaveLength(3);
  });
});
