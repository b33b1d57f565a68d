/** Incidents: create, append, events and ids; all-or-nothing writes and serialised appends. */
import { describe, expect, it } from 'vitest';
import { chainEvents } from '../../src/incident/chain.js';
import { GENESIS_HASH } from '../../src/incident/event.js';
import { verifyChain } from '../../src/incident/verify.js';
import type { IncidentRepo } from '../../src/store/types.js';
import { drafts, notesAfter, opened } from './fixtures.js';
import type { SuiteContext } from './store.suite.js';

/** Reads the log back and checks it is one intact chain that ends where the summary says. */
export async function expectIntact(repo: IncidentRepo, id: string): Promise<void> {
  const summary = await repo.get(id);
  const result = verifyChain(id, await repo.events(id), summary);
  expect(result).toMatchObject({ ok: true });
}

export function incidentCases(ctx: SuiteContext): void {
  describe('incidents: create', () => {
    it('allocates INC-0001, writes the first events and the summary, and reads them back unchanged', async () => {
      const { incidents } = ctx.store();
      let built: ReturnType<ReturnType<typeof opened>> | undefined;
      const summary = await incidents.create(
        (id) => (built = opened({ title: 'Qbot on JP file server', entities: ['ff-jp'] })(id)),
      );
      expect(summary.id).toBe('INC-0001');
      expect(summary).toEqual(built!.summary);
      expect(await incidents.get('INC-0001')).toEqual(summary);
      expect(await incidents.events('INC-0001')).toEqual(built!.events);
      expect(built!.events[0]!.prevHash).toBe(GENESIS_HASH);
      await expectIntact(incidents, 'INC-0001');
    });

    it('numbers incidents without gaps, even when a create fails', async () => {
      const { incidents } = ctx.store();
      const before = await incidents.ids();
      await expect(incidents.create(() => Promise.reject(new Error('builder failed')))).rejects.toThrow(
        'builder failed',
      );
      const bad = (id: string) => {
        const good = opened()(id);
        return { ...good, events: chainEvents({ seq: 1, hash: GENESIS_HASH }, id, drafts(1)) };
      };
      await expect(incidents.create(bad)).rejects.toMatchObject({ code: 'conflict' });
      const next = await incidents.create(async (id) => Promise.resolve(opened()(id)));
      expect(next.id).toBe(`INC-${String(before.length + 1).padStart(4, '0')}`);
      expect(await incidents.ids()).toEqual([...before, next.id]);
    });

    it('reports a missing incident as undefined with no events', async () => {
      const { incidents } = ctx.store();
      expect(await incidents.get('INC-9999')).toBeUndefined();
      expect(await incidents.events('INC-9999')).toEqual([]);
    });
  });

  describe('incidents: append', () => {
    it('appends after the last event, updates the summary, and reads events after a seq', async () => {
      const { incidents } = ctx.store();
      const created = await incidents.create(opened({ entities: ['fgs-uk'] }));
      let seenLog: number | undefined;
      const result = await incidents.append(created.id, async ({ summary, readLog }) => {
        seenLog = (await readLog()).length;
        return notesAfter(summary, 2, { state: 'analysing', entities: ['fgs-uk', 'ff-jp'] });
      });
      expect(seenLog).toBe(1);
      expect(result.summary).toMatchObject({ lastSeq: 3, state: 'analysing', entities: ['fgs-uk', 'ff-jp'] });
      expect(await incidents.get(created.id)).toEqual(result.summary);
      expect(await incidents.events(created.id, 1)).toEqual(result.events);
      expect((await incidents.events(created.id, 2)).map((e) => e.seq)).toEqual([3]);
      await expectIntact(incidents, created.id);
    });

    it('writes thousands of events in one append', async () => {
      const { incidents } = ctx.store();
      const created = await incidents.create(opened());
      const result = await incidents.append(created.id, ({ summary }) => notesAfter(summary, 2500));
      expect(result.summary.lastSeq).toBe(2501);
      expect(await incidents.events(created.id, 2490)).toEqual(result.events.slice(-11));
      await expectIntact(incidents, created.id);
    });

    it('writes nothing when the builder throws', async () => {
      const { incidents } = ctx.store();
      const created = await incidents.create(opened());
      await expect(
        incidents.append(created.id, async ({ readLog }) => {
          await readLog();
          throw new Error('policy said no');
        }),
      ).rejects.toThrow('policy said no');
      expect(await incidents.get(created.id)).toEqual(created);
      expect(await incidents.events(created.id)).toHaveLength(1);
    });

    it('refuses events that do not continue the stored log as a conflict, and writes nothing', async () => {
      const { incidents } = ctx.store();
      const created = await incidents.create(opened());
      const stale = notesAfter(created, 1);
      await incidents.append(created.id, ({ summary }) => notesAfter(summary, 1));
      await expect(incidents.append(created.id, () => stale)).rejects.toMatchObject({ code: 'conflict' });
      const head = (await incidents.get(created.id))!;
      const wrongHash = notesAfter({ ...head, lastHash: 'f'.repeat(64) }, 1);
      await expect(incidents.append(created.id, () => wrongHash)).rejects.toMatchObject({ code: 'conflict' });
      expect(await incidents.get(created.id)).toEqual(head);
      await expectIntact(incidents, created.id);
    });

    it('reports an unknown incident as not found', async () => {
      const { incidents } = ctx.store();
      await expect(incidents.append('INC-9999', ({ summary }) => notesAfter(summary, 1))).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('serialises 20 parallel appends to one incident into one chain without gaps', async () => {
      const { incidents } = ctx.store();
      const created = await incidents.create(opened());
      const results = await Promise.all(
        Array.from({ length: 20 }, () => incidents.append(created.id, ({ summary }) => notesAfter(summary, 1))),
      );
      const seqs = results.map((r) => r.summary.lastSeq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect((await incidents.events(created.id)).map((e) => e.seq)).toEqual(
        Array.from({ length: 21 }, (_, i) => i + 1),
      );
      await expectIntact(incidents, created.id);
    });
  });
}
