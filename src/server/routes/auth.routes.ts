/** Logging in (bearer tokens and browser sessions), logging out, the caller's identity, and API tokens. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokenSchema, createApiTokenSchema, credentialsSchema, meSchema, tokenResponseSchema } from '../../contracts/auth.js';
import { UserError } from '../../shared/errors.js';
import type { TokenRecord, UserRecord } from '../../store/types.js';
import { authorise, SESSION_COOKIE } from '../auth/authenticate.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { permissionsOf, toScope, type Principal } from '../auth/roles.js';
import { decoyPasswordHash, newTokenSecret, sha256Hex, verifyPassword } from '../auth/secrets.js';
import type { AppContext } from '../context.js';

export function meOf(user: Pick<UserRecord, 'username' | 'displayName' | 'role' | 'entities'>) {
  const scope = toScope(user.entities);
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    entities: scope === '*' ? ('*' as const) : [...scope],
    permissions: permissionsOf(user.role),
  };
}

async function checkCredentials(ctx: AppContext, throttle: LoginThrottle, username: string, password: string) {
  throttle.check(username);
  const user = await ctx.store.users.get(username);
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    throttle.fail(username);
    throw new UserError('unauthenticated', 'unknown user or wrong password');
  }
  throttle.succeed(username);
  return user;
}

async function issueToken(ctx: AppContext, username: string, kind: TokenRecord['kind'], name: string, hours: number) {
  const secret = newTokenSecret();
  const now = ctx.now();
  const record: TokenRecord = {
    id: randomUUID(),
    username,
    kind,
    name,
    secretHash: sha256Hex(secret),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + hours * 3600_000).toISOString(),
    lastUsedAt: null,
  };
  await ctx.store.tokens.create(record);
  return { secret, record };
}

function presentToken(t: TokenRecord) {
  return { id: t.id, name: t.name, kind: t.kind, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt };
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle(ctx.now);
  const sessionHours = ctx.config.sessionHours;

  r.post('/api/auth/token', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Exchange a username and password for a bearer token', body: credentialsSchema, response: { 200: tokenResponseSchema } },
  }, async (request) => {
    const user = await checkCredentials(ctx, throttle, request.body.username, request.body.password);
    const { secret, record } = await issueToken(ctx, user.username, 'session', 'api login', sessionHours);
    return { token: secret, expiresAt: record.expiresAt, user: meOf(user) };
  });

  r.post('/api/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Browser login: sets an HttpOnly session cookie', body: credentialsSchema, response: { 200: z.object({ user: meSchema, expiresAt: z.string() }) } },
  }, async (request, reply) => {
    const user = await checkCredentials(ctx, throttle, request.body.username, request.body.password);
    const { secret, record } = await issueToken(ctx, user.username, 'session', 'browser', sessionHours);
    const secure = request.protocol === 'https' ? '; Secure' : '';
    void reply.header('set-cookie', `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${sessionHours * 3600}${secure}`);
    return { user: meOf(user), expiresAt: record.expiresAt };
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session or token' } }, async (request, reply) => {
    const principal = request.principal as Principal;
    await ctx.store.tokens.delete(principal.tokenId);
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: meSchema } } }, (request) => {
    const p = request.principal as Principal;
    return meOf({ ...p, entities: p.entities === '*' ? ['*'] : [...p.entities] });
  });

  r.get('/api/tokens', { schema: { tags: ['auth'], summary: 'My tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } }, async (request) => {
    const p = authorise(request, 'tokens:own');
    return { items: (await ctx.store.tokens.listForUser(p.username)).map(presentToken) };
  });

  r.post('/api/tokens', {
    schema: { tags: ['auth'], summary: 'Create a named API token for scripts and the CLI', body: createApiTokenSchema, response: { 201: apiTokenSchema.extend({ token: z.string() }) } },
  }, async (request, reply) => {
    const p = authorise(request, 'tokens:own');
    const { secret, record } = await issueToken(ctx, p.username, 'api', request.body.name, request.body.expiresInDays * 24);
    return reply.status(201).send({ ...presentToken(record), token: secret });
  });

  r.delete('/api/tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke a token', params: z.object({ id: z.string().uuid() }) } }, async (request, reply) => {
    const p = authorise(request, 'tokens:own');
    const mine = (await ctx.store.tokens.listForUser(p.username)).some((t) => t.id === request.params.id);
    if (!mine && p.role !== 'admin') throw new UserError('not_found', `no token ${request.params.id} of yours`);
    if (!(await ctx.store.tokens.delete(request.params.id))) throw new UserError('not_found', `no token ${request.params.id}`);
    return reply.status(204).send();
  });
}
