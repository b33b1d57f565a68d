/** isolate and release against an in-memory nft: evidence, rollback when the control channel is lost, state. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeNft, fakeProber } from '../agent.testing.js';
import { Isolator } from '../isolation/isolator.js';
import { NftClient } from '../isolation/nft-client.js';
import type { Prober } from '../isolation/probe.js';
import { StateFile, StateHolder, type AgentState } from '../runtime/state-file.js';
import { isolateHandler } from './isolate.handler.js';
import type { IsolationDeps } from './isolation.deps.js';
import type { CommandContext, HandlerOutcome } from './registry.js';
import { releaseHandler } from './release.handler.js';

const TABLE = 'firebreak_isolation';
let dir: string;
let nft: FakeNft;
let holder: StateHolder;
let applied: Record<string, unknown>[];

function deps(probe: Prober): IsolationDeps {
  return {
    isolator: new Isolator({ nft: new NftClient(nft, ['ip', 'netns', 'exec', 'x', 'nft']), probe, now: () => new Date() }),
    state: holder,
    table: TABLE,
    resolve: (host) => Promise.resolve([host === 'fb.example' ? '10.213.0.3' : host]),
    defaultProbe: () => Promise.resolve({ host: '10.213.0.2', port: 8080 }),
    now: () => new Date(),
  };
}

function ctx(): CommandContext {
  return {
    command: { v: 1, id: randomUUID(), agentId: 'agt-a', type: 'isolate', args: {}, issuedAt: '', expiresAt: '', seq: 1, nonce: 'n' },
    applied: (evidence) => applied.push(evidence),
    log: () => undefined,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-iso-'));
  nft = new FakeNft();
  applied = [];
  const state: AgentState = {
    version: 1, agentId: 'agt-a', credential: 'fba_x', hostname: 'a', serverUrl: 'http://fb.example:7373', serverPublicKey: 'x', serverKeyFingerprint: 'x',
    enrolledAt: '', replay: { lastSeq: 0, seenIds: [] }, isolation: null,
  };
  holder = new StateHolder(state, new StateFile(dir));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const isolate = (d: IsolationDeps, args: unknown = { allow: [{ cidr: '10.50.0.0/16', ports: [443] }] }): Promise<HandlerOutcome> => {
  const handler = isolateHandler(d);
  return handler.run(handler.args.parse(args), ctx());
};

describe('isolate', () => {
  it('loads the table, reports applied, and verifies: target blocked, control channel reachable', async () => {
    const outcome = await isolate(deps(fakeProber(nft, TABLE, () => ['10.213.0.3', '10.50.0.0/16'])));
    expect(outcome.state).toBe('verified');
    expect(nft.tables.has(TABLE)).toBe(true);
    expect(nft.tables.get(TABLE)).toContain('ip daddr 10.213.0.3 tcp dport 7373 accept');
    expect(applied).toHaveLength(1);
    const probes = outcome.evidence['probes'] as { purpose: string; outcome: string; passed: boolean }[];
    expect(probes.map((p) => [p.purpose, p.outcome, p.passed])).toEqual([
      ['baseline-before-isolation', 'connected', true],
      ['blocked-target', 'blocked', true],
      ['control-channel', 'connected', true],
    ]);
    expect(outcome.evidence['ruleset']).toMatchObject({ table: TABLE, rulesetHash: expect.stringMatching(/^sha256:/), check: { ok: true } });
    expect(holder.current.isolation).toMatchObject({ spec: { control: [{ address: '10.213.0.3', port: 7373 }] }, probe: { address: '10.213.0.2', port: 8080 } });
    expect(nft.calls[0]).toEqual(['-f', '-']);
  });

  it('rolls the isolation back and fails loudly when the control channel does not answer', async () => {
    const outcome = await isolate(deps(fakeProber(nft, TABLE, () => [])));
    expect(outcome).toMatchObject({ state: 'failed', reason: { code: 'control_channel_lost' }, evidence: { rolledBack: true } });
    expect(nft.tables.has(TABLE)).toBe(false);
    expect(holder.current.isolation).toBeNull();
  });

  it('fails when the blocked target still answers, and keeps the rules in place', async () => {
    const outcome = await isolate(deps(fakeProber(nft, TABLE, () => ['10.213.0.0/24'])));
    expect(outcome).toMatchObject({ state: 'failed', reason: { code: 'isolation_not_effective' } });
    expect(nft.tables.has(TABLE)).toBe(true);
  });

  it('refuses a probe target that the allow-list keeps reachable, before changing anything', async () => {
    const outcome = await isolate(deps(fakeProber(nft, TABLE, () => [])), { allow: [{ cidr: '10.213.0.0/24' }] });
    expect(outcome).toMatchObject({ state: 'failed', reason: { code: 'probe_target_allowed' } });
    expect(nft.tables.size).toBe(0);
  });

  it('says how to configure a probe target when there is none', async () => {
    const d = { ...deps(fakeProber(nft, TABLE, () => [])), defaultProbe: () => Promise.resolve(undefined) };
    expect(await isolate(d)).toMatchObject({ state: 'failed', reason: { code: 'no_probe_target', message: expect.stringContaining('--probe') } });
  });
});

describe('release', () => {
  it('deletes exactly its own table, leaves other tables alone, and forgets the isolation', async () => {
    const d = deps(fakeProber(nft, TABLE, () => ['10.213.0.3']));
    await isolate(d);
    nft.tables.set('other_firewall', 'table inet other_firewall {\n}\n');
    const handler = releaseHandler(d);
    const outcome = await handler.run({}, ctx());
    expect(outcome).toMatchObject({ state: 'verified', evidence: { removed: true, tableAbsent: true, previousRulesetHash: expect.stringMatching(/^sha256:/) } });
    expect([...nft.tables.keys()]).toEqual(['other_firewall']);
    expect(holder.current.isolation).toBeNull();
    expect((outcome.evidence['probes'] as { outcome: string }[])[0]?.outcome).toBe('connected');
  });

  it('is idempotent: releasing a host that is not isolated verifies', async () => {
    const outcome = await releaseHandler(deps(fakeProber(nft, TABLE, () => []))).run({}, ctx());
    expect(outcome).toMatchObject({ state: 'verified', evidence: { removed: false, tableAbsent: true } });
  });
});
