/** The durable executor on PGlite with fake connectors that count effects (no timing assertions). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DurableExecutor } from '../../src/executor/index.js';
import type { IncidentEvent } from '../../src/incident/index.js';
import type { ActionRecord } from '../../src/respond/types.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { FakeConnector, FakeManyConnector, fakeManifest, isolate, until, world, type World } from './support.js';

let store: Store;
let w: World;
const running: DurableExecutor[] = [];
const fake = new FakeConnector();
const many = new FakeManyConnector();

beforeAll(async () => {
  store = await openStore({});
  w = world(store);
  w.connectors.register(fake).register(many);
});
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});
afterAll(() => store.close());

function started(options?: Parameters<World['executor']>[0]): DurableExecutor {
  const e = w.executor(options);
  running.push(e);
  e.start();
  return e;
}

const done = (actions: ActionRecord[]) => actions.length > 0 && actions.every((a) => a.nextAttemptAt === null);
const finished = (e: DurableExecutor, planId: string) => async () => done(await e.list(planId));
const eventsOf = async (incidentId: string, type: string): Promise<IncidentEvent[]> => (await store.incidents.events(incidentId)).filter((ev) => ev.type === type);
const logged = (incidentId: string, type: string, planId: string) => async () => (await eventsOf(incidentId, type)).some((ev) => (ev.payload as { planId?: string }).planId === planId);

describe('running a plan', () => {
  it('runs every action once, records the outcome, the transitions and the end in the incident log', async () => {
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-basic', actions: isolate(5, 'fake', 1), actor: 'user:cora' });
    expect((await e.list('P-basic')).map((a) => a.state)).toHaveLength(5);
    await until('the plan finished', logged(incidentId, 'plan.finished', 'P-basic'));
    const actions = await e.list('P-basic');
    expect(actions.map((a) => a.state)).toEqual(Array(5).fill('verified'));
    expect(actions[0]).toMatchObject({ key: 'P-basic/a00001/forward/1', attempts: 1, evidence: { ok: true } });
    expect(actions[0]?.history.map((h) => h.state)).toEqual(['requested', 'sent', 'verified']);
    expect(fake.calls.filter((c) => c.planId === 'P-basic')).toHaveLength(5);
    const transitions = (await eventsOf(incidentId, 'actions.progressed')).flatMap((ev) => (ev.payload as { transitions: { state: string }[] }).transitions);
    expect(transitions.filter((t) => t.state === 'verified')).toHaveLength(5);
    expect((await eventsOf(incidentId, 'plan.finished'))[0]?.payload).toMatchObject({ planId: 'P-basic', direction: 'forward', counts: { verified: 5 }, total: 5 });
  });

  it('takes the same plan twice as once', async () => {
    const e = started();
    const incidentId = await w.newIncident();
    const submission = { incidentId, planId: 'P-twice', actions: isolate(3, 'fake', 100), actor: 'user:cora' };
    await Promise.all([e.submit(submission), e.submit(submission)]);
    await until('the plan finished', logged(incidentId, 'plan.finished', 'P-twice'));
    await e.submit(submission);
    expect(await e.list('P-twice')).toHaveLength(3);
    expect(fake.calls.filter((c) => c.planId === 'P-twice')).toHaveLength(3);
    expect(await eventsOf(incidentId, 'plan.finished')).toHaveLength(1);
  });

  it('refuses a plan with duplicate action ids, naming the field', async () => {
    const e = started();
    const actions = [...isolate(2, 'fake', 1), ...isolate(1, 'fake', 1)];
    await expect(e.submit({ incidentId: 'INC-x', planId: 'P-dup', actions, actor: 'user:cora' })).rejects.toMatchObject({ code: 'validation_failed', issues: [{ field: 'actions[2].id' }] });
  });

  it('batches large plans through executeMany', async () => {
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-many', actions: isolate(2500, 'many', 1), actor: 'user:cora' });
    await until('the plan finished', logged(incidentId, 'plan.finished', 'P-many'), 60_000);
    const actions = await e.list('P-many');
    expect(actions.every((a) => a.state === 'verified')).toBe(true);
    expect(many.batches).toBeGreaterThanOrEqual(3);
    expect(new Set(many.calls.map((c) => c.key)).size).toBe(2500);
  });

  it('fails an action naming an unknown connector at once, loudly', async () => {
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-unknown', actions: isolate(1, 'crowdstrike', 1), actor: 'user:cora' });
    await until('the plan finished', logged(incidentId, 'plan.finished', 'P-unknown'));
    const [action] = await e.list('P-unknown');
    expect(action).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'unknown_connector' } });
    expect(action?.error?.message).toContain('registered: fake, many');
    expect((await eventsOf(incidentId, 'action.failed'))[0]?.payload).toMatchObject({ actionId: 'a00001', error: { code: 'unknown_connector' } });
    expect((await eventsOf(incidentId, 'alert.raised'))[0]?.payload).toMatchObject({ source: 'firebreak', rule: { id: 'firebreak.executor.action-failed', level: 'high' }, host: 'host-1' });
  });
});

describe('failures and retries', () => {
  it('retries retryable failures with backoff until one succeeds', async () => {
    const flaky = new FakeConnector(fakeManifest('flaky'));
    flaky.behaviour = (_a, _c, call) => (call < 3 ? { state: 'failed', error: { code: 'agent_offline', message: 'offline' }, retryable: true } : { state: 'verified' });
    w.connectors.register(flaky);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-flaky', actions: isolate(2, 'flaky', 1), actor: 'user:cora' });
    await until('the plan finished', finished(e, 'P-flaky'));
    const actions = await e.list('P-flaky');
    expect(actions.map((a) => [a.state, a.attempts, a.key])).toEqual([['verified', 3, 'P-flaky/a00001/forward/3'], ['verified', 3, 'P-flaky/a00002/forward/3']]);
    expect(new Set(flaky.calls.map((c) => c.key)).size).toBe(6);
    expect(actions[0]?.history.filter((h) => h.state === 'requested').map((h) => h.detail)[1]).toMatch(/attempt 1 failed: agent_offline: offline; retry at /);
  });

  it('gives up at the attempt cap and fails loudly (event and alert on the incident)', async () => {
    const down = new FakeConnector(fakeManifest('down'));
    down.behaviour = () => ({ state: 'failed', error: { code: 'http_503', message: 'service unavailable' }, retryable: true });
    w.connectors.register(down);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-down', actions: isolate(1, 'down', 7), actor: 'user:cora' });
    await until('the failure is logged', logged(incidentId, 'action.failed', 'P-down'));
    const [action] = await e.list('P-down');
    expect(action).toMatchObject({ state: 'failed', attempts: 3, error: { code: 'http_503' }, nextAttemptAt: null });
    expect(action?.history.at(-1)?.detail).toContain('gave up after 3 attempts');
    expect(down.calls).toHaveLength(3);
    const alert = (await eventsOf(incidentId, 'alert.raised'))[0]?.payload as { rule: { title: string } } | undefined;
    expect(alert?.rule.title).toBe('A response action failed: isolate host-7');
  });

  it('does not retry a refusal', async () => {
    const strict = new FakeConnector(fakeManifest('strict'));
    strict.behaviour = () => ({ state: 'failed', error: { code: 'http_403', message: 'forbidden' }, retryable: false });
    w.connectors.register(strict);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-strict', actions: isolate(1, 'strict', 1), actor: 'user:cora' });
    await until('the plan finished', finished(e, 'P-strict'));
    expect((await e.list('P-strict'))[0]).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('fails an attempt that passes the connector timeout with a visible reason, then retries it', async () => {
    const slow = new FakeConnector(fakeManifest('slow', 100));
    slow.behaviour = (a, ctx, call) => (call === 1 ? new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve({ state: 'failed', error: { code: 'aborted', message: 'aborted' } }))) : { state: 'verified' });
    w.connectors.register(slow);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-slow', actions: isolate(1, 'slow', 1), actor: 'user:cora' });
    await until('the plan finished', finished(e, 'P-slow'));
    const [action] = await e.list('P-slow');
    expect(action).toMatchObject({ state: 'verified', attempts: 2 });
    expect(action?.history.find((h) => h.detail?.includes('timeout'))?.detail).toMatch(/no result from connector slow within 0 s/);
  });

  it('records "applied" progress before the outcome', async () => {
    const stepwise = new FakeConnector(fakeManifest('stepwise'));
    stepwise.behaviour = (_a, ctx) => {
      ctx.progress('applied', { ruleset: 'abc' });
      return { state: 'verified', evidence: { ruleset: 'abc', probe: 'blocked' } };
    };
    w.connectors.register(stepwise);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-step', actions: isolate(1, 'stepwise', 1), actor: 'user:cora' });
    await until('the plan finished', finished(e, 'P-step'));
    const [action] = await e.list('P-step');
    expect(action?.history.map((h) => h.state)).toEqual(['requested', 'sent', 'applied', 'verified']);
    expect(action?.evidence).toEqual({ ruleset: 'abc', probe: 'blocked' });
  });
});

describe('rollback', () => {
  it('reverses what was applied, marks it rolled back, and leaves failed actions alone', async () => {
    const half = new FakeConnector(fakeManifest('half'));
    half.behaviour = (a) => (a.actionId === 'a00002' && a.direction === 'forward' ? { state: 'failed', error: { code: 'refused', message: 'no' } } : { state: 'verified' });
    w.connectors.register(half);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-back', actions: isolate(3, 'half', 1), actor: 'user:cora' });
    await until('the plan finished', logged(incidentId, 'plan.finished', 'P-back'));
    await e.rollback({ incidentId, planId: 'P-back', actor: 'user:cora' });
    await e.rollback({ incidentId, planId: 'P-back', actor: 'user:cora' });
    await until('the rollback finished', async () => (await eventsOf(incidentId, 'plan.finished')).some((ev) => (ev.payload as { direction: string }).direction === 'reverse'));
    const actions = await e.list('P-back');
    const view = actions.map((a) => `${a.actionId}:${a.direction}:${a.state}`);
    expect(view).toEqual(['a00001:forward:rolled_back', 'a00001:reverse:verified', 'a00002:forward:failed', 'a00003:forward:rolled_back', 'a00003:reverse:verified']);
    const reverse = half.calls.filter((c) => c.direction === 'reverse');
    expect(reverse.map((c) => [c.operation, c.key])).toEqual([['release', 'P-back/a00001/reverse/1'], ['release', 'P-back/a00003/reverse/1']]);
    expect(half.effects.get('reverse:host-1')).toBe(1);
  });
});

describe('crash and resume', () => {
  it('resumes an attempt cut off by a crash with the same key, so the effect happens once', async () => {
    const hang = new FakeConnector(fakeManifest('hang'));
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    hang.behaviour = async () => {
      await gate;
      return { state: 'verified' };
    };
    w.connectors.register(hang);
    const first = started();
    const incidentId = await w.newIncident();
    await first.submit({ incidentId, planId: 'P-crash', actions: isolate(20, 'hang', 1), actor: 'user:cora' });
    await until('every attempt started', () => hang.calls.length === 20);
    first.halt();
    release?.();
    const second = started();
    await until('the plan finished', finished(second, 'P-crash'));
    const actions = await second.list('P-crash');
    expect(actions.every((a) => a.state === 'verified' && a.attempts === 1)).toBe(true);
    expect(actions[0]?.history.map((h) => h.detail ?? '').some((d) => d.includes(`resumed on ${second.nodeId}`))).toBe(true);
    expect(hang.calls).toHaveLength(40);
    expect([...hang.effects.values()].every((n) => n === 1)).toBe(true);
    expect(hang.effects.size).toBe(20);
  });

  it('takes back its own leases at once when restarted under the same node name after a kill', async () => {
    const hang = new FakeConnector(fakeManifest('restart'));
    hang.behaviour = (a, _ctx, call) => (call === 1 ? new Promise(() => undefined) : { state: 'verified', evidence: { key: a.key } });
    w.connectors.register(hang);
    const killed = w.executor({ leaseMs: 10 * 60_000 });
    killed.start({ nodeId: 'fb-node-1:7373' });
    const incidentId = await w.newIncident();
    await killed.submit({ incidentId, planId: 'P-restart', actions: isolate(5, 'restart', 1), actor: 'user:cora' });
    await until('every attempt started', () => hang.calls.length === 5);
    killed.halt();
    const restarted = w.executor({ leaseMs: 10 * 60_000 });
    running.push(restarted);
    restarted.start({ nodeId: 'fb-node-1:7373' });
    await until('the plan finished', finished(restarted, 'P-restart'));
    const actions = await restarted.list('P-restart');
    expect(actions.map((a) => [a.state, a.attempts])).toEqual(Array(5).fill(['verified', 1]));
    expect(new Set(hang.calls.map((c) => c.key)).size).toBe(5);
  });

  it('records the end of a plan whose last outcomes a killed node wrote but never logged', async () => {
    const quiet = started({ logMs: 10 * 60_000 });
    const incidentId = await w.newIncident();
    await quiet.submit({ incidentId, planId: 'P-unlogged', actions: isolate(3, 'fake', 500), actor: 'user:cora' });
    await until('every outcome written', finished(quiet, 'P-unlogged'));
    quiet.halt();
    expect(await eventsOf(incidentId, 'plan.finished')).toEqual([]);
    started();
    await until('the plan finished', logged(incidentId, 'plan.finished', 'P-unlogged'));
    expect((await eventsOf(incidentId, 'plan.finished'))[0]?.payload).toMatchObject({ counts: { verified: 3 }, total: 3 });
  });

  it('hands running attempts over at a graceful close', async () => {
    const hang = new FakeConnector(fakeManifest('handover'));
    hang.behaviour = (_a, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve({ state: 'failed', error: { code: 'aborted', message: 'aborted' }, retryable: true })));
    w.connectors.register(hang);
    const first = started({ leaseMs: 60_000 });
    const incidentId = await w.newIncident();
    await first.submit({ incidentId, planId: 'P-handover', actions: isolate(3, 'handover', 1), actor: 'user:cora' });
    await until('every attempt started', () => hang.calls.length === 3);
    await first.close();
    expect((await first.list('P-handover')).every((a) => a.state === 'sent' && a.node === null)).toBe(true);
    hang.behaviour = () => ({ state: 'verified' });
    const second = started({ leaseMs: 60_000 });
    await until('the plan finished', finished(second, 'P-handover'));
    expect((await second.list('P-handover')).map((a) => a.key)).toEqual(['P-handover/a00001/forward/1', 'P-handover/a00002/forward/1', 'P-handover/a00003/forward/1']);
  });

  it('never runs one attempt on two executors at once', async () => {
    const counting = new FakeConnector(fakeManifest('counting'));
    const seen = new Map<string, number>();
    counting.behaviour = async (a) => {
      seen.set(a.key, (seen.get(a.key) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { state: 'verified' };
    };
    w.connectors.register(counting);
    const [one, two] = [started({ claimBatch: 7 }), started({ claimBatch: 5 })];
    const incidentId = await w.newIncident();
    await one.submit({ incidentId, planId: 'P-two', actions: isolate(300, 'counting', 1), actor: 'user:cora' });
    await until('the plan finished', finished(two, 'P-two'));
    expect(seen.size).toBe(300);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const nodes = new Set((await one.list('P-two')).map((a) => a.history[1]?.detail?.split(' on ')[1]));
    expect(nodes.size).toBe(2);
  });
});
