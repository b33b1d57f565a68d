/**
 * The executor's actions. Bulk statements take their rows as one JSON parameter (`jsonb_to_recordset`), so
 * 10,000 actions are one statement and stay far from the 65,535-parameter limit. Every change made while
 * running is conditional on this node's lease and the attempt it runs, so two nodes (or a late result of an
 * abandoned attempt) can never move an action twice.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { toPlanRun, toStoredAction, type ActionTables, type PlanActionsTable } from './action-rows.js';
import type { ActionChange, ActionRepo, ChangedAction, Direction, NewAction, StoredAction } from './action-types.js';
import type { Database, Db } from './database.js';
import type { Selectable } from 'kysely';
import type { ActionState } from '../respond/types.js';
import { toInt } from './database.js';
import { chunks } from './sql-helpers.js';

type ActionDb = Kysely<Database & ActionTables>;
type Row = Selectable<PlanActionsTable>;

const json = (value: unknown): string => JSON.stringify(value);
const entry = (state: ActionState, at: string, detail: string) => json([{ state, at, detail }]);

/** Largest JSON parameter per statement (rows), to keep single statements and their results bounded. */
const BULK = 5000;

export function createActionRepo(base: Db): ActionRepo {
  const db: ActionDb = base.withTables<ActionTables>();
  return {
    insert: (input) => insertActions(db, input),
    queueReversals: (input) => queueReversals(db, input),
    claim: ({ node, now, leaseUntil, limit }) =>
      changedRows(db, sql`
        update plan_actions a set
          attempts = case when a.state = 'requested' then a.attempts + 1 else a.attempts end,
          history = a.history || case when a.state = 'requested'
            then jsonb_build_array(jsonb_build_object('state', 'sent', 'at', ${now}::text, 'detail', 'attempt ' || (a.attempts + 1) || ' on ' || ${node}::text))
            else jsonb_build_array(jsonb_build_object('state', a.state, 'at', ${now}::text, 'detail', 'attempt ' || a.attempts || ' resumed on ' || ${node}::text))
          end,
          logged = jsonb_array_length(a.history) + 1,
          state = case when a.state = 'requested' then 'sent' else a.state end,
          lease_node = ${node}, lease_until = ${leaseUntil}, updated_at = ${now}
        from (
          select plan_id, action_id, direction, logged as before from plan_actions
          where due_at is not null and due_at <= ${now} and (lease_until is null or lease_until <= ${now})
          order by due_at, plan_id, seq limit ${limit} for update skip locked) p
        where a.plan_id = p.plan_id and a.action_id = p.action_id and a.direction = p.direction
          and a.due_at is not null and (a.lease_until is null or a.lease_until <= ${now})
        returning a.*, p.before`),
    async renewLeases(node, leaseUntil) {
      const result = await db.updateTable('plan_actions').set({ lease_until: leaseUntil }).where('lease_node', '=', node).where('due_at', 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async releaseLeases(node) {
      const result = await db.updateTable('plan_actions').set({ lease_node: null, lease_until: null }).where('lease_node', '=', node).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    record: (node, changes) => (changes.length === 0 ? Promise.resolve([]) : db.transaction().execute(async (trx) => {
      const changed: ChangedAction[] = [];
      for (const part of chunks(changes, BULK)) changed.push(...(await applyChanges(trx, node, part)));
      const undone = changed.map((c) => c.action).filter((a) => a.direction === 'reverse' && a.dueAt === null && (a.state === 'verified' || a.state === 'applied'));
      if (undone.length > 0) changed.push(...(await markRolledBack(trx, undone)));
      return changed;
    })),
    takeUnlogged: (limit) =>
      changedRows(db, sql`
        update plan_actions a set logged = jsonb_array_length(a.history)
        from (
          select plan_id, action_id, direction, logged as before from plan_actions
          where jsonb_array_length(history) > logged order by plan_id, seq limit ${limit} for update skip locked) p
        where a.plan_id = p.plan_id and a.action_id = p.action_id and a.direction = p.direction
        returning a.*, p.before`),
    async finishRuns(runs, at) {
      if (runs !== 'open' && runs.length === 0) return [];
      const which = runs === 'open'
        ? sql`true`
        : sql`(r.plan_id, r.direction) in (select x.plan_id, x.direction from jsonb_to_recordset(${json(runs.map((r) => ({ plan_id: r.planId, direction: r.direction })))}::jsonb) as x(plan_id text, direction text))`;
      const { rows } = await sql<Selectable<ActionTables['plan_runs']>>`
        update plan_runs r set finished_at = ${at}
        where ${which} and r.finished_at is null
          and not exists (select 1 from plan_actions a where a.plan_id = r.plan_id and a.direction = r.direction and a.due_at is not null)
        returning r.*`.execute(db);
      return rows.map(toPlanRun);
    },
    async counts(planId) {
      const rows = await db.selectFrom('plan_actions').select(['direction', 'state', (eb) => eb.fn.countAll<string | number>().as('n')]).where('plan_id', '=', planId).groupBy(['direction', 'state']).execute();
      const out: Record<Direction, Partial<Record<ActionState, number>>> = { forward: {}, reverse: {} };
      for (const row of rows) out[row.direction as Direction][row.state as ActionState] = toInt(row.n);
      return out;
    },
    async list(planId) {
      const rows = await db.selectFrom('plan_actions').selectAll().where('plan_id', '=', planId).orderBy('seq').orderBy('direction').execute();
      return rows.map(toStoredAction);
    },
    async listForIncident(incidentId, filter = {}) {
      // Through the runs (indexed by incident), so that the actions table carries one index fewer on every insert.
      let plans = db.selectFrom('plan_runs').select('plan_id').where('incident_id', '=', incidentId);
      if (filter.exceptPlans?.length) plans = plans.where('plan_id', 'not in', filter.exceptPlans);
      let query = db.selectFrom('plan_actions').selectAll().where('plan_id', 'in', plans);
      if (filter.operations) {
        if (filter.operations.length === 0) return [];
        query = query.where('operation', 'in', filter.operations);
      }
      if (filter.exceptOperations?.length) query = query.where('operation', 'not in', filter.exceptOperations);
      if (filter.direction) query = query.where('direction', '=', filter.direction);
      const rows = await query.orderBy('created_at').orderBy('plan_id').orderBy('seq').orderBy('direction').execute();
      return rows.map(toStoredAction);
    },
    async get(planId, actionId, direction) {
      const row = await db.selectFrom('plan_actions').selectAll().where('plan_id', '=', planId).where('action_id', '=', actionId).where('direction', '=', direction).executeTakeFirst();
      return row && toStoredAction(row);
    },
  };
}

/** The per-action columns only (the plan, incident, actor and first history entry are the same for all). */
function actionJson(a: NewAction) {
  return { action_id: a.actionId, seq: a.seq, connector: a.connector, operation: a.operation, args: a.args, target: a.target, label: a.label, reversal: a.reversal };
}

async function insertActions(db: ActionDb, input: Parameters<ActionRepo['insert']>[0]): Promise<number> {
  const { at, actor, direction } = input;
  return db.transaction().execute(async (trx) => {
    let inserted = 0;
    for (const part of chunks(input.actions, BULK)) {
      const { rows } = await sql<{ action_id: string }>`
        insert into plan_actions (plan_id, action_id, direction, incident_id, seq, connector, operation, args, target, label, reversal, actor,
          state, attempts, attempt_limit, run_started_at, due_at, history, logged, created_at, updated_at)
        select ${input.planId}, x.action_id, ${direction}, ${input.incidentId}, x.seq, x.connector, x.operation, x.args, x.target, x.label, x.reversal, ${actor},
          'requested', 0, ${input.attemptLimit}, ${at}, ${at}, ${entry('requested', at, `requested by ${actor}`)}::jsonb, 1, ${at}, ${at}
        from jsonb_to_recordset(${json(part.map(actionJson))}::jsonb) as x(action_id text, seq integer,
          connector text, operation text, args jsonb, target jsonb, label text, reversal jsonb)
        on conflict (plan_id, action_id, direction) do nothing
        returning action_id`.execute(trx);
      inserted += rows.length;
    }
    if (inserted > 0) await openRun(trx, { planId: input.planId, direction, incidentId: input.incidentId, actor, at });
    return inserted;
  });
}

async function openRun(db: ActionDb, run: { planId: string; direction: Direction; incidentId: string; actor: string; at: string }): Promise<void> {
  await db
    .insertInto('plan_runs')
    .values({ plan_id: run.planId, direction: run.direction, incident_id: run.incidentId, actor: run.actor, started_at: run.at, finished_at: null })
    .onConflict((oc) => oc.columns(['plan_id', 'direction']).doUpdateSet({ actor: run.actor, started_at: run.at, finished_at: null }))
    .execute();
}

async function queueReversals(db: ActionDb, input: Parameters<ActionRepo['queueReversals']>[0]): Promise<string[]> {
  const { planId, actor, at, attemptsPerRun } = input;
  const only = input.actionIds === undefined ? sql`true` : sql`f.action_id in (select jsonb_array_elements_text(${json(input.actionIds)}::jsonb))`;
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ action_id: string; incident_id: string }>`
      insert into plan_actions as r (plan_id, action_id, direction, incident_id, seq, connector, operation, args, target, label, reversal, actor,
        state, attempts, attempt_limit, run_started_at, due_at, history, logged, created_at, updated_at)
      select f.plan_id, f.action_id, 'reverse', f.incident_id, f.seq, f.connector, f.reversal->>'operation', coalesce(f.reversal->'args', '{}'::jsonb),
        f.target, 'undo ' || f.label, null, ${actor}, 'requested', 0, ${attemptsPerRun}, ${at}, ${at}, ${entry('requested', at, `rollback by ${actor}`)}::jsonb, 1, ${at}, ${at}
      from plan_actions f
      where f.plan_id = ${planId} and f.direction = 'forward' and f.state in ('applied', 'verified')
        and jsonb_typeof(f.reversal) = 'object' and ${only}
      on conflict (plan_id, action_id, direction) do update set
        state = 'requested', actor = excluded.actor, attempt_limit = r.attempts + ${attemptsPerRun}, run_started_at = excluded.run_started_at,
        due_at = excluded.due_at, updated_at = excluded.updated_at,
        history = r.history || ${entry('requested', at, `rollback again by ${actor}`)}::jsonb
      where r.state = 'failed' and r.due_at is null
      returning r.action_id, r.incident_id`.execute(trx);
    const first = rows[0];
    if (first) await openRun(trx, { planId, direction: 'reverse', incidentId: first.incident_id, actor, at });
    return rows.map((r) => r.action_id);
  });
}

