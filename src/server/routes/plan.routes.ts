/**
 * Containment plans: suggestions, proposals, approvals, rejections, break-glass, cancellation and rollback.
 * Each route validates (zod), authorises (a permission here; the approval policy decides inside the service),
 * acts through the plan service and answers with the plan as it now stands.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  approvePlanSchema,
  breakGlassSchema,
  cancelPlanSchema,
  createPlanSchema,
  planParamsSchema,
  rejectPlanSchema,
  rollbackPlanSchema,
} from '../../contracts/plans.js';
import { incidentIdParamsSchema } from '../../contracts/incidents.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

const detailQuerySchema = z.object({ records: z.enum(['all', 'none']).default('all') });

export function planRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const plans = ctx.plans;

  r.get('/api/incidents/:id/plans/suggestions', {
    schema: { tags, summary: 'Containment plans the planner proposes from the incident scope, with impact and the approvals each needs (not recorded)', params: incidentIdParamsSchema },
  }, async (request) => plans.suggestions(authorise(request, 'incident:read'), request.params.id));

  r.post('/api/incidents/:id/plans', {
    schema: { tags, summary: 'Propose a plan (from a suggestion key or { kind, target }); records plan.proposed', params: incidentIdParamsSchema, body: createPlanSchema },
  }, async (request, reply) => reply.status(201).send(await plans.propose(authorise(request, 'plans:propose'), request.params.id, request.body)));

  r.get('/api/incidents/:id/plans', {
    schema: { tags, summary: 'The plans of an incident with status and approvals (no action lists)', params: incidentIdParamsSchema },
  }, async (request) => plans.list(authorise(request, 'incident:read'), request.params.id));

  r.get('/api/incidents/:id/plans/:planId', {
    schema: { tags, summary: 'One plan: actions, approvals, evaluation and, once it runs, the executor records (records=none leaves them out)', params: planParamsSchema, querystring: detailQuerySchema },
  }, async (request) => plans.show(authorise(request, 'incident:read'), request.params.id, request.params.planId, request.query.records === 'all'));

  r.post('/api/incidents/:id/plans/:planId/approve', {
    schema: { tags, summary: 'Approve a plan (the policy decides whether the approval counts); the last approval starts it', params: planParamsSchema, body: approvePlanSchema },
  }, async (request) => plans.approve(authorise(request, 'plans:approve'), request.params.id, request.params.planId, request.body));

  r.post('/api/incidents/:id/plans/:planId/reject', {
    schema: { tags, summary: 'Reject a plan (only someone who could approve it); ends it', params: planParamsSchema, body: rejectPlanSchema },
  }, async (request) => plans.reject(authorise(request, 'plans:approve'), request.params.id, request.params.planId, request.body));

  r.post('/api/incidents/:id/plans/:planId/break-glass', {
    schema: { tags, summary: 'Run a plan at once without approvals, with a reason (recorded loudly)', params: planParamsSchema, body: breakGlassSchema },
  }, async (request) => plans.breakGlass(authorise(request, 'plans:break_glass'), request.params.id, request.params.planId, request.body));

  r.post('/api/incidents/:id/plans/:planId/cancel', {
    schema: { tags, summary: 'Withdraw a plan that has not started (its requester or a commander)', params: planParamsSchema, body: cancelPlanSchema },
  }, async (request) => plans.cancel(authorise(request, 'plans:propose'), request.params.id, request.params.planId, request.body));

  r.post('/api/incidents/:id/plans/:planId/rollback', {
    schema: { tags, summary: 'Undo what a plan did (every action, or actionIds) through the executor', params: planParamsSchema, body: rollbackPlanSchema },
  }, async (request) => plans.rollback(authorise(request, 'plans:rollback'), request.params.id, request.params.planId, request.body));

  r.get('/api/policy', { schema: { tags, summary: 'The approval policy in force: its rules, approval validity and break-glass' } }, (request) => {
    authorise(request, 'incident:read');
    return plans.policy();
  });
}
