/**
 * The agents' own routes. They do not take a user's token: enrolment is authenticated by the one-time token
 * in the body, the channel by the agent credential (`Authorization: Bearer fba_...`) checked before the
 * WebSocket upgrade. Outside tests, put TLS in front (a reverse proxy terminating https/wss).
 */
import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { enrolRequestSchema, enrolResponseSchema } from '../../agent/protocol/messages.js';
import { enrolBatchResultSchema, enrolBatchSchema } from '../../contracts/agent-enrolment.js';
import { authenticateAgent, CONNECT_PATH } from '../../connectors/agent/index.js';
import type { AgentRecord } from '../../store/agent-types.js';
import type { AppContext } from '../context.js';

export function agentChannelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const authenticated = new WeakMap<FastifyRequest, AgentRecord>();

  app.addHook('onReady', () => ctx.agents.start((message, error) => app.log.warn({ err: error }, message)));
  app.addHook('onClose', () => ctx.agents.close());

  r.post('/api/agents/enrol', {
    config: { public: true },
    schema: { tags: ['agents'], summary: 'Enrol an agent with a one-time token (authenticated by the token)', body: enrolRequestSchema, response: { 201: enrolResponseSchema } },
  }, async (request, reply) => reply.status(201).send(await ctx.agents.enrol(request.body)));

  r.post('/api/agents/enrol/batch', {
    config: { public: true },
    schema: {
      tags: ['agents'],
      summary: 'Enrol up to 1,000 agents, each authenticated by its own one-time token (results in order)',
      body: enrolBatchSchema,
      response: { 200: enrolBatchResultSchema },
    },
  }, async (request) => ({ results: await ctx.agents.enrolMany(request.body.enrolments) }));

  app.get(CONNECT_PATH, {
    websocket: true,
    config: { public: true },
    schema: { tags: ['agents'], summary: 'The agent channel (WebSocket; authenticated by the agent credential)' },
    preValidation: async (request) => {
      authenticated.set(request, await authenticateAgent(ctx.store.agents, request.headers.authorization));
    },
  }, (socket: WebSocket, request) => {
    const agent = authenticated.get(request);
    if (!agent) return socket.close(1008, 'not authenticated');
    ctx.agents.serve(socket, agent);
  });
}
