/**
 * Batch forms of the agent repository, for fan-outs over thousands of agents: one statement per chunk of rows
 * (a multi-row insert, or an update joined to a `values` list) instead of one round trip per row. Every state
 * change stays conditional, as in agent-command-repo.ts, so nodes, late results and the timeout sweep can race.
 */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { AgentDb } from './agent-repo.js';
import { agentRow, commandRow, json, jsonOrNull, toAgent, toCommand, toToken, type AgentCommandsTable } from './agent-rows.js';
import type { AgentRecord, AgentRepo } from './agent-types.js';
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
  | 'claimMany'
  | 'pendingCommandsOf'
  | 'clearWaitingReasons'
  | 'applyChanges'
>;

/** Rows per statement: 14 columns x 1,000 rows stays far below the 65,535 parameters of the protocol. */
const CHUNK = 1000;

const SHA256_HEX = /^[0-9a-f]{64}$/;

function values(rows: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return sql.join(rows);
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
          const links = made.map((m) => sql`(${m.token.id}, ${m.agent.id})`);
          await sql`update agent_enrolment_tokens t set agent_id = v.agent_id from (values ${values(links)}) as v(id, agent_id) where t.id = v.id`.execute(trx);
        }
        return results;
      }),
  };
}

function agentBatch(db: AgentDb): Pick<BulkMethods, 'findByHostnames' | 'recordConnected' | 'reserveSeqs' | 'recordSeenMany' | 'syncHostAgents'> {
  return {
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
        const rows = part.map((a) => sql`(${a.id}, ${a.at}, ${a.node})`);
        const result = await sql<{ id: string; last_seq: number }>`
          update agents a set connected_node = v.node, connected_at = v.at, last_seen_at = v.at, last_seq = a.last_seq + ${seqBlock}::int
          from (values ${values(rows)}) as v(id, at, node) where a.id = v.id returning a.id, a.last_seq`.execute(db);
        for (const [id, seq] of lastSeqs(result.rows)) out.set(id, seq);
      }
      return out;
    },
    async reserveSeqs(requests) {
      const out = new Map<string, number>();
      for (const part of chunks(requests, CHUNK)) {
        const rows = part.map((r) => sql`(${r.id}, ${r.n}::int)`);
        const result = await sql<{ id: string; last_seq: number }>`
          update agents a set last_seq = a.last_seq + v.n from (values ${values(rows)}) as v(id, n) where a.id = v.id returning a.id, a.last_seq`.execute(db);
        for (const [id, seq] of lastSeqs(result.rows)) out.set(id, seq);
      }
      return out;
    },
    async recordSeenMany(updates) {
      for (const part of chunks(updates, CHUNK)) {
        const rows = part.map(
          (u) =>
            sql`(${u.id}, ${u.at}, ${u.node ?? null}::text, ${u.version ?? null}::text, ${u.os ?? null}::text, ${jsonOrNull(u.inventory)}::text, ${jsonOrNull(u.isolation)}::text)`,
        );
        await sql`
          update agents a set last_seen_at = v.at,
            connected_at = case when v.node is not null and a.connected_node is distinct from v.node then v.at else a.connected_at end,
            connected_node = coalesce(v.node, a.connected_node),
            version = coalesce(v.version, a.version), os = coalesce(v.os, a.os),
            inventory = coalesce(v.inventory::jsonb, a.inventory), isolation = coalesce(v.isolation::jsonb, a.isolation)
          from (values ${values(rows)}) as v(id, at, node, version, os, inventory, isolation) where a.id = v.id`.execute(db);
      }
    },
    syncHostAgents: (syncs, bumpRevision) =>
      db.transaction().execute(async (trx) => {
        let changed = 0;
        for (const part of chunks(syncs, CHUNK)) {
          const hosts = part.map((s) => sql`(${s.hostname}, ${JSON.stringify(s.info)})`);
          const updated = await sql`update hosts h set doc = jsonb_set(h.doc, '{agent}', v.info::jsonb) from (values ${values(hosts)}) as v(hostname, info) where h.hostname = v.hostname`.execute(trx);
          changed += Number(updated.numAffectedRows ?? 0n);
          const agents = part.map((s) => sql`(${s.agentId}, ${s.info.lastSeen})`);
          await sql`update agents a set host_synced_at = v.at from (values ${values(agents)}) as v(id, at) where a.id = v.id`.execute(trx);
        }
        if (changed > 0 && bumpRevision) {
          await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', COUNTER.estateRevision).execute();
        }
      }),
  };
}

function commandBatch(db: AgentDb): Pick<BulkMethods, 'createCommands' | 'getCommands' | 'findCommands' | 'claimMany' | 'pendingCommandsOf' | 'clearWaitingReasons' | 'applyChanges'> {
  return {
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
        const rows = await db.insertInto('agent_commands').values(part.map(commandRow)).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
        for (const row of rows) inserted.add(row.id);
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
    async findCommands(agentId, type, states) {
      if (states.length === 0) return [];
      const rows = await db.selectFrom('agent_commands').selectAll().where('agent_id', '=', agentId).where('type', '=', type).where('state', 'in', [...states]).orderBy('requested_at').execute();
      return rows.map(toCommand);
    },
    async claimMany(claims, now) {
      const claimed = [];
      const entry = json([{ state: 'sent', at: now }]);
      for (const part of chunks(claims, CHUNK)) {
        const rows = part.map((c) => sql`(${c.id}::uuid, ${c.seq}::int)`);
        const result = await sql<Selectable<AgentCommandsTable>>`
          update agent_commands c set state = 'sent', seq = v.seq, reason = null, updated_at = ${now}, history = c.history || ${entry}::jsonb
          from (values ${values(rows)}) as v(id, seq)
          where c.id = v.id and c.state = 'requested' and c.expires_at > ${now} returning c.*`.execute(db);
        claimed.push(...result.rows.map(toCommand));
      }
      return claimed;
    },
    async applyChanges(changes) {
      const applied = new Set<string>();
      for (const part of chunks(changes, CHUNK)) {
        const rows = part.map(
          (c) =>
            sql`(${c.id}::uuid, ${c.expected}, ${c.to}, ${c.at}, ${c.reason !== undefined}::boolean, ${jsonOrNull(c.reason)}::text, ${jsonOrNull(c.evidence)}::text, ${json(c.entries)}::text)`,
        );
        const result = await sql<{ id: string }>`
          update agent_commands c set state = v.to_state, updated_at = v.at,
            reason = case when v.set_reason then v.reason::jsonb else c.reason end,
            evidence = coalesce(v.evidence::jsonb, c.evidence),
            history = c.history || v.entries::jsonb
          from (values ${values(rows)}) as v(id, expected, to_state, at, set_reason, reason, evidence, entries)
          where c.id = v.id and c.state = v.expected returning c.id`.execute(db);
        for (const row of result.rows) applied.add(row.id);
      }
      return applied;
    },
  };
}
