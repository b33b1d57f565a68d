/** User administration (admin only). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUserSchema, updateUserSchema, userSchema } from '../../contracts/auth.js';
import { UserError } from '../../shared/errors.js';
import type { UserRecord } from '../../store/types.js';
import { authorise } from '../auth/authenticate.js';
import { hashPassword } from '../auth/secrets.js';
import type { AppContext } from '../context.js';

function present(u: UserRecord) {
  return { username: u.username, displayName: u.displayName, role: u.role, entities: u.entities, disabled: u.disabled, createdAt: u.createdAt };
}

async function checkEntities(ctx: AppContext, entities: string[]): Promise<void> {
  if (entities.includes('*')) return;
  const known = new Set((await ctx.estate.current()).doc.entities.map((e) => e.id));
  const unknown = entities.filter((e) => !known.has(e));
  if (unknown.length > 0) {
    throw new UserError('validation_failed', `unknown entities: ${unknown.join(', ')}`, unknown.map((e) => ({
      field: 'body.entities',
      message: `no entity "${e}" in the estate`,
      hint: 'use an entity id from GET /api/estate/entities, or "*" for all entities',
    })));
  }
}

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', { schema: { tags: ['users'], summary: 'List users', response: { 200: z.object({ items: z.array(userSchema) }) } } }, async (request) => {
    authorise(request, 'users:manage');
    return { items: (await ctx.store.users.list()).map(present) };
  });

  r.post('/api/users', { schema: { tags: ['users'], summary: 'Create a user', body: createUserSchema, response: { 201: userSchema } } }, async (request, reply) => {
    authorise(request, 'users:manage');
    const body = request.body;
    if (await ctx.store.users.get(body.username)) throw new UserError('conflict', `user ${body.username} already exists`);
    await checkEntities(ctx, body.entities);
    const user: UserRecord = {
      username: body.username,
      displayName: body.displayName ?? body.username,
      role: body.role,
      entities: body.entities,
      passwordHash: await hashPassword(body.password),
      disabled: false,
      createdAt: ctx.now().toISOString(),
    };
    await ctx.store.users.create(user);
    return reply.status(201).send(present(user));
  });

  r.patch('/api/users/:username', {
    schema: { tags: ['users'], summary: 'Change a user: role, entities, password, disabled', params: z.object({ username: z.string().max(64) }), body: updateUserSchema, response: { 200: userSchema } },
  }, async (request) => {
    const admin = authorise(request, 'users:manage');
    const { username } = request.params;
    if (!(await ctx.store.users.get(username))) throw new UserError('not_found', `no user ${username}`);
    const { password, ...rest } = request.body;
    if (username === admin.username && (rest.disabled === true || (rest.role !== undefined && rest.role !== 'admin'))) {
      throw new UserError('conflict', 'you cannot disable yourself or remove your own admin role', [], { hint: 'ask another admin' });
    }
    if (rest.entities) await checkEntities(ctx, rest.entities);
    const patch: Partial<Omit<UserRecord, 'username' | 'createdAt'>> = {};
    if (rest.displayName !== undefined) patch.displayName = rest.displayName;
    if (rest.role !== undefined) patch.role = rest.role;
    if (rest.entities !== undefined) patch.entities = rest.entities;
    if (rest.disabled !== undefined) patch.disabled = rest.disabled;
    if (password !== undefined) patch.passwordHash = await hashPassword(password);
    await ctx.store.users.update(username, patch);
    const updated = await ctx.store.users.get(username);
    return present(updated as UserRecord);
  });
}
