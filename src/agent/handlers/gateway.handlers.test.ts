/** segment_cut and segment_restore against an in-memory nft: evidence, refusals, coexisting cuts, restart. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CutStore } from '../gateway/cut-store.js';
import { Gateway } from '../gateway/gateway.js';
import { FakeGatewayNft } from '../gateway/gateway.testing.js';
import { restoreCuts } from '../gateway/restore-cuts.js';
import type { ProbeAttempt } from '../isolation/probe.js';
import { StateFile, StateHolder, type AgentState } from '../runtime/state-file.js';
import type { GatewayDeps } from './gateway.deps.js';
import type { CommandContext, HandlerOutcome } from './registry.js';
import { segmentCutHandler } from './segment-cut.handler.js';
import { segmentRestoreHandler } from './segment-restore.handler.js';

let dir: string;
let nft: FakeGatewayNft;
let applied: Record<string, unknown>[];
let reachable: boolean;

async function deps(): Promise<GatewayDeps> {
  const state: AgentState = {
    version: 1, agentId: 'agt-gw', credential: 'fba_x', hostname: 'gw', serverUrl: 'http://fb.example:7373', serverPublicKey: 'x', serverKeyFingerprint: 'x',
    enrolledAt: '', replay: { lastSeq: 0, seenIds: [] }, isolation: null,
  };
  const probe = (): Promise<ProbeAttempt> => Promise.resolve(reachable ? { outcome: 'connected', ms: 1 } : { outcome: 'timeout', ms: 2000 });
  return {
    gateway: new Gateway({ executor: nft, nft: ['ip', 'netns', 'exec', 'r', 'nft'], probe, now: () => new Date() }),
    cuts: await new CutStore(dir).load(),
    state: new StateHolder(state, new StateFile(dir)),
    resolve: (host) => Promise.resolve([host === 'fb.example' ? '10.8.0.3' : host]),
    forwarding: () => Promise.resolve({ ipv4: true, ipv6: false }),
    now: () => new Date('2026-03-01T12:00:00Z'),
  };
}

function ctx(): CommandContext {
  return {
    command: { v: 1, id: randomUUID(), agentId: 'agt-gw', type: 'segment_cut', args: {}, issuedAt: '', expiresAt: '', seq: 1, nonce: 'n' },
    applied: (evidence) => applied.push(evidence),
    log: () => undefined,
  };
}

async function cut(d: GatewayDeps, args: Record<string, unknown>): Promise<HandlerOutcome> {
  const handler = segmentCutHandler(d);
  return handler.run(handler.args.parse({ segment: 'jp-office', cidrs: ['10.1.0.0/24'], ...args }), ctx());
}

async function restore(d: GatewayDeps, cutId: string): Promise<HandlerOutcome> {
  const handler = segmentRestoreHandler(d);
  return handler.run(handler.args.parse({ cutId }), ctx());
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-gw-'));
  nft = new FakeGatewayNft();
  applied = [];
  reachable = true;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('segment_cut', () => {
  it('loads its own table, reports applied, and verifies: listing matches, the gateway still reaches the segment', async () => {
    const d = await deps();
    const outcome = await cut(d, { cutId: 'jp', peers: ['10.2.0.0/16'], probe: { host: '10.1.0.20', port: 22 } });
    expect(outcome.state, JSON.stringify(outcome)).toBe('verified');
    expect(nft.tables.get('firebreak_cut_jp')).toContain('ip saddr { 10.1.0.0/24 } ip daddr { 10.8.0.3 } tcp dport 7373 accept');
    expect(applied).toEqual([{ cutId: 'jp', ruleset: expect.objectContaining({ table: 'firebreak_cut_jp' }) }]);
    expect(outcome.evidence).toMatchObject({
      cutId: 'jp', table: 'firebreak_cut_jp', controlEndpoints: [{ address: '10.8.0.3', port: 7373 }],
      ruleset: { rulesetHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), check: { ok: true, problems: [] }, rules: 4 },
      forwarding: { ipv4: true }, otherCuts: [], warnings: [],
      intent: { segment: 'jp-office', cidrs: ['10.1.0.0/24'], external: false, peers: ['10.2.0.0/16'] },
    });
    const probes = outcome.evidence['probes'] as { purpose: string; expect: string; passed: boolean }[];
    expect(probes.map((p) => [p.purpose, p.expect, p.passed])).toEqual([['baseline-before-cut', 'any', true], ['gateway-access', 'reachable', true]]);
    expect(d.cuts.get('jp')).toMatchObject({ spec: { cutId: 'jp', peers: ['10.2.0.0/16'] }, probe: { address: '10.1.0.20', port: 22 } });
    expect((await new CutStore(dir).load()).get('jp')?.rulesetHash).toBe((outcome.evidence['ruleset'] as { rulesetHash: string }).rulesetHash);
  });

  it('refuses a probe target outside the segment and a cut that drops nothing, before changing anything', async () => {
    const d = await deps();
    expect(await cut(d, { cutId: 'a', peers: ['10.2.0.0/16'], probe: { host: '10.2.0.9', port: 22 } })).toMatchObject({ state: 'failed', reason: { code: 'probe_target_outside_segment' } });
    expect(await cut(d, { cutId: 'b', peers: ['10.0.0.0/8'] })).toMatchObject({ state: 'failed', reason: { code: 'invalid_cut' } });
    expect(nft.tables.size).toBe(0);
  });

  it('fails when the listing differs from the intent, and keeps the cut recorded to be put back', async () => {
    const d = await deps();
    nft.hideRule = 'fb-cut-peer-in-4';
    const outcome = await cut(d, { cutId: 'jp', peers: ['10.2.0.0/16'] });
    expect(outcome).toMatchObject({ state: 'failed', reason: { code: 'ruleset_mismatch', message: expect.stringContaining('fb-cut-peer-in-4 is missing') } });
    expect(d.cuts.get('jp')).toBeDefined();
  });

  it('fails loudly when the gateway loses its own access to the segment, and leaves the cut in place', async () => {
    const d = await deps();
    const handler = segmentCutHandler({ ...d, gateway: new Gateway({ executor: nft, nft: ['nft'], probe: () => Promise.resolve(nft.tables.size ? { outcome: 'timeout', ms: 2000 } : { outcome: 'connected', ms: 1 }), now: () => new Date() }) });
    const outcome = await handler.run(handler.args.parse({ cutId: 'jp', segment: 's', cidrs: ['10.1.0.0/24'], external: true, probe: { host: '10.1.0.20', port: 22 } }), ctx());
    expect(outcome).toMatchObject({ state: 'failed', reason: { code: 'gateway_access_lost' } });
    expect(nft.tables.has('firebreak_cut_jp')).toBe(true);
  });

  it('warns when the gateway does not forward at all', async () => {
    const d = { ...(await deps()), forwarding: () => Promise.resolve({ ipv4: false, ipv6: false }) };
    const outcome = await cut(d, { cutId: 'jp', external: true });
    expect(outcome.state).toBe('verified');
    expect((outcome.evidence['warnings'] as string[])[0]).toMatch(/IPv4 forwarding is off/);
  });
});

describe('segment_restore', () => {
  it('removes exactly one cut, reports what it dropped, and leaves the other cuts and tables alone', async () => {
    const d = await deps();
    await cut(d, { cutId: 'peer_cut', peers: ['10.2.0.0/16'], probe: { host: '10.1.0.20', port: 22 } });
    await cut(d, { cutId: 'ext_cut', external: true, internal: ['10.0.0.0/8'] });
    nft.tables.set('other_firewall', 'table inet other_firewall {\n}\n');
    nft.counters.set('firebreak_cut_peer_cut/fb-cut-peer-out-4', 7);
    const outcome = await restore(d, 'peer_cut');
    expect(outcome).toMatchObject({
      state: 'verified',
      evidence: {
        cutId: 'peer_cut', segment: 'jp-office', table: 'firebreak_cut_peer_cut', removed: true, tableAbsent: true,
        previousRulesetHash: expect.stringMatching(/^sha256:/), dropped: { packets: 7, bytes: 420 }, otherCuts: ['firebreak_cut_ext_cut'],
      },
    });
    expect((outcome.evidence['probes'] as { purpose: string }[]).map((p) => p.purpose)).toEqual(['after-restore']);
    expect([...nft.tables.keys()].sort()).toEqual(['firebreak_cut_ext_cut', 'other_firewall']);
    expect(d.cuts.list().map((c) => c.spec.cutId)).toEqual(['ext_cut']);
  });

  it('is idempotent: restoring a cut that is not there verifies', async () => {
    expect(await restore(await deps(), 'never_cut')).toMatchObject({ state: 'verified', evidence: { removed: false, tableAbsent: true, dropped: null, previousRulesetHash: null } });
  });
});

describe('restoreCuts (agent start)', () => {
  it('puts back a recorded cut whose table went missing, and leaves one in place alone', async () => {
    const d = await deps();
    await cut(d, { cutId: 'one', peers: ['10.2.0.0/16'] });
    await cut(d, { cutId: 'two', external: true });
    nft.tables.delete('firebreak_cut_one');
    const lines: string[] = [];
    await restoreCuts(await new CutStore(dir).load(), d.gateway, (l) => lines.push(l));
    expect(nft.tables.has('firebreak_cut_one')).toBe(true);
    expect(lines).toEqual([expect.stringMatching(/^cut one .* re-applying$/), expect.stringMatching(/^cut one .* re-applied/), expect.stringMatching(/^cut two .* in place/)]);
  });
});
