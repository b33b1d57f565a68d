/**
 * The storage suite on PostgreSQL, in a schema of its own that is dropped afterwards. The server is taken
 * from FIREBREAK_TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test (then as user root). When no
 * server answers, every test fails with the command that starts one: this suite is never skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore, redact } from '../../src/store/open-store.js';
import { expectIntact } from './incident.cases.js';
import { notesAfter, opened } from './fixtures.js';
import { defineStoreSuite } from './store.suite.js';

const CANDIDATES = process.env['FIREBREAK_TEST_DATABASE_URL']
  ? [process.env['FIREBREAK_TEST_DATABASE_URL']]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

const schema = `firebreak_test_${process.pid}_${randomBytes(4).toString('hex')}`;
let databaseUrl: string | undefined;

async function tryConnect(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `${redact(url)}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The first candidate URL that answers, or an error saying how to start PostgreSQL. */
async function findDatabase(): Promise<string> {
  const failures: string[] = [];
  for (const url of CANDIDATES) {
    const failure = await tryConnect(url);
    if (failure === undefined) return url;
    failures.push(failure);
  }
  throw new Error(
    `PostgreSQL is not reachable (${failures.join('; ')}). Start it with ` +
      '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, ' +
      'or set FIREBREAK_TEST_DATABASE_URL to a server where this user may create schemas.',
  );
}

async function dropSchema(): Promise<void> {
  if (databaseUrl === undefined) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

defineStoreSuite(
  {
    kind: 'postgres',
    async open() {
      databaseUrl ??= await findDatabase();
      return openStore({ databaseUrl, schema });
    },
    cleanup: dropSchema,
  },
  (ctx) => {
    describe('postgres: two servers on one database', () => {
      it('serialises appends to one incident from two stores', async () => {
        const other = await ctx.openAnother();
        try {
          const created = await ctx.store().incidents.create(opened());
          const stores = [ctx.store(), other];
          await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              stores[i % 2]!.incidents.append(created.id, ({ summary }) => notesAfter(summary, 1)),
            ),
          );
          expect((await other.incidents.get(created.id))?.lastSeq).toBe(11);
          await expectIntact(ctx.store().incidents, created.id);
        } finally {
          await other.close();
        }
      });
    });
  },
);
