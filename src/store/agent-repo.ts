/**
 * Endpoint agents: enrolment tokens (redeemed once, in a transaction), agents and what they last reported,
 * and the `agent` field of their estate host. Commands are in agent-command-repo.ts, batch forms in
 * agent-bulk-repo.ts.
 */
import { sql, type Kysely } from 'kysely';
import { UserError } from '../shared/errors.js';
import { createAgentBulkRepo } from './agent-bulk-repo.js';
import { createAgentCommandRepo } from './agent-command-repo.js';
import { agentRow, jsonOrNull, toAgent, toToken, type AgentTables } from './agent-rows.js';
import type { AgentRepo, AgentSeen } from './agent-types.js';
import { COUNTER, type Database, type Db } from './database.js';
import { isUniqueViolation } from './pg-errors.js';

export type AgentDb = Kysely<Database & AgentTables>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

function assertHash(field: string, value: string): void {
  if (!SHA256_HEX.test(value)) throw new UserError('invalid_input', `${field} must be a sha256 hex digest, never the secret itself`);
}

export function createAgentRepo(base: Db): AgentRepo {
  const db: AgentDb = base.withTables<AgentTables>();
  return {
    async claimSetting(key, candidate) {
      await db.insertInto('settings').values({ key, value: candidate }).onConflict((oc) => oc.column('key').doNothing()).execute();
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return row.value;
    },
    ...tokenMethods(db),
    ...agentMethods(db),
    ...createAgentCommandRepo(db),
    ...createAgentBulkRepo(db),
  };
}

function tokenMethods(db: AgentDb): Pick<AgentRepo, 'createToken' | 'listTokens' | 'redeemToken'> {
  return {
    async createToken(token) {
      assertHash('secretHash', token.secretHash);
      await db
        .insertInto('agent_enrolment_tokens')
        .values({ id: token.id, secret_hash: token.secretHash, host: token.host, created_by: token.createdBy, created_at: token.createdAt, expires_at: token.expiresAt, used_at: token.usedAt, agent_id: token.agentId })
        .execute();
    },
    async listTokens() {
      const rows = await db.selectFrom('agent_enrolment_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toToken);
    },
    redeemToken: (secretHash, now, makeAgent) =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('agent_enrolment_tokens')
          .set({ used_at: now })
          .where('secret_hash', '=', secretHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        const agent = makeAgent(toToken(row));
        assertHash('credentialHash', agent.credentialHash);
        await trx.insertInto('agents').values(agentRow(agent)).execute();
        await trx.updateTable('agent_enrolment_tokens').set({ agent_id: agent.id }).where('id', '=', row.id).execute();
        return agent;
      }).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new UserError('conflict', 'an agent with this id or credential already exists');
        throw error;
      }),
  };
}

function seenPatch(seen: AgentSeen) {
  return {
    last_seen_at: seen.at,
    ...(seen.connectedNode !== undefined ? { connected_node: seen.connectedNode, connected_at: seen.at } : {}),
    ...(seen.version !== undefined ? { version: seen.version } : {}),
    ...(seen.os !== undefined ? { os: seen.os } : {}),
    ...(seen.inventory !== undefined ? { inventory: jsonOrNull(seen.inventory) } : {}),
    ...(seen.isolation !== undefined ? { isolation: jsonOrNull(seen.isolation) } : {}),
  };
}

function agentMethods(db: AgentDb): Pick<AgentRepo, 'get' | 'findByCredentialHash' | 'list' | 'recordSeen' | 'markDisconnected' | 'recordRejection' | 'syncHostAgent'> {
  return {
    async get(id) {
      const row = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAgent(row);
    },
    async findByCredentialHash(credentialHash) {
      const row = await db.selectFrom('agents').selectAll().where('credential_hash', '=', credentialHash).executeTakeFirst();
      return row && toAgent(row);
    },
    async list() {
      const rows = await db.selectFrom('agents').selectAll().orderBy('hostname').orderBy('id').execute();
      return rows.map(toAgent);
    },
    async recordSeen(id, seen) {
      await db.updateTable('agents').set(seenPatch(seen)).where('id', '=', id).execute();
    },
    async markDisconnected(id, node) {
      await db.updateTable('agents').set({ connected_node: null, connected_at: null }).where('id', '=', id).where('connected_node', '=', node).execute();
    },
    async recordRejection(id, rejection) {
      await db.updateTable('agents').set({ last_rejection: jsonOrNull(rejection) }).where('id', '=', id).execute();
    },
    syncHostAgent: (agentId, hostname, info, bumpRevision) =>
      db.transaction().execute(async (trx) => {
        const agent = JSON.stringify(info);
        const result = await trx
          .updateTable('hosts')
          .set({ doc: sql`jsonb_set(doc, '{agent}', ${agent}::jsonb)` })
          .where('hostname', '=', hostname)
          .executeTakeFirst();
        await trx.updateTable('agents').set({ host_synced_at: info.lastSeen }).where('id', '=', agentId).execute();
        const changed = result.numUpdatedRows > 0n;
        if (changed && bumpRevision) {
          await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', COUNTER.estateRevision).execute();
        }
        return changed;
      }),
  };
}
