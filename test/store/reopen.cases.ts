/** Closing and opening the store again on the same data: everything written is still there. */
import { describe, expect, it } from 'vitest';
import type { EstateDocument } from '../../src/estate/schema.js';
import type { IncidentEvent } from '../../src/incident/event.js';
import type { IncidentSummary, UserRecord } from '../../src/store/types.js';
import { expectIntact } from './incident.cases.js';
import { opened } from './fixtures.js';
import type { SuiteContext } from './store.suite.js';

interface Snapshot {
  estate: EstateDocument;
  revision: number;
  users: UserRecord[];
  setting: string | undefined;
  ids: string[];
  first: IncidentSummary | undefined;
  events: IncidentEvent[];
}

async function snapshot(ctx: SuiteContext): Promise<Snapshot> {
  const store = ctx.store();
  const ids = await store.incidents.ids();
  return {
    estate: await store.estate.load(),
    revision: await store.estate.revision(),
    users: await store.users.list(),
    setting: await store.settings.get('signing-key'),
    ids,
    first: await store.incidents.get(ids[0]!),
    events: await store.incidents.events(ids[0]!),
  };
}

export function reopenCases(ctx: SuiteContext): void {
  describe('reopen', () => {
    it('keeps everything across close and open, and numbering continues', async () => {
      const before = await snapshot(ctx);
      expect(before.ids.length).toBeGreaterThan(10);
      expect(before.estate.hosts.length).toBeGreaterThan(2500);
      await ctx.reopen();
      expect(ctx.store().kind).toBe(ctx.kind);
      expect(await snapshot(ctx)).toEqual(before);
      await expectIntact(ctx.store().incidents, before.ids[0]!);
      const next = await ctx.store().incidents.create(opened());
      expect(next.id).toBe(`INC-${String(before.ids.length + 1).padStart(4, '0')}`);
    });

    it('closing twice is harmless', async () => {
      const store = await ctx.reopen();
      await store.close();
      await store.close();
      await ctx.reopen();
      expect(await ctx.store().settings.get('signing-key')).toBe('k2');
    });
  });
}
