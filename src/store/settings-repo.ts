/** Key/value settings (server signing keys, first-start markers). */
import type { Db } from './database.js';
import type { SettingsRepo } from './types.js';

export function createSettingsRepo(db: Db): SettingsRepo {
  return {
    async get(key) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },
    async set(key, value) {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
