/**
 * Resolves the caller from `Authorization: Bearer <token>` or the browser session cookie. Every route needs a
 * principal unless it opts out with `config: { public: true }` (health, token issuing, login).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError } from '../../shared/errors.js';
import type { Store } from '../../store/types.js';
import { can, toScope, type Permission, type Principal } from './roles.js';
import { sha256Hex } from './secrets.js';

export const SESSION_COOKIE = 'fb_session';

/** `lastUsedAt` is recorded at most this often per token, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    /** Routes that need no authentication. */
    public?: boolean;
  }
}

/** Reads a cookie by name from the Cookie header (no dependency for ten lines). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function tokenFrom(request: FastifyRequest): { secret: string; viaCookie: boolean } | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new UserError('unauthenticated', 'malformed Authorization header', [], {
        hint: 'send "Authorization: Bearer <token>" with a token from POST /api/auth/token',
      });
    }
    return { secret: match[1], viaCookie: false };
  }
  const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
  return cookie ? { secret: cookie, viaCookie: true } : undefined;
}

async function resolvePrincipal(store: Store, secret: string, now: Date): Promise<Principal> {
  const token = await store.tokens.findBySecretHash(sha256Hex(secret));
  if (!token || token.expiresAt <= now.toISOString()) {
    throw new UserError('unauthenticated', token ? 'the token has expired' : 'the token is not valid', [], {
      hint: 'log in again or request a new token with POST /api/auth/token',
    });
  }
  const user = await store.users.get(token.username);
  if (!user || user.disabled) throw new UserError('unauthenticated', 'the account is disabled or no longer exists');
  if (token.lastUsedAt === null || Date.parse(token.lastUsedAt) < now.getTime() - TOUCH_EVERY_MS) {
    await store.tokens.touch(token.id, now.toISOString());
  }
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    entities: toScope(user.entities),
    tokenId: token.id,
  };
}

/** Installs the authentication hook on the app. */
export function installAuthentication(app: FastifyInstance, store: Store, now: () => Date): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true) return;
    if (!request.url.startsWith('/api/')) return;
    const found = tokenFrom(request);
    if (!found) {
      throw new UserError('unauthenticated', 'authentication required', [], {
        hint: 'send "Authorization: Bearer <token>" (POST /api/auth/token gives one) or log in',
      });
    }
    // A browser session may only send state-changing requests as JSON, which a cross-site form cannot do.
    if (found.viaCookie && !['GET', 'HEAD'].includes(request.method)) {
      const type = request.headers['content-type'] ?? '';
      if (!type.startsWith('application/json') && request.headers['x-firebreak-request'] !== '1') {
        throw new UserError('forbidden', 'cross-site request refused', [], {
          hint: 'send JSON with Content-Type: application/json',
        });
      }
    }
    request.principal = await resolvePrincipal(store, found.secret, now());
  });
}

/** The caller, who must hold the permission. */
export function authorise(request: FastifyRequest, permission: Permission): Principal {
  const principal = request.principal;
  if (!principal) throw new UserError('unauthenticated', 'authentication required');
  if (!can(principal, permission)) {
    throw new UserError('forbidden', `your role (${principal.role}) does not have the permission ${permission}`, [], {
      permission,
      role: principal.role,
    });
  }
  return principal;
}
