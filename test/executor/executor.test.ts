/** The durable executor on PGlite with fake connectors that count effects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableExecutor } from '../../src/executor/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { FakeConnector, isolate, until, world, type World } from './support.js';

let store: Store;
let w: World;
const running: DurableExecutor[] = [];

beforeAll(async () => {
  store = await openStore({});
  w = world(store);
});
afterAll(async () => {
  for (const e of running) await e.close();
  await store.close();
});

function started(options?: Parameters<World['executor']>[0]): DurableExecutor {
  const e = w.executor(options);
  running.push(e);
  e.start();
  return e;
}

const allFinal = (e: DurableExecutor, planId: string) => async () => (await e.list(planId)).every((a) => a.nextAttemptAt === null);

describe('executor', () => {
  it('runs every action of a plan once and records the outcome', async () => {
    const fake = new FakeConnector();
    w.connectors.register(fake);
    const e = started();
    const incidentId = await w.newIncident();
    await e.submit({ incidentId, planId: 'P-basic', actions: isolate(5), actor: 'user:cora' });
    expect((await e.list('P-basic')).length).toBe(5);
    await until('all final', allFinal(e, 'P-basic'));
    const actions = await e.list('P-basic');
    expect(actions.map((a) => a.state)).toEqual(Array(5).fill('verified'));
    expect(actions[0]?.key).toBe('P-basic/a00001/forward/1');
    expect(fake.calls.length).toBe(5);
    await until('plan.finished logged', async () => (await store.incidents.events(incidentId)).some((ev) => ev.type === 'plan.finished'));
    const events = await store.incidents.events(incidentId);
    const progressed = events.filter((ev) => ev.type === 'actions.progressed').flatMap((ev) => (ev.payload as { transitions: { state: string }[] }).transitions);
    expect(progressed.filter((t) => t.state === 'verified').length).toBe(5);
    expect(events.find((ev) => ev.type === 'plan.finished')?.payload).toMatchObject({ planId: 'P-basic', direction: 'forward', counts: { verified: 5 }, total: 5 });
  });
});
