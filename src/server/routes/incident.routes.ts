/** Incidents: open, list, read the projection and the log, append events, verify the chain. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appendInputSchema,
  appendResultSchema,
  eventsQuerySchema,
  incidentEventSchema,
  incidentIdParamsSchema,
  incidentPageSchema,
  incidentQuerySchema,
  incidentSummarySchema,
  openIncidentInputSchema,
  verifyResultSchema,
} from '../../contracts/incidents.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

export function incidentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.post('/api/incidents', { schema: { tags, summary: 'Open an incident', body: openIncidentInputSchema, response: { 201: incidentSummarySchema } } }, async (request, reply) => {
    const principal = authorise(request, 'incident:create');
    return reply.status(201).send(await ctx.incidents.open(principal, request.body));
  });

  r.get('/api/incidents', { schema: { tags, summary: 'List incidents (newest activity first)', querystring: incidentQuerySchema, response: { 200: incidentPageSchema } } }, async (request) => {
    const principal = authorise(request, 'incident:read');
    const { state, severity, entity, q, limit, offset } = request.query;
    return ctx.incidents.list(principal, {
      limit,
      offset,
      ...(state ? { state } : {}),
      ...(severity ? { severity } : {}),
      ...(entity ? { entities: entity } : {}),
      ...(q ? { q } : {}),
    });
  });

  r.get('/api/incidents/:id', { schema: { tags, summary: 'The incident: state, timeline, tasks, notes, scope, metrics', params: incidentIdParamsSchema } }, async (request) => {
    const principal = authorise(request, 'incident:read');
    return ctx.incidents.view(principal, request.params.id);
  });

  r.get('/api/incidents/:id/events', {
    schema: { tags, summary: 'The incident log, optionally after a seq', params: incidentIdParamsSchema, querystring: eventsQuerySchema, response: { 200: z.object({ items: z.array(incidentEventSchema) }) } },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    return { items: await ctx.incidents.events(principal, request.params.id, request.query.after) };
  });

  r.post('/api/incidents/:id/events', {
    schema: { tags, summary: 'Append an event: note, task, state change, scope change, severity, commander', params: incidentIdParamsSchema, body: appendInputSchema, response: { 201: appendResultSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:write');
    return reply.status(201).send(await ctx.incidents.append(principal, request.params.id, request.body));
  });

  r.get('/api/incidents/:id/verify', { schema: { tags: ['audit'], summary: "Verify one incident's hash chain", params: incidentIdParamsSchema, response: { 200: verifyResultSchema } } }, async (request) => {
    const principal = authorise(request, 'audit:verify');
    return ctx.incidents.verify(principal, request.params.id);
  });

  r.get('/api/audit/verify', { schema: { tags: ['audit'], summary: 'Verify the hash chain of every incident you may see', response: { 200: verifyResultSchema } } }, async (request) => {
    const principal = authorise(request, 'audit:verify');
    return ctx.incidents.verify(principal);
  });
}
