/** Recovery plans with gates and steps, and the business backlog. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { incidentIdParamsSchema } from '../../contracts/incidents.js';
import { backlogQuerySchema, planRecoverySchema, recordGateSchema, recoveryParamsSchema, runStepSchema, stepParamsSchema } from '../../contracts/recovery.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

export function recoveryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['recovery'];

  r.post('/api/incidents/:id/recovery', {
    schema: { tags, summary: 'Plan the recovery of an entity or a region: steps in dependency order (identity and network first), each with its actions and gates', params: incidentIdParamsSchema, body: planRecoverySchema },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:write');
    return reply.status(201).send(await ctx.recovery.plan(principal, request.params.id, request.body));
  });

  r.get('/api/incidents/:id/recovery', {
    schema: { tags, summary: 'The recovery plans of the incident with each step’s status, gates and runs', params: incidentIdParamsSchema },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    return ctx.recovery.list(principal, request.params.id);
  });

  r.get('/api/incidents/:id/recovery/:recoveryId', {
    schema: { tags, summary: 'One recovery plan', params: recoveryParamsSchema },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    await ctx.recovery.sync(request.params.id);
    return ctx.recovery.show(principal, request.params.id, request.params.recoveryId);
  });

  r.post('/api/incidents/:id/recovery/:recoveryId/gates', {
    schema: { tags, summary: 'Record a gate of a step: credentials reset, backup verified, or an approver’s sign-off (the caller attests it)', params: recoveryParamsSchema, body: recordGateSchema },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:write');
    return reply.status(201).send(await ctx.recovery.recordGate(principal, request.params.id, request.params.recoveryId, request.body));
  });

  r.post('/api/incidents/:id/recovery/:recoveryId/steps/:step/run', {
    schema: { tags, summary: 'Run a step whose gates pass and whose dependencies are done: its actions go to the executor (409 with the reasons otherwise)', params: stepParamsSchema, body: runStepSchema },
  }, async (request, reply) => {
    const principal = authorise(request, 'incident:write');
    return reply.status(202).send(await ctx.recovery.runStep(principal, request.params.id, request.params.recoveryId, request.params.step));
  });

  r.get('/api/incidents/:id/backlog', {
    schema: { tags, summary: 'Business backlog per service, entity and region: down since, restored at, accrued, time to work off (surge), series for a chart', params: incidentIdParamsSchema, querystring: backlogQuerySchema },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    return ctx.recovery.backlog(principal, request.params.id, request.query);
  });
}
