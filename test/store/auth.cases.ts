/** Users, tokens and settings. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/shared/errors.js';
import { sha256, token, user } from './fixtures.js';
import type { SuiteContext } from './store.suite.js';

export function authCases(ctx: SuiteContext): void {
  describe('settings', () => {
    it('returns undefined for a missing key, then the value set, then the value overwritten', async () => {
      const { settings } = ctx.store();
      expect(await settings.get('signing-key')).toBeUndefined();
      await settings.set('signing-key', 'k1');
      expect(await settings.get('signing-key')).toBe('k1');
      await settings.set('signing-key', 'k2');
      expect(await settings.get('signing-key')).toBe('k2');
    });
  });

  describe('users', () => {
    it('creates, gets, lists in username order and counts users', async () => {
      const { users } = ctx.store();
      const before = await users.count();
      await users.create(user('zoe', { role: 'commander', entities: ['*'] }));
      await users.create(user('bob', { entities: [] }));
      expect(await users.get('zoe')).toEqual(user('zoe', { role: 'commander', entities: ['*'] }));
      expect(await users.get('bob')).toEqual(user('bob', { entities: [] }));
      expect(await users.get('nobody')).toBeUndefined();
      expect(await users.count()).toBe(before + 2);
      const names = (await users.list()).map((u) => u.username);
      expect(names).toEqual([...names].sort());
      expect(names).toEqual(expect.arrayContaining(['bob', 'zoe']));
    });

    it('refuses a second user with the same name as a conflict', async () => {
      const { users } = ctx.store();
      await users.create(user('carol'));
      await expect(users.create(user('carol', { displayName: 'Other' }))).rejects.toMatchObject({ code: 'conflict' });
      expect((await users.get('carol'))?.displayName).toBe('CAROL');
    });

    it('updates only the fields given and reports an unknown user as not found', async () => {
      const { users } = ctx.store();
      await users.create(user('dave'));
      await users.update('dave', { role: 'entity_lead', entities: ['fgs-uk', 'ff-jp'], disabled: true });
      expect(await users.get('dave')).toEqual(
        user('dave', { role: 'entity_lead', entities: ['fgs-uk', 'ff-jp'], disabled: true }),
      );
      await users.update('dave', {});
      expect((await users.get('dave'))?.role).toBe('entity_lead');
      const error: unknown = await users.update('nobody', { disabled: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'not_found' });
    });
  });

  describe('tokens', () => {
    it('finds a token by the hash of its secret, lists, touches and deletes it', async () => {
      const { users, tokens } = ctx.store();
      await users.create(user('erin'));
      await tokens.create(token('t-2', 'erin', { kind: 'api', name: 'ci', createdAt: '2021-06-01T02:00:00.000Z' }));
      await tokens.create(token('t-1', 'erin', { createdAt: '2021-06-01T01:00:00.000Z' }));
      expect(await tokens.findBySecretHash(sha256('secret-t-2'))).toEqual(
        token('t-2', 'erin', { kind: 'api', name: 'ci', createdAt: '2021-06-01T02:00:00.000Z' }),
      );
      expect(await tokens.findBySecretHash(sha256('wrong'))).toBeUndefined();
      expect((await tokens.listForUser('erin')).map((t) => t.id)).toEqual(['t-1', 't-2']);
      await tokens.touch('t-1', '2021-06-01T05:00:00.000Z');
      expect((await tokens.findBySecretHash(sha256('secret-t-1')))?.lastUsedAt).toBe('2021-06-01T05:00:00.000Z');
      expect(await tokens.delete('t-1')).toBe(true);
      expect(await tokens.delete('t-1')).toBe(false);
      expect((await tokens.listForUser('erin')).map((t) => t.id)).toEqual(['t-2']);
    });

    it('deletes expired tokens only and says how many', async () => {
      const { users, tokens } = ctx.store();
      await users.create(user('frank'));
      await tokens.create(token('x-old', 'frank', { expiresAt: '2021-06-01T00:00:00.000Z' }));
      await tokens.create(token('x-now', 'frank', { expiresAt: '2021-06-05T00:00:00.000Z' }));
      await tokens.create(token('x-new', 'frank', { expiresAt: '2031-01-01T00:00:00.000Z' }));
      expect(await tokens.deleteExpired('2021-06-05T00:00:00.000Z')).toBeGreaterThanOrEqual(2);
      expect((await tokens.listForUser('frank')).map((t) => t.id)).toEqual(['x-new']);
    });

    it('never stores something that is not a sha256, and refuses unknown users and duplicates', async () => {
      const { users, tokens } = ctx.store();
      await users.create(user('gina'));
      await expect(tokens.create(token('y-raw', 'gina', { secretHash: 'plain-secret' }))).rejects.toMatchObject({
        code: 'invalid_input',
      });
      await expect(tokens.create(token('y-1', 'nobody'))).rejects.toMatchObject({ code: 'not_found' });
      await tokens.create(token('y-1', 'gina'));
      await expect(tokens.create(token('y-1', 'gina'))).rejects.toMatchObject({ code: 'conflict' });
      expect((await tokens.listForUser('gina')).map((t) => t.id)).toEqual(['y-1']);
    });
  });
}
