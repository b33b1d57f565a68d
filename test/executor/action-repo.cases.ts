/** The executor's actions in storage (run on PGlite and PostgreSQL by the store suite). */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ActionChange, NewAction, StoredAction } from '../../src/store/action-types.js';
import type { SuiteContext } from '../store/store.suite.js';

const T0 = '2026-06-01T10:00:00.000Z';
const T1 = '2026-06-01T10:00:10.000Z';
const T2 = '2026-06-01T10:01:00.000Z';
const LATER = '2026-06-01T11:00:00.000Z';

function actions(planId: string, n: number): NewAction[] {
  return Array.from({ length: n }, (_, i) => ({
    incidentId: 'INC-store', planId, actionId: `a${String(i + 1).padStart(4, '0')}`, seq: i + 1, connector: 'agent', operation: 'isolate',
    args: { host: `h${i}` }, target: { kind: 'host', ref: `h${i}`, entity: 'jp-hq' }, label: `isolate h${i}`, reversal: { operation: 'release', args: { host: `h${i}` } },
  }));
}

const plan = () => `P-${randomUUID().slice(0, 8)}`;

function done(a: StoredAction, node: string, state: 'verified' | 'failed' = 'verified', at = T1): ActionChange {
  return { planId: a.planId, actionId: a.actionId, direction: a.direction, attempt: a.attempts, from: ['sent', 'applied'], state, entries: [{ state, at }], evidence: { ok: state === 'verified' }, settle: { dueAt: null } };
}

