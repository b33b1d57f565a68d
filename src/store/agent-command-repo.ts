/**
 * Agent commands. Every change is a conditional update (allowed only from the listed states), so two server
 * nodes, a late result and the timeout sweep can race without a command ever moving backwards; each change
 * appends to the command's history.
 */
import { sql } from 'kysely';
import type { AgentDb } from './agent-repo.js';
import { commandRow, json, jsonOrNull, toCommand } from './agent-rows.js';
import type { AgentRepo, CommandHistoryEntry } from './agent-types.js';
import { toInt } from './database.js';

type CommandMethods = Pick<
  AgentRepo,
  'createCommand' | 'getCommand' | 'listCommands' | 'pendingCommands' | 'claimForSending' | 'transition' | 'setWaitingReason' | 'failOverdue'
>;

const OPEN_STATES = ['requested', 'sent', 'applied'] as const;

const appendHistory = (entry: CommandHistoryEntry) => sql<string>`history || ${json([entry])}::jsonb`;

export function createAgentCommandRepo(db: AgentDb): CommandMethods {
  return {
    async createCommand(command) {
      await db.insertInto('agent_commands').values(commandRow(command)).execute();
    },
    async getCommand(id) {
      const row = await db.selectFrom('agent_commands').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCommand(row);
    },
    async listCommands(agentId, page) {
      const base = db.selectFrom('agent_commands').where('agent_id', '=', agentId);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('requested_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
        base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toCommand), total: toInt(total.n), limit: page.limit, offset: page.offset };
    },
    async pendingCommands(agentId, now) {
      const rows = await db
        .selectFrom('agent_commands')
        .selectAll()
        .where('agent_id', '=', agentId)
        .where('state', '=', 'requested')
        .where('expires_at', '>', now)
        .orderBy('requested_at')
        .orderBy('id')
        .execute();
      return rows.map(toCommand);
    },
    claimForSending: (commandId, now) =>
      db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('agent_commands')
          .set({ state: 'sent', reason: null, updated_at: now, history: appendHistory({ state: 'sent', at: now }) })
          .where('id', '=', commandId)
          .where('state', '=', 'requested')
          .where('expires_at', '>', now)
          .returning('agent_id')
          .executeTakeFirst();
        if (!claimed) return undefined;
        const agent = await trx.updateTable('agents').set((eb) => ({ last_seq: eb('last_seq', '+', 1) })).where('id', '=', claimed.agent_id).returning('last_seq').executeTakeFirstOrThrow();
        const row = await trx.updateTable('agent_commands').set({ seq: agent.last_seq }).where('id', '=', commandId).returningAll().executeTakeFirstOrThrow();
        return toCommand(row);
      }),
    async transition(commandId, from, change) {
      const entry: CommandHistoryEntry = { state: change.to, at: change.at, ...(change.reason ? { reason: change.reason } : {}), ...(change.evidence ? { evidence: change.evidence } : {}) };
      const row = await db
        .updateTable('agent_commands')
        .set({
          state: change.to,
          updated_at: change.at,
          history: appendHistory(entry),
          ...(change.reason !== undefined ? { reason: jsonOrNull(change.reason) } : {}),
          ...(change.evidence !== undefined ? { evidence: json(change.evidence) } : {}),
        })
        .where('id', '=', commandId)
        .where('state', 'in', [...from])
        .returningAll()
        .executeTakeFirst();
      return row && toCommand(row);
    },
    async setWaitingReason(agentId, reason, now) {
      const rows = await db
        .updateTable('agent_commands')
        .set({ reason: jsonOrNull(reason), updated_at: now })
        .where('agent_id', '=', agentId)
        .where('state', '=', 'requested')
        .returningAll()
        .execute();
      return rows.map(toCommand);
    },
    async failOverdue(now) {
      const rows = await db
        .updateTable('agent_commands')
        .set({
          state: 'failed',
          updated_at: now,
          reason: sql<string>`jsonb_build_object('code', 'timeout', 'message', case when state = 'requested' then 'never delivered: the agent did not connect before the command expired at ' || expires_at else 'no final result from the agent before ' || deadline_at || ' (last state: ' || state || ')' end)`,
          history: sql<string>`history || jsonb_build_array(jsonb_build_object('state', 'failed', 'at', ${now}::text, 'reason', jsonb_build_object('code', 'timeout', 'message', 'timed out in state ' || state)))`,
        })
        .where((eb) => eb.and([eb('state', 'in', [...OPEN_STATES]), eb.or([eb('deadline_at', '<=', now), eb.and([eb('state', '=', 'requested'), eb('expires_at', '<=', now)])])]))
        .returningAll()
        .execute();
      return rows.map(toCommand);
    },
  };
}
