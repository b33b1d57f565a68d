/**
 * Live updates as Server-Sent Events: the board (`/api/stream/incidents`: changed summaries) and one incident's
 * log (`/api/incidents/:id/stream`: new events; `?after=SEQ` replays what was missed, so a reconnecting client
 * loses nothing; `?actions=1` adds the executor's action records of the incident's plans as `actions` events,
 * with their evidence, as they change). Browsers authenticate with the session cookie, other clients with a
 * bearer token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Unsubscribe } from '../../bus/index.js';
import type { ActionsMessage } from '../../executor/index.js';
import type { IncidentEvent } from '../../incident/event.js';
import type { IncidentSummary } from '../../incident/index.js';
import { eventsQuerySchema, incidentIdParamsSchema } from '../../contracts/incidents.js';
import { authorise } from '../auth/authenticate.js';
import { inScope, type Principal } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { BOARD_SUBJECT, incidentSubject } from '../incident.service.js';

const HEARTBEAT_MS = 15_000;

const incidentStreamQuerySchema = eventsQuerySchema.extend({
  actions: z.enum(['0', '1']).optional().describe('1: also send the executor\'s action records of the incident\'s plans as `actions` events'),
});

function openStream(request: FastifyRequest, reply: FastifyReply): (event: string, data: unknown) => void {
  void reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  reply.raw.write(': connected\n\n');
  const heartbeat = setInterval(() => reply.raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
  request.raw.on('close', () => clearInterval(heartbeat));
  return (event, data) => {
    reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}

type ActionRecord = ActionsMessage['actions'][number];

/** An action record as a view shows it: no arguments (sweeps carry whole indicator lists) and no history. */
function liveRecord(a: ActionRecord) {
  const { args: _args, history: _history, key: _key, node: _node, ...shown } = a;
  return shown;
}

/** Forwards `plan.<planId>.actions` messages of one incident's plans (records of entities the caller may see). */
function forwardActions(ctx: AppContext, principal: Principal, incidentId: string, send: (event: string, data: unknown) => void): Unsubscribe {
  const prefix = `${incidentId}-`;
  return ctx.bus.subscribe('plan.*.actions', (message) => {
    const { planId, actions } = (message ?? {}) as Partial<ActionsMessage>;
    if (typeof planId !== 'string' || !planId.startsWith(prefix) || !Array.isArray(actions)) return;
    const visible = actions.filter((a) => a.incidentId === incidentId && inScope(principal, a.target.entity)).map(liveRecord);
    if (visible.length > 0) send('actions', { planId, actions: visible });
  });
}

export function streamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/stream/incidents', { schema: { tags: ['live'], summary: 'Server-Sent Events: incident summaries as they change' } }, (request, reply) => {
    const principal: Principal = authorise(request, 'incident:read');
    const send = openStream(request, reply);
    const stop = ctx.bus.subscribe(BOARD_SUBJECT, (message) => {
      const summary = message as IncidentSummary;
      if (ctx.incidents.visible(principal, summary)) send('incident', summary);
    });
    request.raw.on('close', stop);
  });

  r.get('/api/incidents/:id/stream', {
    schema: { tags: ['live'], summary: "Server-Sent Events: an incident's new events (after=SEQ replays missed ones)", params: incidentIdParamsSchema, querystring: incidentStreamQuerySchema },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:read');
    const { id } = request.params;
    await ctx.incidents.require(principal, id);
    const send = openStream(request, reply);
    if (request.query.actions === '1') request.raw.on('close', forwardActions(ctx, principal, id, send));
    // Live events are buffered until the replay (or the current head) is known, so none is lost or reordered.
    let lastSent = 0;
    let buffered: IncidentEvent[] | undefined = [];
    const forward = (events: IncidentEvent[]) => {
      for (const event of events) {
        if (event.seq <= lastSent) continue;
        lastSent = event.seq;
        send('event', event);
      }
    };
    const stop = ctx.bus.subscribe(incidentSubject(id), (message) => {
      const events = (message as { events: IncidentEvent[] }).events;
      if (buffered) buffered.push(...events);
      else forward(events);
    });
    request.raw.on('close', stop);
    if (request.query.after !== undefined) {
      lastSent = request.query.after;
      forward(await ctx.incidents.events(principal, id, request.query.after));
    } else {
      lastSent = (await ctx.incidents.require(principal, id)).lastSeq;
    }
    const pending = buffered;
    buffered = undefined;
    forward(pending);
  });
}
