/**
 * The storage suite on PostgreSQL, in a schema of its own that is dropped afterwards. The server is found by
 * test/support/postgres.ts (FIREBREAK_TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test, then as
 * root); when none answers, every test fails with the command that starts one: this suite is never skipped.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { dropSchema, findDatabase, uniqueSchema } from '../support/postgres.js';
import { expectIntact } from './incident.cases.js';
import { notesAfter, opened } from './fixtures.js';
import { defineStoreSuite } from './store.suite.js';

const schema = uniqueSchema('firebreak_test_store');
let databaseUrl: string | undefined;

defineStoreSuite(
  {
    kind: 'postgres',
    async open() {
      databaseUrl ??= await findDatabase();
      return openStore({ databaseUrl, schema });
    },
    cleanup: () => (databaseUrl === undefined ? Promise.resolve() : dropSchema(databaseUrl, schema)),
  },
  (ctx) => {
    describe('postgres: two servers on one database', () => {
      it('serialises appends to one incident from two stores', async () => {
        const other = await ctx.openAnother();
        try {
          const created = await ctx.store().incidents.create(opened());
          const stores = [ctx.store(), other];
          // Both read the log first, so each holds it in its cache while the other appends.
          for (const store of stores) expect(await store.incidents.events(created.id)).toHaveLength(1);
          await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              stores[i % 2]!.incidents.append(created.id, async ({ summary, readLog }) => {
                expect(await readLog()).toHaveLength(summary.lastSeq);
                return notesAfter(summary, 1);
              }),
            ),
          );
          expect((await other.incidents.get(created.id))?.lastSeq).toBe(11);
          await expectIntact(ctx.store().incidents, created.id);
          expect(await other.incidents.events(created.id)).toEqual(await ctx.store().incidents.events(created.id));
        } finally {
          await other.close();
        }
      });
    });
  },
);
