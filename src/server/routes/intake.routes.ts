/**
 * Intake: batches of events (JSON `{events}` or JSON lines; `Content-Encoding: gzip` accepted) evaluated by the
 * detection engine (rules, correlations, indicator sets), alerts from other tools (webhooks with a field mapping), the alerts view and the rule
 * set's status.
 */
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { alertQuerySchema, huntRequestSchema, huntResultSchema, ingestAlertsSchema, ingestEventsSchema, ingestResultSchema } from '../../contracts/intake.js';
import { incidentEventSchema } from '../../contracts/incidents.js';
import { pageSchema } from '../../contracts/common.js';
import { forEachJsonLine } from '../../detect/index.js';
import { UserError } from '../../shared/errors.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { readHuntEvents, readHuntIndicators } from './hunt-files.js';
import { alertsFromWebhook } from './webhook-alerts.js';

const tags = ['intake'];

/** JSON lines become `{ events, skipped }`: bad lines are named and skipped, the rest is processed. */
function installNdjsonParser(app: FastifyInstance): void {
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'buffer' }, (_request, body, done) => {
    const events: unknown[] = [];
    const skipped: { line: number; reason: string }[] = [];
    forEachJsonLine(body as Buffer, (value) => events.push(value), (problem) => skipped.push({ line: problem.line, reason: problem.reason }));
    done(null, { events, skipped });
  });
}

export function intakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  installNdjsonParser(app);

  r.post('/api/intake/events', {
    bodyLimit: ctx.config.importLimit,
    preParsing: (request, _reply, payload, done) => {
      if (request.headers['content-encoding'] !== 'gzip') return done(null, payload);
      const gunzip = Object.assign(createGunzip(), { receivedEncodedLength: 0 });
      // Fastify compares Content-Length with the bytes received, not with the decompressed size.
      payload.on('data', (chunk: Buffer) => (gunzip.receivedEncodedLength += chunk.length));
      gunzip.on('error', (error) => gunzip.destroy(new UserError('invalid_input', `the gzip body is damaged or truncated: ${error.message}`)));
      done(null, payload.pipe(gunzip));
    },
    schema: { tags, summary: 'Evaluate a batch of events (JSON or JSON lines, optionally gzip); alerts open or join incidents', body: ingestEventsSchema.extend({ skipped: ingestResultSchema.shape.skipped.optional() }), response: { 200: ingestResultSchema } },
  }, async (request) => {
    authorise(request, 'intake:write');
    const source = request.body.source;
    const declared = source && Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined));
    const result = await ctx.detection.ingestEvents(request.body.events, declared);
    return { ...result, skipped: request.body.skipped ?? [] };
  });

  r.post('/api/intake/alerts', {
    schema: { tags, summary: 'Alerts from another tool (SIEM, EDR), mapped by field paths; they open or join incidents', body: ingestAlertsSchema, response: { 200: ingestResultSchema } },
  }, async (request) => {
    authorise(request, 'intake:write');
    const locate = await ctx.detection.locator();
    const alerts = alertsFromWebhook(request.body, ctx.now().toISOString(), locate);
    return { ...(await ctx.detection.ingestAlerts(alerts)), skipped: [] };
  });

  r.get('/api/alerts', { schema: { tags: ['alerts'], summary: 'Alerts across the incidents you may see, newest first', querystring: alertQuerySchema, response: { 200: pageSchema(incidentEventSchema) } } }, async (request) => {
    const principal = authorise(request, 'incident:read');
    const { incident, level, limit, offset } = request.query;
    if (incident) await ctx.incidents.require(principal, incident);
    const visible = incident ? [incident] : principal.entities === '*' ? undefined : (await ctx.incidents.list(principal, { limit: 1000, offset: 0 })).items.map((i) => i.id);
    return ctx.store.incidents.eventsOfType('alert.raised', {
      limit,
      offset,
      ...(visible ? { incidentIds: visible } : {}),
      ...(level ? { payloadEquals: { path: ['rule', 'level'], value: level } } : {}),
    });
  });

  r.post('/api/hunt', {
    bodyLimit: ctx.config.importLimit,
    schema: { tags: ['alerts'], summary: 'Sweep uploaded event files with the loaded rules, correlations and indicators (and uploaded indicator files); nothing is recorded', body: huntRequestSchema, response: { 200: huntResultSchema } },
  }, async (request) => {
    authorise(request, 'incident:read');
    const { events, skipped } = readHuntEvents(request.body.files);
    const uploaded = readHuntIndicators(request.body.indicators);
    const result = await ctx.detection.hunt(events, request.body.max, uploaded.index.size > 0 ? [{ index: uploaded.index, levelOf: () => undefined }] : []);
    const loaded = ctx.detection.indicators.status().total;
    return { ...result, matches: result.matches as unknown as Record<string, unknown>[], skipped, indicators: { loaded, uploaded: uploaded.index.size, problems: uploaded.problems } };
  });

  r.get('/api/detect/status', { schema: { tags: ['alerts'], summary: 'The loaded rule set (counts per log source, memory, load problems) and indicator sets' } }, async (request) => {
    authorise(request, 'incident:read');
    await ctx.detection.indicators.current();
    return ctx.detection.status();
  });
}
