/**
 * The estate in tables: one per kind, each with the filtered columns plus the whole record in `doc`.
 *
 * `upsert` writes the whole document in one transaction with multi-row `insert ... on conflict do update`
 * statements (1,000 rows each). A row whose record did not change is left alone, so re-importing the same
 * file reports it as unchanged and does not move the revision.
 */
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { EstateDocument, Host } from '../estate/schema.js';
import { COUNTER, toInt, type Database, type Db } from './database.js';
import { ESTATE_KIND_ORDER, ESTATE_KINDS, type EstateKind, type KindSpec } from './estate-tables.js';
import { chunks, containsPattern } from './sql-helpers.js';
import type { EstateRepo, EstateUpsertResult, HostListFilter, Page } from './types.js';

const ROWS_PER_STATEMENT = 1000;

type Row = Record<string, string>;

export function createEstateRepo(db: Db): EstateRepo {
  return {
    load: () =>
      db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => loadAll(trx)),
    upsert: (doc) => db.transaction().execute((trx) => upsertAll(trx, doc)),
    async listHosts(filter) {
      return listHosts(db, filter);
    },
    async revision() {
      const row = await db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', COUNTER.estateRevision)
        .executeTakeFirstOrThrow();
      return toInt(row.value);
    },
  };
}

async function loadAll(trx: Transaction<Database>): Promise<EstateDocument> {
  const lists = {} as Record<EstateKind, unknown[]>;
  for (const kind of ESTATE_KIND_ORDER) {
    const spec: KindSpec<EstateKind> = ESTATE_KINDS[kind];
    const order = sql.join(spec.key.map((column) => sql.ref(column)));
    const { rows } = await sql<{ doc: unknown }>`select doc from ${sql.table(spec.table)} order by ${order}`.execute(
      trx,
    );
    lists[kind] = rows.map((row) => row.doc);
  }
  // Every doc was written from a record of this kind, so the lists have the document's shape.
  return { version: 1, ...lists } as EstateDocument;
}

async function upsertAll(trx: Transaction<Database>, doc: EstateDocument): Promise<EstateUpsertResult> {
  const totals: EstateUpsertResult = { created: 0, updated: 0, unchanged: 0 };
  for (const kind of ESTATE_KIND_ORDER) {
    const spec: KindSpec<EstateKind> = ESTATE_KINDS[kind];
    const rows = uniqueRows(spec, doc[kind]);
    for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
      const written = await upsertChunk(trx, spec, chunk);
      totals.created += written.created;
      totals.updated += written.updated;
      totals.unchanged += chunk.length - written.created - written.updated;
    }
  }
  if (totals.created + totals.updated > 0) {
    await trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', COUNTER.estateRevision)
      .execute();
  }
  return totals;
}

/** One row per key; when a document repeats a key, the last record wins (as a second import would). */
function uniqueRows(spec: KindSpec<EstateKind>, records: readonly EstateDocument[EstateKind][number][]): Row[] {
  const byKey = new Map<string, Row>();
  for (const record of records) {
    const columns = spec.columns(record);
    const key = spec.key.map((column) => columns[column]).join('\u0000');
    byKey.set(key, { ...columns, doc: JSON.stringify(record) });
  }
  // In key order, so that two imports running at once lock rows in the same order and cannot deadlock.
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/**
 * One multi-row upsert. The statement text is built here rather than with Kysely's `sql` template: table and
 * column names come from ESTATE_KINDS (not from input), and skipping Kysely's query tree for ~7,000 parameters
 * per statement made a 100,000-host import on PostgreSQL about 20-40% faster.
 */
async function upsertChunk(
  trx: Transaction<Database>,
  spec: KindSpec<EstateKind>,
  rows: Row[],
): Promise<{ created: number; updated: number }> {
  const columns = Object.keys(rows[0] ?? {});
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => `$${params.push(row[column])}`);
    return `(${placeholders.join(', ')})`;
  });
  const updates = columns
    .filter((column) => !spec.key.includes(column))
    .map((c) => `${ident(c)} = excluded.${ident(c)}`);
  const text =
    `insert into ${ident(spec.table)} (${columns.map(ident).join(', ')}) values ${tuples.join(', ')} ` +
    `on conflict (${spec.key.map(ident).join(', ')}) do update set ${updates.join(', ')} ` +
    `where ${ident(spec.table)}.doc is distinct from excluded.doc returning (xmax = 0) as inserted`;
  const { rows: written } = await trx.executeQuery<{ inserted: boolean }>(CompiledQuery.raw(text, params));
  const created = written.filter((row) => row.inserted).length;
  return { created, updated: written.length - created };
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function listHosts(db: Db, filter: HostListFilter): Promise<Page<Host>> {
  const where = hostFilter(filter);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('hosts')
      .select('doc')
      .where(where)
      .orderBy('hostname')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    db
      .selectFrom('hosts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => row.doc as Host),
    total: toInt(count.n),
    limit: filter.limit,
    offset: filter.offset,
  };
}

/** `q` matches part of the hostname (any case) or one of the host's IPs exactly. */
function hostFilter(filter: HostListFilter) {
  return (eb: ExpressionBuilder<Database, 'hosts'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.entities !== undefined) conditions.push(inList(eb, 'entity', filter.entities));
    if (filter.criticality !== undefined) conditions.push(inList(eb, 'criticality', filter.criticality));
    if (filter.segment !== undefined) conditions.push(eb('segment', '=', filter.segment));
    if (filter.role !== undefined) conditions.push(eb('role', '=', filter.role));
    if (filter.q !== undefined && filter.q !== '') {
      const q = filter.q;
      conditions.push(eb.or([eb('hostname', 'ilike', containsPattern(q)), sql<SqlBool>`doc -> 'ips' ? ${q}`]));
    }
    return eb.and(conditions);
  };
}

/** `column in (...)`; an empty list matches nothing (a user scoped to no entities sees no hosts). */
function inList(
  eb: ExpressionBuilder<Database, 'hosts'>,
  column: 'entity' | 'criticality',
  values: readonly string[],
): Expression<SqlBool> {
  return values.length === 0 ? sql<SqlBool>`false` : eb(column, 'in', values);
}