export function actionCases(ctx: SuiteContext): void {
  describe('executor actions', () => {
    it('inserts a plan once, however often it is submitted', async () => {
      const { actions: repo } = ctx.store();
      const id = plan();
      const input = { planId: id, incidentId: 'INC-store', direction: 'forward' as const, actor: 'user:cora', at: T0, attemptLimit: 3, actions: actions(id, 3) };
      expect(await repo.insert(input)).toBe(3);
      expect(await repo.insert(input)).toBe(0);
      const listed = await repo.list(id);
      expect(listed.map((a) => [a.actionId, a.state, a.attempts, a.dueAt, a.key])).toEqual([['a0001', 'requested', 0, T0, null], ['a0002', 'requested', 0, T0, null], ['a0003', 'requested', 0, T0, null]]);
      expect(listed[0]).toMatchObject({ args: { host: 'h0' }, target: { kind: 'host', ref: 'h0', entity: 'jp-hq' }, reversal: { operation: 'release', args: { host: 'h0' } }, history: [{ state: 'requested', at: T0 }] });
      expect((await repo.counts(id)).forward).toEqual({ requested: 3 });
      expect((await repo.listForIncident('INC-store')).filter((a) => a.planId === id)).toHaveLength(3);
    });

    it('gives each due action to one claimer at a time, with the intent recorded', async () => {
      const { actions: repo } = ctx.store();
      const id = plan();
      await repo.insert({ planId: id, incidentId: 'INC-store', direction: 'forward', actor: 'user:cora', at: T0, attemptLimit: 3, actions: actions(id, 40) });
      const claims = await Promise.all(['n1', 'n2', 'n3', 'n4'].map((node) => repo.claim({ node, now: T1, leaseUntil: T2, limit: 15 })));
      const mine = claims.flat().filter((c) => c.action.planId === id);
      expect(mine).toHaveLength(40);
      expect(new Set(mine.map((c) => c.action.actionId)).size).toBe(40);
      expect(mine.every((c) => c.action.state === 'sent' && c.action.attempts === 1 && c.before === 1 && c.action.logged === 2)).toBe(true);
      expect(mine[0]?.action.key).toBe(`${id}/${mine[0]?.action.actionId}/forward/1`);
      expect((await repo.claim({ node: 'n5', now: T1, leaseUntil: T2, limit: 100 })).filter((c) => c.action.planId === id)).toEqual([]);
    });

    it('resumes the same attempt after the lease expires, and ignores the stale node', async () => {
      const { actions: repo } = ctx.store();
      const id = plan();
      await repo.insert({ planId: id, incidentId: 'INC-store', direction: 'forward', actor: 'user:cora', at: T0, attemptLimit: 3, actions: actions(id, 1) });
      const [first] = (await repo.claim({ node: 'dead', now: T0, leaseUntil: T1, limit: 1000 })).filter((c) => c.action.planId === id);
      if (!first) throw new Error('not claimed');
      const [again] = (await repo.claim({ node: 'alive', now: T2, leaseUntil: LATER, limit: 1000 })).filter((c) => c.action.planId === id);
      expect(again?.action).toMatchObject({ state: 'sent', attempts: 1, leaseNode: 'alive' });
      expect(again?.action.history.at(-1)?.detail).toBe('attempt 1 resumed on alive');
      expect(await repo.record('dead', [done(first.action, 'dead')])).toEqual([]);
      const written = await repo.record('alive', [done(first.action, 'alive')]);
      expect(written.map((c) => [c.action.state, c.action.dueAt, c.action.leaseNode, c.before])).toEqual([['verified', null, null, 3]]);
    });

    it('rolls back what was applied and marks the forward action when the reversal is done', async () => {
      const { actions: repo } = ctx.store();
      const id = plan();
      await repo.insert({ planId: id, incidentId: 'INC-store', direction: 'forward', actor: 'user:cora', at: T0, attemptLimit: 3, actions: actions(id, 2) });
      const claimed = (await repo.claim({ node: 'n', now: T1, leaseUntil: T2, limit: 1000 })).filter((c) => c.action.planId === id);
      const [one, two] = claimed.map((c) => c.action);
      if (!one || !two) throw new Error('not claimed');
      await repo.record('n', [done(one, 'n'), done(two, 'n', 'failed')]);
      expect(await repo.queueReversals({ planId: id, actor: 'user:lead', at: T2, attemptsPerRun: 3 })).toEqual(['a0001']);
      expect(await repo.queueReversals({ planId: id, actor: 'user:lead', at: T2, attemptsPerRun: 3 })).toEqual([]);
      const [reverse] = (await repo.claim({ node: 'n', now: T2, leaseUntil: LATER, limit: 1000 })).filter((c) => c.action.planId === id);
      expect(reverse?.action).toMatchObject({ direction: 'reverse', operation: 'release', args: { host: 'h0' }, label: 'undo isolate h0', key: `${id}/a0001/reverse/1` });
      if (!reverse) throw new Error('not claimed');
      const changed = await repo.record('n', [done(reverse.action, 'n', 'verified', T2)]);
      expect(changed.map((c) => `${c.action.direction}:${c.action.state}`).sort()).toEqual(['forward:rolled_back', 'reverse:verified']);
      expect((await repo.counts(id))).toEqual({ forward: { rolled_back: 1, failed: 1 }, reverse: { verified: 1 } });
    });

    it('hands out unlogged history once and closes a finished run once', async () => {
      const { actions: repo } = ctx.store();
      const id = plan();
      await repo.insert({ planId: id, incidentId: 'INC-store', direction: 'forward', actor: 'user:cora', at: T0, attemptLimit: 3, actions: actions(id, 1) });
      const [claimed] = (await repo.claim({ node: 'n', now: T1, leaseUntil: T2, limit: 1000 })).filter((c) => c.action.planId === id);
      if (!claimed) throw new Error('not claimed');
      expect(await repo.finishRuns([{ planId: id, direction: 'forward' }], T1)).toEqual([]);
      await repo.record('n', [done(claimed.action, 'n')]);
      expect((await repo.takeUnlogged(10_000)).filter((c) => c.action.planId === id)).toEqual([]);
      const finished = await Promise.all([repo.finishRuns([{ planId: id, direction: 'forward' }], T2), repo.finishRuns([{ planId: id, direction: 'forward' }], T2)]);
      expect(finished.flat()).toEqual([{ planId: id, direction: 'forward', incidentId: 'INC-store', actor: 'user:cora', startedAt: T0, finishedAt: T2 }]);
    });
  });
}
