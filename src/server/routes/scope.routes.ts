/** Scope confirmation: sweeps, clearance per region and entity, declaring a region out of scope. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { incidentIdParamsSchema } from '../../contracts/incidents.js';
import { clearRegionSchema, regionParamsSchema, sweepRequestSchema } from '../../contracts/recovery.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

export function scopeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['scope'];

  r.post('/api/incidents/:id/sweeps', {
    schema: {
      tags,
      summary: 'Propose a sweep plan (kind sweep) over an entity, a region or hosts, for the given indicators and those of the incident’s alerts; approve it like any plan',
      params: incidentIdParamsSchema,
      body: sweepRequestSchema,
    },
  }, async (request, reply) => {
    const principal = authorise(request, 'plans:propose');
    return reply.status(201).send(await ctx.scope.sweep(principal, request.params.id, request.body));
  });

  r.get('/api/incidents/:id/scope/regions', {
    schema: { tags, summary: 'Clearance per region and entity: hosts swept clean, in scope, suspected, not swept; whether each can be declared out of scope', params: incidentIdParamsSchema },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    return ctx.scope.clearance(principal, request.params.id);
  });

  r.post('/api/incidents/:id/scope/regions/:region/clear', {
    schema: {
      tags,
      summary: 'Declare a region (or one entity of it) out of scope: 409 unless every host is swept clean or listed as an exception; asks to roll back its precautionary shutdown',
      params: regionParamsSchema,
      body: clearRegionSchema,
    },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:write');
    return reply.status(201).send(await ctx.scope.declare(principal, request.params.id, request.params.region, request.body));
  });
}
