/**
 * Indicator sets: list them, upload one (a STIX 2.1 bundle, a MISP event or a CSV list, by name; the same name
 * replaces it), delete one. Sets apply to events of every entity, so changing them needs `indicators:write`
 * and a scope of every entity. Sets loaded from FIREBREAK_IOC are listed but read-only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { indicatorSetListSchema, indicatorSetNameSchema, indicatorUploadResultSchema, indicatorUploadSchema } from '../../contracts/intake.js';
import { UserError } from '../../shared/errors.js';
import { authorise } from '../auth/authenticate.js';
import type { Principal } from '../auth/roles.js';
import type { AppContext } from '../context.js';

const tags = ['indicators'];

function requireEveryEntity(principal: Principal): void {
  if (principal.entities === '*') return;
  throw new UserError('forbidden', 'indicator sets apply to events of every entity; your scope is limited to some entities', [], {
    hint: 'ask a responder, commander or admin whose scope is every entity',
  });
}

export function indicatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/indicators', { schema: { tags, summary: 'Indicator sets: configured (FIREBREAK_IOC) and uploaded, with counts per type', response: { 200: indicatorSetListSchema } } }, async (request) => {
    authorise(request, 'incident:read');
    const items = await ctx.detection.indicators.list();
    return { items, total: items.length };
  });

  r.post('/api/indicators', {
    bodyLimit: ctx.config.importLimit,
    schema: { tags, summary: 'Create or replace a named indicator set (STIX 2.1 bundle, MISP event, CSV); entries that cannot be read are listed', body: indicatorUploadSchema, response: { 200: indicatorUploadResultSchema, 201: indicatorUploadResultSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'indicators:write');
    requireEveryEntity(principal);
    const result = await ctx.detection.indicators.upload(principal.username, request.body);
    request.log.info({ set: result.set.name, indicators: result.set.indicators, by: principal.username, created: result.created }, 'indicator set stored');
    return reply.status(result.created ? 201 : 200).send(result);
  });

  r.delete('/api/indicators/:name', { schema: { tags, summary: 'Delete an uploaded indicator set', params: z.object({ name: indicatorSetNameSchema }) } }, async (request, reply) => {
    const principal = authorise(request, 'indicators:write');
    requireEveryEntity(principal);
    await ctx.detection.indicators.remove(request.params.name);
    request.log.info({ set: request.params.name, by: principal.username }, 'indicator set deleted');
    return reply.status(204).send();
  });
}
