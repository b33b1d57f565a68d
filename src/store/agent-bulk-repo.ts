/**
 * Batch forms of the agent repository, for fan-outs over thousands of agents: one statement per chunk of rows
 * instead of one round trip per row. The rows travel as one JSON parameter read with `jsonb_to_recordset`
 * (the statement stays small to parse and plan, whatever the number of rows: markedly faster than a
 * `values` list on PGlite and PostgreSQL alike). Every state change stays conditional, as in
 * agent-command-repo.ts, so nodes, late results and the timeout sweep can race.
 */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { AgentDb } from './agent-repo.js';
import { agentRow, commandRow, json, toAgent, toCommand, toToken, type AgentCommandsTable } from './agent-rows.js';
import type { AgentCommandRecord, AgentRecord, AgentRepo } from './agent-types.js';
import { COUNTER } from './database.js';
import { chunks } from './sql-helpers.js';

type BulkMethods = Pick<
  AgentRepo,
  | 'createTokens'
  | 'redeemTokens'
  | 'findByHostnames'
  | 'recordConnected'
  | 'reserveSeqs'
  | 'recordSeenMany'
  | 'syncHostAgents'
  | 'createCommands'
  | 'getCommands'
  | 'findCommands'
  | 'markDisconnectedMany'
  | 'setWaitingReasons'
  | 'claimMany'
  | 'pendingCommandsOf'
  | 'sentCommandsOf'
  | 'clearWaitingReasons'
  | 'applyChanges'
>;

/** Rows per statement: 14 columns x 1,000 rows stays far below the 65,535 parameters of the protocol. */
const CHUNK = 1000;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A command's plain columns (the jsonb ones are added as values, not text). */
function commandColumns(c: AgentCommandRecord) {
  const { args: _args, reason: _reason, evidence: _evidence, history: _history, ...row } = commandRow(c);
  return row;
}

