/** Liveness and readiness: the only route that needs no authentication. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';

export const VERSION = '0.1.0';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['health'],
      summary: 'Is the server up, and which storage does it use',
      response: { 200: z.object({ status: z.literal('ok'), version: z.string(), storage: z.string(), time: z.string() }) },
    },
  }, () => ({ status: 'ok' as const, version: VERSION, storage: ctx.store.kind, time: ctx.now().toISOString() }));
}
