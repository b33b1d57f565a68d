/**
 * Incidents: the append-only event log per incident and the summary row kept beside it for listing.
 *
 * Every write is one transaction. `append` locks the incident row (`select ... for update`), so appends to one
 * incident are serialised across connections and servers; on PGlite the single session serialises them too.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import { GENESIS_HASH, type IncidentEvent } from '../incident/event.js';
import { UserError } from '../shared/errors.js';
import { COUNTER, toInt, type Database, type Db } from './database.js';
import { checkAppend, formatIncidentId, summaryColumns, toEvent, toEventRow, toSummary } from './incident-rows.js';
import { EventCache } from './event-cache.js';
import { chunks, containsPattern } from './sql-helpers.js';
import type { CreateBuilder, EventTypeFilter, IncidentListFilter, IncidentRepo, IncidentSummary, Page } from './types.js';

const EVENTS_PER_STATEMENT = 1000;

type Trx = Transaction<Database>;

export function createIncidentRepo(db: Db): IncidentRepo {
  const cache = new EventCache();
  return {
    create: (build) => db.transaction().execute((trx) => createIn(trx, build)),
    append: async (incidentId, build) => {
      const appended = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('incidents')
          .selectAll()
          .where('id', '=', incidentId)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw notFound(incidentId);
        const summary = toSummary(row);
        const readLog = async () => cache.whole(incidentId, summary.lastSeq, summary.lastHash) ?? cache.read(incidentId, 0, (id, from) => readEvents(trx, id, from));
        const result = await build({ summary, readLog });
        checkAppend(incidentId, summary, result.events, result.summary);
        if (result.events.length === 0) return { events: [], summary };
        await insertEvents(trx, result.events);
        await trx.updateTable('incidents').set(summaryColumns(result.summary)).where('id', '=', incidentId).execute();
        return result;
      });
      // Committed: the cache may take the new events without reading them back.
      cache.appended(incidentId, appended.events);
      return appended;
    },
    async get(incidentId) {
      const row = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
      return row && toSummary(row);
    },
    list: (filter) => listIncidents(db, filter),
    events: (incidentId, afterSeq = 0) => cache.read(incidentId, afterSeq, (id, from) => readEvents(db, id, from)),
    storedEvents: (incidentId) => readEvents(db, incidentId, 1),
    eventsOfType: (type, filter) => eventsOfType(db, type, filter),
    async ids() {
      const rows = await db.selectFrom('incidents').select('id').orderBy('num').execute();
      return rows.map((row) => row.id);
    },
  };
}

async function createIn(trx: Trx, build: CreateBuilder): Promise<IncidentSummary> {
  const counter = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', COUNTER.incidentNumber)
    .returning('value')
    .executeTakeFirstOrThrow();
  const num = toInt(counter.value);
  const id = formatIncidentId(num);
  const { events, summary } = await build(id);
  if (events.length === 0) throw new Error(`incident ${id} must be created with at least one event`);
  checkAppend(id, { lastSeq: 0, lastHash: GENESIS_HASH }, events, summary);
  await trx
    .insertInto('incidents')
    .values({ id, num, ...summaryColumns(summary) })
    .execute();
  await insertEvents(trx, events);
  return summary;
}

async function insertEvents(trx: Trx, events: readonly IncidentEvent[]): Promise<void> {
  for (const chunk of chunks(events, EVENTS_PER_STATEMENT)) {
    await trx.insertInto('incident_events').values(chunk.map(toEventRow)).execute();
  }
}

/** The stored events of an incident from `fromSeq` on, oldest first. */
async function readEvents(db: Db | Trx, incidentId: string, fromSeq: number): Promise<IncidentEvent[]> {
  const rows = await db
    .selectFrom('incident_events')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('seq', '>=', fromSeq)
    .orderBy('seq')
    .execute();
  return rows.map(toEvent);
}

async function eventsOfType(db: Db, type: string, filter: EventTypeFilter): Promise<Page<IncidentEvent>> {
  if (filter.incidentIds?.length === 0) return { items: [], total: 0, limit: filter.limit, offset: filter.offset };
  let query = db.selectFrom('incident_events').where('type', '=', type);
  if (filter.incidentIds) query = query.where('incident_id', 'in', filter.incidentIds);
  const match = filter.payloadEquals;
  if (match) query = query.where(sql<string>`payload #>> ${match.path}`, '=', match.value);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('at', 'desc').orderBy('incident_id').orderBy('seq', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toEvent), total: toInt(count.n), limit: filter.limit, offset: filter.offset };
}

async function listIncidents(db: Db, filter: IncidentListFilter): Promise<Page<IncidentSummary>> {
  const where = incidentFilter(filter);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('incidents')
      .selectAll()
      .where(where)
      .orderBy('updated_at', 'desc')
      .orderBy('num', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    db
      .selectFrom('incidents')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSummary), total: toInt(count.n), limit: filter.limit, offset: filter.offset };
}

function incidentFilter(filter: IncidentListFilter) {
  return (eb: ExpressionBuilder<Database, 'incidents'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.state !== undefined) conditions.push(anyOf(eb, 'state', filter.state));
    if (filter.severity !== undefined) conditions.push(anyOf(eb, 'severity', filter.severity));
    if (filter.entities !== undefined) {
      const touches = eb('entities', '&&', sql<string[]>`${filter.entities}::text[]`);
      conditions.push(
        filter.includeUnscoped === true ? eb.or([touches, sql<SqlBool>`cardinality(entities) = 0`]) : touches,
      );
    }
    if (filter.q !== undefined && filter.q !== '') {
      const pattern = containsPattern(filter.q);
      conditions.push(eb.or([eb('title', 'ilike', pattern), eb('id', 'ilike', pattern)]));
    }
    return eb.and(conditions);
  };
}

/** `column in (...)`; an empty list matches nothing. */
function anyOf(
  eb: ExpressionBuilder<Database, 'incidents'>,
  column: 'state' | 'severity',
  values: readonly string[],
): Expression<SqlBool> {
  return values.length === 0 ? sql<SqlBool>`false` : eb(column, 'in', values);
}

function notFound(incidentId: string): UserError {
  return new UserError('not_found', `incident ${incidentId} does not exist`, [], { incidentId });
}
