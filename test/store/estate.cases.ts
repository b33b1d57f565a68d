/** The estate: upsert, load, revision and host listing. These cases own the estate of the store. */
import { describe, expect, it } from 'vitest';
import { emptyEstate, type Host } from '../../src/estate/schema.js';
import { baseEstate, estate, manyHosts, sortedEstate } from './fixtures.js';
import type { SuiteContext } from './store.suite.js';

export function estateCases(ctx: SuiteContext): void {
  describe('estate', () => {
    it('starts empty at revision 0', async () => {
      const { estate: repo } = ctx.store();
      expect(await repo.load()).toEqual(emptyEstate());
      expect(await repo.revision()).toBe(0);
    });

    it('loads exactly what was imported, every list ordered by id', async () => {
      const { estate: repo } = ctx.store();
      const doc = baseEstate();
      expect(await repo.upsert(doc)).toEqual({ created: 15, updated: 0, unchanged: 0 });
      expect(await repo.load()).toEqual(sortedEstate(doc));
      expect(await repo.revision()).toBe(1);
    });

    it('re-importing the same document creates no duplicates and leaves the revision alone', async () => {
      const { estate: repo } = ctx.store();
      expect(await repo.upsert(baseEstate())).toEqual({ created: 0, updated: 0, unchanged: 15 });
      expect(await repo.load()).toEqual(sortedEstate(baseEstate()));
      expect(await repo.revision()).toBe(1);
    });

    it('a partial file updates what changed, adds what is new and keeps everything else', async () => {
      const { estate: repo } = ctx.store();
      const changed: Host = { ...baseEstate().hosts[0]!, criticality: 'critical', tags: ['patched'] };
      const added: Host = { ...changed, hostname: 'uk-fs02', ips: ['10.20.0.6'] };
      const link = { from: 'uk-office', to: 'jp-servers', ports: 'any' as const, bidirectional: false };
      const result = await repo.upsert(estate({ hosts: [changed, added], links: [link] }));
      expect(result).toEqual({ created: 1, updated: 2, unchanged: 0 });
      const expected = baseEstate();
      expected.hosts = [...expected.hosts.filter((h) => h.hostname !== changed.hostname), changed, added];
      expected.links = [link, expected.links[1]!];
      expect(await repo.load()).toEqual(sortedEstate(expected));
      expect(await repo.revision()).toBe(2);
    });

    it('takes the last record when a document repeats a key', async () => {
      const { estate: repo } = ctx.store();
      const first = { id: 'amer', name: 'Americas (old)' };
      const last = { id: 'amer', name: 'Americas' };
      expect(await repo.upsert(estate({ regions: [first, last] }))).toEqual({ created: 1, updated: 0, unchanged: 0 });
      expect((await repo.load()).regions.find((r) => r.id === 'amer')).toEqual(last);
    });

    it('writes nothing when any record fails', async () => {
      const { estate: repo } = ctx.store();
      const before = await repo.load();
      const revision = await repo.revision();
      const broken = { ...manyHosts(1, 'broken')[0]!, entity: null as unknown as string };
      const doc = estate({ regions: [{ id: 'latam', name: 'LATAM' }] });
      doc.hosts = [...manyHosts(3, 'never'), broken];
      await expect(repo.upsert(doc)).rejects.toThrow();
      expect(await repo.load()).toEqual(before);
      expect(await repo.revision()).toBe(revision);
    });

    it('upserts thousands of hosts across statements, then finds them all unchanged', async () => {
      const { estate: repo } = ctx.store();
      const hosts = manyHosts(2500);
      expect(await repo.upsert(estate({ hosts }))).toEqual({ created: 2500, updated: 0, unchanged: 0 });
      expect(await repo.upsert(estate({ hosts }))).toEqual({ created: 0, updated: 0, unchanged: 2500 });
      const page = await repo.listHosts({ q: 'bulk-', limit: 10, offset: 2495 });
      expect(page.total).toBe(2500);
      expect(page.items).toEqual(hosts.slice(2495));
    });

    hostListCases(ctx);
  });
}

function hostListCases(ctx: SuiteContext): void {
  describe('listHosts', () => {
    const names = (items: Host[]) => items.map((h) => h.hostname);

    it('filters by entity, segment, criticality and role', async () => {
      const { estate: repo } = ctx.store();
      const base = { limit: 100, offset: 0, q: '-f' };
      expect(names((await repo.listHosts({ ...base, entities: ['ff-jp'] })).items)).toEqual(['jp-fs01']);
      expect(names((await repo.listHosts({ ...base, segment: 'uk-office' })).items)).toEqual(['uk-fs01', 'uk-fs02']);
      const critical = await repo.listHosts({
        limit: 100,
        offset: 0,
        criticality: ['critical'],
        entities: ['ff-jp', 'fgs-uk'],
      });
      expect(names(critical.items)).toEqual(['jp-dc01', 'uk-fs01', 'uk-fs02']);
      const dc = await repo.listHosts({ limit: 100, offset: 0, role: 'domain-controller' });
      expect(dc).toEqual({ items: [baseEstate().hosts[1]], total: 1, limit: 100, offset: 0 });
    });

    it('matches part of a hostname in any case, or an IP exactly, and treats wildcards as text', async () => {
      const { estate: repo } = ctx.store();
      const page = { limit: 100, offset: 0 };
      expect(names((await repo.listHosts({ ...page, q: 'FS0' })).items)).toEqual(['jp-fs01', 'uk-fs01', 'uk-fs02']);
      expect(names((await repo.listHosts({ ...page, q: '10.1.0.6' })).items)).toEqual(['jp-fs01']);
      expect(names((await repo.listHosts({ ...page, q: 'ws_' })).items)).toEqual(['uk-ws_1']);
      expect((await repo.listHosts({ ...page, q: 'uk%' })).total).toBe(0);
      expect((await repo.listHosts({ ...page, q: 'fs_1' })).total).toBe(0);
    });

    it('pages in hostname order with the total, and an empty entity list matches nothing', async () => {
      const { estate: repo } = ctx.store();
      const first = await repo.listHosts({
        q: 'bulk-',
        criticality: ['high'],
        entities: ['fgs-uk'],
        limit: 3,
        offset: 0,
      });
      const second = await repo.listHosts({
        q: 'bulk-',
        criticality: ['high'],
        entities: ['fgs-uk'],
        limit: 3,
        offset: 3,
      });
      expect(first.total).toBe(417);
      expect(names(first.items)).toEqual(['bulk-000000', 'bulk-000006', 'bulk-000012']);
      expect(names(second.items)).toEqual(['bulk-000018', 'bulk-000024', 'bulk-000030']);
      expect(await repo.listHosts({ entities: [], limit: 10, offset: 0 })).toEqual({
        items: [],
        total: 0,
        limit: 10,
        offset: 0,
      });
    });
  });
}
