/**
 * Indicator sets: one row per named set with the text that was uploaded and what parsing it gave (counts per
 * type, problems). Every change moves the `indicator_revision` counter in the same transaction.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db, Json } from './database.js';
import type { IndicatorSetMeta, IndicatorSetRecord, IndicatorSetRepo } from './types.js';

interface IndicatorSetsTable {
  name: string;
  format: string;
  filename: string | null;
  description: string | null;
  level: string | null;
  include_non_ids: boolean;
  content: string;
  bytes: number;
  indicators: number;
  problems: number;
  by_type: Json;
  uploaded_by: string;
  uploaded_at: string;
}

type Tables = { indicator_sets: IndicatorSetsTable };
const REVISION = 'indicator_revision';
const META = ['name', 'format', 'filename', 'description', 'level', 'include_non_ids', 'bytes', 'indicators', 'problems', 'by_type', 'uploaded_by', 'uploaded_at'] as const;

function toMeta(row: Omit<Selectable<IndicatorSetsTable>, 'content'>): IndicatorSetMeta {
  return {
    name: row.name,
    format: row.format as IndicatorSetMeta['format'],
    filename: row.filename,
    description: row.description,
    level: row.level as IndicatorSetMeta['level'],
    includeNonIds: row.include_non_ids,
    bytes: Number(row.bytes),
    indicators: Number(row.indicators),
    problems: Number(row.problems),
    byType: (row.by_type ?? {}) as Record<string, number>,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  };
}

function toRow(set: IndicatorSetRecord): Insertable<IndicatorSetsTable> {
  return {
    name: set.name,
    format: set.format,
    filename: set.filename,
    description: set.description,
    level: set.level,
    include_non_ids: set.includeNonIds,
    content: set.content,
    bytes: set.bytes,
    indicators: set.indicators,
    problems: set.problems,
    by_type: JSON.stringify(set.byType),
    uploaded_by: set.uploadedBy,
    uploaded_at: set.uploadedAt,
  };
}

export function createIndicatorRepo(base: Db): IndicatorSetRepo {
  const db = base.withTables<Tables>();
  const bump = (trx: typeof db) =>
    trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', REVISION)
      .execute();
  return {
    async list() {
      const rows = await db.selectFrom('indicator_sets').select(META).orderBy('name').execute();
      return rows.map(toMeta);
    },
    async get(name) {
      const row = await db.selectFrom('indicator_sets').selectAll().where('name', '=', name).executeTakeFirst();
      return row && { ...toMeta(row), content: row.content };
    },
    put: (set) =>
      db.transaction().execute(async (trx) => {
        const existed = await trx.selectFrom('indicator_sets').select('name').where('name', '=', set.name).executeTakeFirst();
        const row = toRow(set);
        const { name: _name, ...update } = row;
        await trx.insertInto('indicator_sets').values(row).onConflict((oc) => oc.column('name').doUpdateSet(update)).execute();
        await bump(trx);
        return { created: existed === undefined };
      }),
    delete: (name) =>
      db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('indicator_sets').where('name', '=', name).executeTakeFirst();
        const deleted = Number(result.numDeletedRows) > 0;
        if (deleted) await bump(trx);
        return deleted;
      }),
    async revision() {
      const row = await db.selectFrom('counters').select('value').where('name', '=', REVISION).executeTakeFirstOrThrow();
      return Number(row.value);
    },
  };
}
