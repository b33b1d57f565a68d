/** Users: who may sign in, their role and the entities they may see and act on. */
import type { Selectable, Updateable } from 'kysely';
import { UserError } from '../shared/errors.js';
import type { Db, UsersTable } from './database.js';
import { isUniqueViolation } from './pg-errors.js';
import type { Role, UserRecord, UserRepo } from './types.js';

export function createUserRepo(db: Db): UserRepo {
  return {
    async get(username) {
      const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return row && toUser(row);
    },
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
      return rows.map(toUser);
    },
    async create(user) {
      try {
        await db.insertInto('users').values(toRow(user)).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new UserError('conflict', `user ${user.username} already exists`, [], { username: user.username });
      }
    },
    async update(username, patch) {
      const set = toPatch(patch);
      const query = db.updateTable('users').where('username', '=', username);
      const result = Object.keys(set).length
        ? await query.set(set).executeTakeFirst()
        : await query.set({ username }).executeTakeFirst();
      if (result.numUpdatedRows === 0n) {
        throw new UserError('not_found', `user ${username} does not exist`, [], { username });
      }
    },
    async count() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    entities: row.entities,
    passwordHash: row.password_hash,
    disabled: row.disabled,
    createdAt: row.created_at,
  };
}

function toRow(user: UserRecord): UsersTable {
  return {
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    entities: user.entities,
    password_hash: user.passwordHash,
    disabled: user.disabled,
    created_at: user.createdAt,
  };
}

function toPatch(patch: Partial<Omit<UserRecord, 'username' | 'createdAt'>>): Updateable<UsersTable> {
  const set: Updateable<UsersTable> = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.entities !== undefined) set.entities = patch.entities;
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  return set;
}
