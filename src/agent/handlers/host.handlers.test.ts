/** sweep, triage and shutdown handlers with fake collectors and a fake executor; the handler set per role. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResultMessage } from '../protocol/messages.js';
import type { ExecResult, SystemExecutor } from '../runtime/executor.js';
import type { HostCollectors } from '../sweep/host.js';
import { buildRegistry, type RegistryDeps } from './build-registry.js';
import type { GatewayDeps } from './gateway.deps.js';
import { deadlineFor } from './host.deps.js';
import type { IsolationDeps } from './isolation.deps.js';
import type { CommandContext } from './registry.js';
import { shutdownHandler, type ShutdownDeps } from './shutdown.handler.js';
import { sweepHandler } from './sweep.handler.js';
import { triageHandler } from './triage.handler.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function ctx(expiresAt = '2026-03-01T12:05:00Z'): CommandContext & { appliedEvidence: Record<string, unknown>[] } {
  const appliedEvidence: Record<string, unknown>[] = [];
  return {
    command: { v: 1, id: randomUUID(), agentId: 'a', type: 'x', args: {}, issuedAt: '2026-03-01T12:00:00Z', expiresAt, seq: 1, nonce: 'n' },
    applied: (evidence) => appliedEvidence.push(evidence),
    log: () => undefined,
    appliedEvidence,
  };
}

const host = (roots: string[][] = []): HostCollectors => ({
  platform: 'linux',
  processes: () => Promise.resolve([{ pid: 66, name: 'xmrig', exe: '/dev/shm/xmrig' }]),
  sockets: () => Promise.resolve([]),
  // Records the roots walked; no file.
  walk: (r) => {
    roots.push([...r]);
    return (async function* () {})();
  },
  hashFile: () => Promise.resolve(undefined),
  hashExecutable: () => Promise.resolve(undefined),
  now: () => NOW,
});

describe('sweep and triage handlers', () => {
  it('sweep ends verified with findings, walking the default paths when none are given', async () => {
    const roots: string[][] = [];
    const handler = sweepHandler({ host: host(roots), defaultPaths: () => ['/tmp', '/home'] });
    const outcome = await handler.run(handler.args.parse({ processNames: ['XMRIG'], sha256: ['ab'.repeat(32)] }), ctx());
    expect(outcome).toMatchObject({ state: 'verified', evidence: { clean: false, complete: true, findings: [{ kind: 'process', indicator: 'xmrig' }], paths: ['/tmp', '/home'] } });
    expect(roots).toEqual([['/tmp', '/home']]);
  });

  it('triage ends verified with bounded lists and the paths it was given', async () => {
    const roots: string[][] = [];
    const handler = triageHandler({ host: host(roots), defaultPaths: () => ['/tmp'] });
    const outcome = await handler.run(handler.args.parse({ paths: ['/srv'], recentHours: 2 }), ctx());
    expect(outcome).toMatchObject({ state: 'verified', evidence: { processes: [{ pid: 66, name: 'xmrig' }], connections: [], listening: [], recentFiles: [], recentHours: 2, truncated: {} } });
    expect(roots).toEqual([['/srv']]);
  });

  it('stops walking at maxSeconds or the command expiry, whichever comes first (at least 5 s)', () => {
    const c = ctx('2026-03-01T12:01:00Z').command;
    expect(deadlineFor(c, 240, NOW)).toBe(NOW + 60_000);
    expect(deadlineFor(c, 30, NOW)).toBe(NOW + 30_000);
    expect(deadlineFor({ ...c, expiresAt: '2026-03-01T11:00:00Z' }, 30, NOW)).toBe(NOW + 5000);
  });
});

function shutdownDeps(codes: number[]): ShutdownDeps & { ran: string[]; reports: ResultMessage[]; tasks: { task: () => void; ms: number }[] } {
  const ran: string[] = [];
  const reports: ResultMessage[] = [];
  const tasks: { task: () => void; ms: number }[] = [];
  const executor: SystemExecutor = {
    run: (argv): Promise<ExecResult> => {
      ran.push(argv.join(' '));
      const code = codes.shift() ?? 0;
      return Promise.resolve({ code, stdout: '', stderr: code ? `${argv[0]}: not available` : '' });
    },
  };
  return {
    executor, commands: [['systemctl', 'poweroff'], ['shutdown', '-h', 'now']], report: (r) => reports.push(r),
    schedule: (task, ms) => tasks.push({ task, ms }), now: () => new Date(NOW), log: () => undefined, ran, reports, tasks,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shutdown handler', () => {
  it('ends applied at once with the plan, and powers off only after the delay', async () => {
    const d = shutdownDeps([0]);
    const handler = shutdownHandler(d);
    const outcome = await handler.run(handler.args.parse({ delaySeconds: 30 }), ctx());
    expect(outcome).toEqual({
      state: 'applied',
      evidence: { scheduledAt: '2026-03-01T12:00:00.000Z', runAt: '2026-03-01T12:00:30.000Z', delaySeconds: 30, command: 'systemctl poweroff', fallbacks: ['shutdown -h now'], confirmedBy: 'the server, when the agent goes silent' },
    });
    expect(d.ran).toEqual([]);
    expect(d.tasks.map((t) => t.ms)).toEqual([30_000]);
    d.tasks[0]?.task();
    await settle();
    expect(d.ran).toEqual(['systemctl poweroff']);
    expect(d.reports).toEqual([]);
  });

  it('falls back to the next command, and reports failed late when none works', async () => {
    const d = shutdownDeps([1, 127]);
    const handler = shutdownHandler(d);
    const c = ctx();
    await handler.run(handler.args.parse({}), c);
    d.tasks[0]?.task();
    await settle();
    expect(d.ran).toEqual(['systemctl poweroff', 'shutdown -h now']);
    expect(d.reports).toEqual([
      expect.objectContaining({ kind: 'result', commandId: c.command.id, state: 'failed', reason: expect.objectContaining({ code: 'shutdown_failed' }), evidence: { attempts: [{ command: 'systemctl poweroff', code: 1, stderr: 'systemctl: not available' }, { command: 'shutdown -h now', code: 127, stderr: 'shutdown: not available' }] } }),
    ]);
  });

  it('does not schedule a second shutdown while one is pending', async () => {
    const d = shutdownDeps([0]);
    const handler = shutdownHandler(d);
    const first = ctx();
    await handler.run(handler.args.parse({ delaySeconds: 60 }), first);
    const again = await handler.run(handler.args.parse({ delaySeconds: 0 }), ctx());
    expect(again).toMatchObject({ state: 'applied', evidence: { alreadyScheduled: true, scheduledBy: first.command.id, runAt: '2026-03-01T12:01:00.000Z' } });
    expect(d.tasks).toHaveLength(1);
  });
});

describe('buildRegistry', () => {
  const base = { now: () => new Date(NOW), isolation: {} as IsolationDeps, host: { host: host(), defaultPaths: () => [] }, shutdown: shutdownDeps([]) } satisfies RegistryDeps;

  it('gives every agent the endpoint commands, and a gateway the segment cuts too', () => {
    expect(buildRegistry(base).types()).toEqual(['isolate', 'ping', 'release', 'shutdown', 'sweep', 'triage']);
    expect(buildRegistry({ ...base, gateway: {} as GatewayDeps }).types()).toEqual(['isolate', 'ping', 'release', 'segment_cut', 'segment_restore', 'shutdown', 'sweep', 'triage']);
  });
});