/** The rows as one jsonb parameter, for `jsonb_to_recordset(...) as v(column type, ...)`. */
function recordset(rows: readonly object[]): RawBuilder<unknown> {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`;
}

function lastSeqs(rows: readonly { id: string; last_seq: number | string }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.id, Number(r.last_seq)]));
}

export function createAgentBulkRepo(db: AgentDb): BulkMethods {
  return { ...tokenBatch(db), ...agentBatch(db), ...commandBatch(db) };
}

function tokenBatch(db: AgentDb): Pick<BulkMethods, 'createTokens' | 'redeemTokens'> {
  return {
    async createTokens(tokens) {
      for (const part of chunks(tokens, CHUNK)) {
        if (part.some((t) => !SHA256_HEX.test(t.secretHash))) throw new Error('secretHash must be a sha256 hex digest, never the secret itself');
        await db
          .insertInto('agent_enrolment_tokens')
          .values(part.map((t) => ({ id: t.id, secret_hash: t.secretHash, host: t.host, created_by: t.createdBy, created_at: t.createdAt, expires_at: t.expiresAt, used_at: t.usedAt, agent_id: t.agentId })))
          .execute();
      }
    },
    redeemTokens: (requests, now) =>
      db.transaction().execute(async (trx) => {
        const results: (AgentRecord | undefined)[] = requests.map(() => undefined);
        const index = new Map<string, number>();
        requests.forEach((r, i) => index.has(r.secretHash) || index.set(r.secretHash, i));
        for (const part of chunks([...index.keys()], CHUNK)) {
          const tokens = await trx
            .updateTable('agent_enrolment_tokens')
            .set({ used_at: now })
            .where('secret_hash', 'in', part)
            .where('used_at', 'is', null)
            .where('expires_at', '>', now)
            .returningAll()
            .execute();
          if (tokens.length === 0) continue;
          const made = tokens.map((row) => {
            const token = toToken(row);
            const i = index.get(token.secretHash) ?? -1;
            const agent = requests[i]?.makeAgent(token);
            if (!agent || !SHA256_HEX.test(agent.credentialHash)) throw new Error('credentialHash must be a sha256 hex digest');
            results[i] = agent;
            return { token, agent };
          });
          await trx.insertInto('agents').values(made.map((m) => agentRow(m.agent))).execute();
          const links = made.map((m) => ({ id: m.token.id, agent_id: m.agent.id }));
          await sql`update agent_enrolment_tokens t set agent_id = v.agent_id from ${recordset(links)} as v(id text, agent_id text) where t.id = v.id`.execute(trx);
        }
        return results;
      }),
  };
}

function agentBatch(db: AgentDb): Pick<BulkMethods, 'findByHostnames' | 'recordConnected' | 'reserveSeqs' | 'recordSeenMany' | 'syncHostAgents' | 'markDisconnectedMany'> {
  return {
    async markDisconnectedMany(agentIds, node) {
      for (const part of chunks([...new Set(agentIds)], CHUNK)) {
        await db.updateTable('agents').set({ connected_node: null, connected_at: null }).where('id', 'in', part).where('connected_node', '=', node).execute();
      }
    },
    async findByHostnames(hostnames) {
      const out: AgentRecord[] = [];
      for (const part of chunks([...new Set(hostnames)], CHUNK)) {
        const rows = await db.selectFrom('agents').selectAll().where('hostname', 'in', part).where('revoked_at', 'is', null).orderBy('enrolled_at', 'desc').orderBy('id').execute();
        out.push(...rows.map(toAgent));
      }
      return out;
    },
    async recordConnected(agents, seqBlock) {
      const out = new Map<string, number>();
      for (const part of chunks(agents, CHUNK)) {
        const result = await sql<{ id: string; last_seq: number }>`
          update agents a set connected_node = v.node, connected_at = v.at, last_seen_at = v.at, last_seq = a.last_seq + ${seqBlock}::int
          from ${recordset(part)} as v(id text, at text, node text) where a.id = v.id returning a.id, a.last_seq`.execute(db);
        for (const [id, seq] of lastSeqs(result.rows)) out.set(id, seq);
      }
      return out;
    },
    async reserveSeqs(requests) {
      const out = new Map<string, number>();
      for (const part of chunks(requests, CHUNK)) {
        const result = await sql<{ id: string; last_seq: number }>`
          update agents a set last_seq = a.last_seq + v.n from ${recordset(part)} as v(id text, n integer) where a.id = v.id returning a.id, a.last_seq`.execute(db);
        for (const [id, seq] of lastSeqs(result.rows)) out.set(id, seq);
      }
      return out;
    },
    async recordSeenMany(updates) {
      for (const part of chunks(updates, CHUNK)) {
        await sql`
          update agents a set last_seen_at = v.at,
            connected_at = case when v.node is not null and a.connected_node is distinct from v.node then v.at else a.connected_at end,
            connected_node = coalesce(v.node, a.connected_node),
            version = coalesce(v.version, a.version), os = coalesce(v.os, a.os),
            inventory = coalesce(v.inventory, a.inventory), isolation = coalesce(v.isolation, a.isolation)
          from ${recordset(part)} as v(id text, at text, node text, version text, os text, inventory jsonb, isolation jsonb) where a.id = v.id`.execute(db);
      }
    },
    syncHostAgents: (syncs, bumpRevision) =>
      db.transaction().execute(async (trx) => {
        let changed = 0;
        for (const part of chunks(syncs, CHUNK)) {
          const rows = part.map((s) => ({ hostname: s.hostname, agent_id: s.agentId, at: s.info.lastSeen, info: s.info }));
          const updated = await sql`update hosts h set doc = jsonb_set(h.doc, '{agent}', v.info) from ${recordset(rows)} as v(hostname text, info jsonb) where h.hostname = v.hostname`.execute(trx);
          changed += Number(updated.numAffectedRows ?? 0n);
          await sql`update agents a set host_synced_at = v.at from ${recordset(rows)} as v(agent_id text, at text) where a.id = v.agent_id`.execute(trx);
        }
        if (changed > 0 && bumpRevision) {
          await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', COUNTER.estateRevision).execute();
        }
      }),
  };
}

type CommandBatchMethods = 'createCommands' | 'getCommands' | 'findCommands' | 'claimMany' | 'pendingCommandsOf' | 'sentCommandsOf' | 'clearWaitingReasons' | 'setWaitingReasons' | 'applyChanges';

function commandBatch(db: AgentDb): Pick<BulkMethods, CommandBatchMethods> {
  return {
    async setWaitingReasons(reasons, now) {
      const out = [];
      for (const part of chunks(reasons, CHUNK)) {
        const rows = part.map((r) => ({ agent_id: r.agentId, reason: r.reason }));
        const result = await sql<Selectable<AgentCommandsTable>>`
          update agent_commands c set reason = v.reason, updated_at = ${now}
          from ${recordset(rows)} as v(agent_id text, reason jsonb)
          where c.agent_id = v.agent_id and c.state = 'requested' returning c.*`.execute(db);
        out.push(...result.rows.map(toCommand));
      }
      return out;
    },
    async sentCommandsOf(agentIds, now) {
      const out = [];
      for (const part of chunks([...new Set(agentIds)], CHUNK)) {
        const rows = await db.selectFrom('agent_commands').selectAll().where('agent_id', 'in', part).where('state', '=', 'sent').where('expires_at', '>', now).orderBy('seq').execute();
        out.push(...rows.map(toCommand));
      }
      return out;
    },
    async pendingCommandsOf(agentIds, now) {
      const out = [];
      for (const part of chunks([...new Set(agentIds)], CHUNK)) {
        const rows = await db.selectFrom('agent_commands').selectAll().where('agent_id', 'in', part).where('state', '=', 'requested').where('expires_at', '>', now).orderBy('requested_at').orderBy('id').execute();
        out.push(...rows.map(toCommand));
      }
      return out;
    },
    async clearWaitingReasons(agentIds, now) {
      const out = [];
      for (const part of chunks([...new Set(agentIds)], CHUNK)) {
        const rows = await db.updateTable('agent_commands').set({ reason: null, updated_at: now }).where('agent_id', 'in', part).where('state', '=', 'requested').where('reason', 'is not', null).returningAll().execute();
        out.push(...rows.map(toCommand));
      }
      return out;
    },
    async createCommands(commands) {
      const inserted = new Set<string>();
      for (const part of chunks(commands, CHUNK)) {
        const rows = part.map((c) => ({ ...commandColumns(c), args: c.args, reason: c.reason, evidence: c.evidence, history: c.history }));
        const result = await sql<{ id: string }>`
          insert into agent_commands (id, agent_id, seq, type, args, state, reason, evidence, requested_by, requested_at, expires_at, deadline_at, updated_at, history)
          select id, agent_id, seq, type, args, state, reason, evidence, requested_by, requested_at, expires_at, deadline_at, updated_at, history
          from ${recordset(rows)} as v(id uuid, agent_id text, seq integer, type text, args jsonb, state text, reason jsonb, evidence jsonb,
            requested_by text, requested_at text, expires_at text, deadline_at text, updated_at text, history jsonb)
          on conflict (id) do nothing returning id`.execute(db);
        for (const row of result.rows) inserted.add(row.id);
      }
      return inserted;
    },
    async getCommands(ids) {
      const out = [];
      for (const part of chunks([...new Set(ids)], CHUNK)) {
        const rows = await db.selectFrom('agent_commands').selectAll().where('id', 'in', part).execute();
        out.push(...rows.map(toCommand));
      }
      return out;
    },
    async findCommands(agentIds, type, states) {
      const out: AgentCommandRecord[] = [];
      if (states.length === 0) return out;
      for (const part of chunks([...new Set(agentIds)], CHUNK)) {
        const rows = await db.selectFrom('agent_commands').selectAll().where('agent_id', 'in', part).where('type', '=', type).where('state', 'in', [...states]).orderBy('requested_at').execute();
        out.push(...rows.map(toCommand));
      }
      return out;
    },
    async claimMany(claims, now) {
      const claimed = [];
      const entry = json([{ state: 'sent', at: now }]);
      for (const part of chunks(claims, CHUNK)) {
        const result = await sql<Selectable<AgentCommandsTable>>`
          update agent_commands c set state = 'sent', seq = v.seq, reason = null, updated_at = ${now}, history = c.history || ${entry}::jsonb
          from ${recordset(part)} as v(id uuid, seq integer)
          where c.id = v.id and c.state = 'requested' and c.expires_at > ${now} returning c.*`.execute(db);
        claimed.push(...result.rows.map(toCommand));
      }
      return claimed;
    },
    async applyChanges(changes) {
      const applied = new Set<string>();
      for (const part of chunks(changes, CHUNK)) {
        const rows = part.map((c) => ({ id: c.id, expected: c.expected, to_state: c.to, at: c.at, set_reason: c.reason !== undefined, reason: c.reason ?? null, evidence: c.evidence ?? null, entries: c.entries }));
        const result = await sql<{ id: string }>`
          update agent_commands c set state = v.to_state, updated_at = v.at,
            reason = case when v.set_reason then v.reason else c.reason end,
            evidence = coalesce(v.evidence, c.evidence),
            history = c.history || v.entries
          from ${recordset(rows)} as v(id uuid, expected text, to_state text, at text, set_reason boolean, reason jsonb, evidence jsonb, entries jsonb)
          where c.id = v.id and c.state = v.expected returning c.id`.execute(db);
        for (const row of result.rows) applied.add(row.id);
      }
      return applied;
    },
  };
}
