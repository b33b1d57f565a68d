/**
 * The PostgreSQL server for tests: FIREBREAK_TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test (then
 * as user root). When none answers, the caller fails with the command that starts one: never skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redact } from '../../src/store/open-store.js';

const CANDIDATES = process.env['FIREBREAK_TEST_DATABASE_URL']
  ? [process.env['FIREBREAK_TEST_DATABASE_URL']]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

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
export async function findDatabase(): Promise<string> {
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

/** A schema name of its own for one test file. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Runs SQL on the test server (to tamper with data, or to clean up). */
export async function withClient<T>(databaseUrl: string, schema: string | undefined, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (schema) await client.query(`set search_path to "${schema}"`);
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  await withClient(databaseUrl, undefined, (c) => c.query(`drop schema if exists "${schema}" cascade`));
}
