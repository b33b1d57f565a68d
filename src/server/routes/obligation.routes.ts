/** Obligations: clocks and proposed determinations per incident; recording determinations, filings, decisions; the report. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { incidentIdParamsSchema, appendResultSchema } from '../../contracts/incidents.js';
import { factsQuerySchema, obligationsAnswerSchema, recordRequestSchema } from '../../contracts/obligations.js';
import { projectNotices } from '../../obligations/index.js';
import { buildReport, renderMarkdown, renderPdf } from '../../report/index.js';
import { authorise } from '../auth/authenticate.js';
import { inScope } from '../auth/roles.js';
import type { AppContext } from '../context.js';

export function obligationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['obligations'];

  r.get('/api/incidents/:id/obligations', {
    schema: { tags, summary: 'Notification clocks per entity and rule, due-soon and overdue alerts, proposed and recorded breach determinations, decision log', params: incidentIdParamsSchema, querystring: factsQuerySchema, response: { 200: obligationsAnswerSchema } },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    const q = request.query;
    return ctx.obligations.view(principal, request.params.id, {
      exfiltration: q.exfiltration,
      ransomware: q.ransomware === 'true',
      backups: q.backups,
      keysCompromised: q.keysCompromised === 'true',
    });
  });

  r.post('/api/incidents/:id/records', {
    schema: { tags, summary: 'Record a breach determination, classification, filing, ransom payment or executive decision (for your entities)', params: incidentIdParamsSchema, body: recordRequestSchema, response: { 201: appendResultSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'obligations:record');
    return reply.status(201).send(await ctx.obligations.record(principal, request.params.id, request.body.type, request.body.payload));
  });

  r.get('/api/incidents/:id/report', {
    schema: { tags: ['reports'], summary: 'The incident report: timeline, scope by entity, detections, obligations, notices, decisions, metrics (md, json or pdf)', params: incidentIdParamsSchema, querystring: z.object({ format: z.enum(['md', 'json', 'pdf']).default('md') }) },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:read');
    const { id } = request.params;
    const { view, events } = await ctx.obligations.compute(principal, id, { exfiltration: 'unknown', ransomware: true });
    const notices = projectNotices(events).filter((n) => inScope(principal, n.entity));
    const report = buildReport({ events, obligations: view.obligations, decisions: view.decisions, notices, generatedAt: ctx.now().toISOString(), generatedBy: principal.username });
    const name = `${id}-report`;
    if (request.query.format === 'json') return report;
    if (request.query.format === 'pdf') {
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(await renderPdf(report));
    }
    return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}.md"`).send(renderMarkdown(report));
  });

  r.get('/api/obligations/pack', { schema: { tags, summary: 'The loaded obligation rule pack: files, rule count, problems' } }, (request) => {
    authorise(request, 'incident:read');
    return ctx.obligations.status();
  });
}
