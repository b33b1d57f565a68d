/** Estate: summary, lists, import and export, blast radius and isolation impact. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  blastRadiusRequestSchema,
  entityListSchema,
  estateSummarySchema,
  exportQuerySchema,
  hostPageSchema,
  hostQuerySchema,
  importRequestSchema,
  importResultSchema,
  isolationRequestSchema,
} from '../../contracts/estate.js';
import { exportEstate } from '../../estate/export.js';
import { blastRadius, isolationImpact } from '../../estate/graph/index.js';
import { UserError } from '../../shared/errors.js';
import { authorise } from '../auth/authenticate.js';
import { entityFilter, inScope, type Principal } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { summarise } from '../estate.service.js';
import { scopeBlastRadius, scopeIsolationImpact } from './estate.scope.js';

const tags = ['estate'];

async function requireHostsInScope(ctx: AppContext, principal: Principal, hostnames: readonly string[]): Promise<void> {
  if (principal.entities === '*') return;
  const { doc } = await ctx.estate.current();
  const entityOf = new Map(doc.hosts.map((h) => [h.hostname, h.entity]));
  const outside = hostnames.filter((h) => {
    const entity = entityOf.get(h);
    return entity !== undefined && !inScope(principal, entity);
  });
  if (outside.length > 0) throw new UserError('forbidden', `hosts outside your entities: ${outside.slice(0, 20).join(', ')}`);
}

async function hostEntities(ctx: AppContext): Promise<(hostname: string) => string | undefined> {
  const { doc } = await ctx.estate.current();
  const entityOf = new Map(doc.hosts.map((h) => [h.hostname, h.entity]));
  return (hostname) => entityOf.get(hostname);
}

export function estateRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/estate/summary', { schema: { tags, summary: 'Counts of what you may see of the estate', response: { 200: estateSummarySchema } } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    const { revision } = await ctx.estate.current();
    return { ...summarise(await ctx.estate.visibleDocument(principal)), scoped: principal.entities !== '*', revision };
  });

  r.get('/api/estate/entities', { schema: { tags, summary: 'Entities you may see', response: { 200: entityListSchema } } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    return { items: (await ctx.estate.visibleDocument(principal)).entities };
  });

  r.get('/api/estate/document', { schema: { tags, summary: 'The whole estate you may see, as one document (for maps)' } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    return ctx.estate.visibleDocument(principal);
  });

  r.get('/api/estate/hosts', { schema: { tags, summary: 'Hosts, filtered and paged', querystring: hostQuerySchema, response: { 200: hostPageSchema } } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    const { entity, segment, criticality, role, q, limit, offset } = request.query;
    const scope = entityFilter(principal);
    const entities = scope ? (entity ?? scope).filter((e) => scope.includes(e)) : entity;
    return ctx.store.estate.listHosts({
      limit,
      offset,
      ...(entities ? { entities } : {}),
      ...(segment ? { segment } : {}),
      ...(criticality ? { criticality } : {}),
      ...(role ? { role } : {}),
      ...(q ? { q } : {}),
    });
  });

  r.get('/api/estate/hosts/:hostname', { schema: { tags, summary: 'One host with its segment, services and data stores', params: z.object({ hostname: z.string().max(80) }) } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    const doc = await ctx.estate.visibleDocument(principal);
    const host = doc.hosts.find((h) => h.hostname === request.params.hostname);
    if (!host) throw new UserError('not_found', `no host ${request.params.hostname}`);
    return {
      host,
      segment: doc.segments.find((s) => s.id === host.segment) ?? null,
      entity: doc.entities.find((e) => e.id === host.entity) ?? null,
      services: doc.services.filter((s) => s.hosts.includes(host.hostname)),
      dataStores: doc.dataStores.filter((d) => d.host === host.hostname),
    };
  });

  r.post('/api/estate/import', {
    bodyLimit: ctx.config.importLimit,
    schema: { tags, summary: 'Import an estate file (YAML, JSON, or CSV of hosts); checked whole before anything is written', body: importRequestSchema, response: { 200: importResultSchema } },
  }, async (request) => {
    authorise(request, 'estate:import');
    const { content, filename, format, dryRun } = request.body;
    return ctx.estate.importText(content, filename, format, dryRun);
  });

  r.get('/api/estate/export', { schema: { tags, summary: 'The estate you may see as an importable file', querystring: exportQuerySchema, response: { 200: z.object({ format: z.string(), content: z.string() }) } } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    const { format } = request.query;
    return { format, content: exportEstate(await ctx.estate.visibleDocument(principal), format) };
  });

  r.post('/api/estate/blast-radius', { schema: { tags, summary: 'What compromised hosts can reach and put at risk', body: blastRadiusRequestSchema } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    await requireHostsInScope(ctx, principal, request.body.hosts);
    const result = blastRadius(await ctx.estate.index(), request.body.hosts);
    return principal.entities === '*' ? result : scopeBlastRadius(result, (e) => inScope(principal, e), await hostEntities(ctx));
  });

  r.post('/api/estate/isolation-impact', { schema: { tags, summary: 'What stops, for whom, if hosts, segments, entities or regions are isolated', body: isolationRequestSchema } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    await requireHostsInScope(ctx, principal, request.body.hosts);
    const result = isolationImpact(await ctx.estate.index(), request.body);
    return principal.entities === '*' ? result : scopeIsolationImpact(result, (e) => inScope(principal, e), await hostEntities(ctx));
  });
}
