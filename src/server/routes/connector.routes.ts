/**
 * The connectors this server can use, as their manifests (operations, reversals, what each can prove, the
 * names of the settings they need; never a secret's value). Everyone who may read incidents may read them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

const operationSchema = z.object({
  name: z.string(),
  targetKinds: z.array(z.enum(['host', 'segment', 'service'])),
  reversal: z.string().nullable(),
  proves: z.enum(['verified', 'applied']),
  description: z.string(),
});

export const connectorListSchema = z.object({
  items: z.array(z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    operations: z.array(operationSchema),
    timeoutMs: z.number().nullable(),
    secrets: z.array(z.string()),
  })),
});

export function connectorRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/connectors', {
    schema: { tags: ['connectors'], summary: 'Connectors the executor can use, with their operations and reversals', response: { 200: connectorListSchema } },
  }, (request) => {
    authorise(request, 'incident:read');
    return {
      items: ctx.connectors.list().map((m) => ({
        id: m.id, name: m.name, description: m.description,
        operations: m.operations.map((o) => ({ name: o.name, targetKinds: o.targetKinds, reversal: o.reversal, proves: o.proves, description: o.description })),
        timeoutMs: m.timeoutMs ?? null, secrets: m.secrets ?? [],
      })),
    };
  });
}