function changeJson(c: ActionChange) {
  return {
    plan_id: c.planId, action_id: c.actionId, direction: c.direction, attempt: c.attempt, from_states: c.from.join(','), state: c.state,
    entries: c.entries, at: c.entries[c.entries.length - 1]?.at,
    set_evidence: c.evidence !== undefined, evidence: c.evidence ?? null,
    set_error: c.error !== undefined, error: c.error ?? null,
    settle: c.settle !== undefined, due_at: c.settle?.dueAt ?? null,
  };
}

function applyChanges(db: ActionDb, node: string, changes: readonly ActionChange[]): Promise<ChangedAction[]> {
  // History is marked logged only when all of it was (the usual case): then the new entries are returned as news.
  // A row with older unlogged entries keeps them unlogged, and `takeUnlogged` hands all of them out later.
  return changedRows(db, sql`
    update plan_actions a set
      state = v.state,
      evidence = case when v.set_evidence then v.evidence else a.evidence end,
      error = case when v.set_error then v.error else a.error end,
      due_at = case when v.settle then v.due_at else a.due_at end,
      lease_node = case when v.settle then null else a.lease_node end,
      lease_until = case when v.settle then null else a.lease_until end,
      history = a.history || v.entries, updated_at = v.at,
      logged = case when a.logged = jsonb_array_length(a.history) then a.logged + jsonb_array_length(v.entries) else a.logged end
    from jsonb_to_recordset(${json(changes.map(changeJson))}::jsonb) as v(plan_id text, action_id text, direction text, attempt integer,
      from_states text, state text, entries jsonb, at text, set_evidence boolean, evidence jsonb, set_error boolean, error jsonb, settle boolean, due_at text)
    where a.plan_id = v.plan_id and a.action_id = v.action_id and a.direction = v.direction
      and a.attempts = v.attempt and a.lease_node = ${node} and a.state = any(string_to_array(v.from_states, ','))
    returning a.*, case when a.logged = jsonb_array_length(a.history) then a.logged - jsonb_array_length(v.entries) else jsonb_array_length(a.history) end as before`);
}

