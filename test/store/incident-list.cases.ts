/** Listing incidents: filters, paging, order and total. Each case uses its own entities or title words. */
import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../src/store/types.js';
import { notesAfter, opened, type OpenOptions } from './fixtures.js';
import type { SuiteContext } from './store.suite.js';

export function incidentListCases(ctx: SuiteContext): void {
  describe('incidents: list', () => {
    const create = (options: OpenOptions) => ctx.store().incidents.create(opened(options));
    const ids = (items: IncidentSummary[]) => items.map((i) => i.id);

    it('lists the most recently updated first, with the total, page by page', async () => {
      const { incidents } = ctx.store();
      const made: IncidentSummary[] = [];
      for (let i = 0; i < 5; i += 1) made.push(await create({ entities: ['list-page'] }));
      // Updating the oldest moves it to the top.
      await incidents.append(made[0]!.id, ({ summary }) => notesAfter(summary, 1));
      const newestFirst = [made[0]!, made[4]!, made[3]!, made[2]!, made[1]!].map((i) => i.id);
      const first = await incidents.list({ entities: ['list-page'], limit: 2, offset: 0 });
      const rest = await incidents.list({ entities: ['list-page'], limit: 10, offset: 2 });
      expect(first).toMatchObject({ total: 5, limit: 2, offset: 0 });
      expect([...ids(first.items), ...ids(rest.items)]).toEqual(newestFirst);
      expect(await incidents.list({ entities: ['list-page'], limit: 10, offset: 10 })).toEqual({
        items: [],
        total: 5,
        limit: 10,
        offset: 10,
      });
    });

    it('filters by state and severity', async () => {
      const { incidents } = ctx.store();
      const a = await create({ entities: ['list-st'], state: 'contained', severity: 'critical' });
      const b = await create({ entities: ['list-st'], state: 'recovering', severity: 'critical' });
      await create({ entities: ['list-st'], state: 'contained', severity: 'low' });
      const base = { entities: ['list-st'], limit: 10, offset: 0 };
      expect(ids((await incidents.list({ ...base, state: ['contained'], severity: ['critical'] })).items)).toEqual([
        a.id,
      ]);
      expect(ids((await incidents.list({ ...base, severity: ['critical'] })).items)).toEqual([b.id, a.id]);
      expect((await incidents.list({ ...base, state: ['contained', 'recovering'] })).total).toBe(3);
      expect((await incidents.list({ ...base, state: [] })).total).toBe(0);
    });

    it('matches incidents touching any of the entities, and unscoped ones only when asked', async () => {
      const { incidents } = ctx.store();
      const uk = await create({ title: 'entityscope', entities: ['list-uk'] });
      const both = await create({ title: 'entityscope', entities: ['list-jp', 'list-uk'] });
      const none = await create({ title: 'entityscope', entities: [] });
      const base = { q: 'entityscope', limit: 10, offset: 0 };
      expect(ids((await incidents.list({ ...base, entities: ['list-uk'] })).items)).toEqual([both.id, uk.id]);
      expect(ids((await incidents.list({ ...base, entities: ['list-jp', 'other'] })).items)).toEqual([both.id]);
      const withUnscoped = await incidents.list({ ...base, entities: ['list-jp'], includeUnscoped: true });
      expect(ids(withUnscoped.items)).toEqual([none.id, both.id]);
      expect(ids((await incidents.list({ ...base, entities: [], includeUnscoped: true })).items)).toEqual([none.id]);
      expect((await incidents.list({ ...base, entities: [] })).total).toBe(0);
      expect((await incidents.list(base)).total).toBe(3);
    });

    it('searches the title in any case and the id, with wildcards taken literally', async () => {
      const { incidents } = ctx.store();
      const hit = await create({ title: 'Qbot beacon from TK-FS01 (100%_sure)', entities: ['list-q'] });
      await create({ title: 'Phishing wave', entities: ['list-q'] });
      const base = { entities: ['list-q'], limit: 10, offset: 0 };
      expect(ids((await incidents.list({ ...base, q: 'tk-fs01' })).items)).toEqual([hit.id]);
      expect(ids((await incidents.list({ ...base, q: '100%_' })).items)).toEqual([hit.id]);
      expect((await incidents.list({ ...base, q: '%' })).total).toBe(1);
      expect(ids((await incidents.list({ q: hit.id, limit: 10, offset: 0 })).items)).toEqual([hit.id]);
    });
  });
}
