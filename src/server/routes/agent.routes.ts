/**
 * Agents for people: enrolment tokens (admin), the agent list and details (trimmed to the caller's entities),
 * commands and their states with evidence. Commands are for commanders and admins for now.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  agentCommandPageSchema,
  agentCommandSchema,
  agentIdParamsSchema,
  agentListSchema,
  agentSchema,
  createdEnrolmentTokenSchema,
  createEnrolmentTokenSchema,
  parseDuration,
  requestCommandSchema,
  tokenListSchema,
  type AgentView,
} from '../../contracts/agents.js';
import { createdEnrolmentTokensSchema, createEnrolmentTokensSchema } from '../../contracts/agent-enrolment.js';
import { pagingQuerySchema } from '../../contracts/common.js';
import type { AgentRecord, EnrolmentTokenRecord } from '../../store/agent-types.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

function presentToken(t: EnrolmentTokenRecord) {
  return { id: t.id, host: t.host, createdBy: t.createdBy, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: t.usedAt, agentId: t.agentId };
}

function presentAgent(ctx: AppContext, agent: AgentRecord, entity: string | null): AgentView {
  const ips = agent.inventory?.['ips'];
  return {
    id: agent.id,
    hostname: agent.hostname,
    online: ctx.agents.online(agent),
    enrolledAt: agent.enrolledAt,
    version: agent.version,
    os: agent.os,
    ips: Array.isArray(ips) ? ips.filter((ip): ip is string => typeof ip === 'string') : [],
    isolation: agent.isolation,
    lastSeenAt: agent.lastSeenAt,
    connectedAt: agent.connectedAt,
    lastRejection: agent.lastRejection,
    entity,
  };
}

export function agentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agents'];

  r.post('/api/agents/enrolment-tokens', {
    schema: { tags, summary: 'Create a one-time enrolment token (shown once)', body: createEnrolmentTokenSchema, response: { 201: createdEnrolmentTokenSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'agents:enrol');
    const created = await ctx.agents.createToken(principal, request.body.host, parseDuration(request.body.expires) ?? 86400);
    return reply.status(201).send({ ...presentToken(created), token: created.token });
  });

  r.post('/api/agents/enrolment-tokens/batch', {
    schema: { tags, summary: 'Create one enrolment token per host, at most 1,000 (each shown once)', body: createEnrolmentTokensSchema, response: { 201: createdEnrolmentTokensSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'agents:enrol');
    const created = await ctx.agents.createTokens(principal, request.body.hosts, parseDuration(request.body.expires) ?? 86400);
    return reply.status(201).send({ items: created.map((t) => ({ ...presentToken(t), token: t.token })) });
  });

  r.get('/api/agents/enrolment-tokens', { schema: { tags, summary: 'List enrolment tokens (never their secrets)', response: { 200: tokenListSchema } } }, async (request) => {
    authorise(request, 'agents:enrol');
    return { items: (await ctx.agents.listTokens()).map(presentToken) };
  });

  r.get('/api/agents', { schema: { tags, summary: 'List agents', response: { 200: agentListSchema } } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    return { items: (await ctx.agents.list(principal)).map(({ agent, entity }) => presentAgent(ctx, agent, entity)) };
  });

  r.get('/api/agents/:id', { schema: { tags, summary: 'One agent', params: agentIdParamsSchema, response: { 200: agentSchema } } }, async (request) => {
    const principal = authorise(request, 'estate:read');
    const { agent, entity } = await ctx.agents.require(principal, request.params.id);
    return presentAgent(ctx, agent, entity);
  });

  r.get('/api/agents/:id/commands', {
    schema: { tags, summary: "An agent's commands, newest first, with states and evidence", params: agentIdParamsSchema, querystring: pagingQuerySchema, response: { 200: agentCommandPageSchema } },
  }, async (request) => {
    const principal = authorise(request, 'estate:read');
    return ctx.agents.commands(principal, request.params.id, request.query);
  });

  r.post('/api/agents/:id/commands', {
    schema: {
      tags,
      summary: 'Send a signed command (isolate, release, ping); it waits, visibly, while the agent is offline',
      params: agentIdParamsSchema,
      body: requestCommandSchema,
      response: { 202: agentCommandSchema },
    },
  }, async (request, reply) => {
    const principal = authorise(request, 'agents:command');
    const command = await ctx.agents.requestCommand(principal, request.params.id, request.body);
    return reply.status(202).send(command);
  });

}