function markRolledBack(db: ActionDb, undone: readonly StoredAction[]): Promise<ChangedAction[]> {
  const keys = undone.map((a) => ({ plan_id: a.planId, action_id: a.actionId, at: a.updatedAt, detail: `reversal ${a.operation} ${a.state} (attempt ${a.attempts})` }));
  return changedRows(db, sql`
    update plan_actions f set state = 'rolled_back', updated_at = x.at,
      history = f.history || jsonb_build_array(jsonb_build_object('state', 'rolled_back', 'at', x.at, 'detail', x.detail)),
      logged = case when f.logged = jsonb_array_length(f.history) then f.logged + 1 else f.logged end
    from jsonb_to_recordset(${json(keys)}::jsonb) as x(plan_id text, action_id text, at text, detail text)
    where f.plan_id = x.plan_id and f.action_id = x.action_id and f.direction = 'forward' and f.state in ('applied', 'verified')
    returning f.*, case when f.logged = jsonb_array_length(f.history) then f.logged - 1 else jsonb_array_length(f.history) end as before`);
}

/**
 * Runs an `update ... returning` and reads its rows back as one JSON value: PGlite's cost is per returned cell,
 * so thousands of wide rows come back an order of magnitude faster as one.
 */
async function changedRows(db: ActionDb, update: RawBuilder<unknown>): Promise<ChangedAction[]> {
  const { rows } = await sql<{ rows: string }>`with changed as (${update}) select coalesce(json_agg(changed), '[]'::json)::text as rows from changed`.execute(db);
  const parsed = JSON.parse(rows[0]?.rows ?? '[]') as (Row & { before: number })[];
  return parsed.map((row) => ({ action: toStoredAction(row), before: Number(row.before) }));
}
