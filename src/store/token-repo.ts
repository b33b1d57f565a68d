/**
 * Session and API tokens. Only the sha256 of a secret is stored (a check constraint rejects anything that is
 * not 64 lower-case hex digits, so a raw secret can never be written by mistake).
 */
import type { Selectable } from 'kysely';
import { UserError } from '../shared/errors.js';
import type { Db, TokensTable } from './database.js';
import { isForeignKeyViolation, isUniqueViolation } from './pg-errors.js';
import type { TokenRecord, TokenRepo } from './types.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function createTokenRepo(db: Db): TokenRepo {
  return {
    async create(token) {
      assertSecretHash(token.secretHash);
      try {
        await db.insertInto('tokens').values(toRow(token)).execute();
      } catch (error) {
        throw translateInsertError(error, token);
      }
    },
    async findBySecretHash(secretHash) {
      const row = await db.selectFrom('tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
      return row && toToken(row);
    },
    async listForUser(username) {
      const rows = await db
        .selectFrom('tokens')
        .selectAll()
        .where('username', '=', username)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },
    async delete(id) {
      const result = await db.deleteFrom('tokens').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async touch(id, at) {
      await db.updateTable('tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async deleteExpired(now) {
      const result = await db.deleteFrom('tokens').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function assertSecretHash(secretHash: string): void {
  if (!SHA256_HEX.test(secretHash)) {
    throw new UserError(
      'invalid_input',
      'token secretHash must be the sha256 of the secret as 64 lower-case hex digits',
      [
        {
          field: 'secretHash',
          message: 'not a sha256 hex digest',
          hint: "store createHash('sha256').update(secret).digest('hex')",
        },
      ],
    );
  }
}

function translateInsertError(error: unknown, token: TokenRecord): unknown {
  if (isUniqueViolation(error))
    return new UserError('conflict', `a token with id ${token.id} or the same secret already exists`, [], {
      id: token.id,
    });
  if (isForeignKeyViolation(error)) {
    return new UserError('not_found', `user ${token.username} does not exist`, [], { username: token.username });
  }
  return error;
}

function toToken(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    username: row.username,
    kind: row.kind as TokenRecord['kind'],
    name: row.name,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}

function toRow(token: TokenRecord): TokensTable {
  return {
    id: token.id,
    username: token.username,
    kind: token.kind,
    name: token.name,
    secret_hash: token.secretHash,
    created_at: token.createdAt,
    expires_at: token.expiresAt,
    last_used_at: token.lastUsedAt,
  };
}
