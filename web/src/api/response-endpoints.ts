/**
 * The API calls of the containment and recovery views (web/src/response), each parsed with its contract. Kept
 * apart from endpoints.ts so that they, their schemas and the response domain code load with those views.
 */
import type { z } from 'zod';
import {
  approvePlanSchema,
  breakGlassSchema,
  cancelPlanSchema,
  createPlanSchema,
  rejectPlanSchema,
  rollbackPlanSchema,
  type CreatePlanInput,
} from '../../../src/contracts/plans';
import {
  clearRegionSchema,
  planRecoverySchema,
  recordGateSchema,
  sweepRequestSchema,
  type RecordGateInput,
} from '../../../src/contracts/recovery';
import { check, request } from './client';
import {
  backlogSchema,
  clearanceSchema,
  declareAnswerSchema,
  planDetailSchema,
  planListSchema,
  policySchema,
  recoveryListSchema,
  recoveryViewSchema,
  suggestionsSchema,
  sweepAnswerSchema,
} from './response-schemas';

const enc = encodeURIComponent;

const plansPath = (id: string, planId?: string) => `/api/incidents/${enc(id)}/plans${planId ? `/${enc(planId)}` : ''}`;

export const fetchSuggestions = (id: string, signal?: AbortSignal) =>
  request('GET', `${plansPath(id)}/suggestions`, suggestionsSchema, undefined, signal);
export const listPlans = (id: string, signal?: AbortSignal) => request('GET', plansPath(id), planListSchema, undefined, signal);
export const fetchPlan = (id: string, planId: string, signal?: AbortSignal) =>
  request('GET', `${plansPath(id, planId)}?records=all`, planDetailSchema, undefined, signal);
export const proposePlan = (id: string, input: CreatePlanInput) =>
  request('POST', plansPath(id), planDetailSchema, check(createPlanSchema, input));
export const fetchPolicy = (signal?: AbortSignal) => request('GET', '/api/policy', policySchema, undefined, signal);

export type PlanDecision = 'approve' | 'reject' | 'break-glass' | 'cancel' | 'rollback';
const DECISION_SCHEMAS = { approve: approvePlanSchema, reject: rejectPlanSchema, 'break-glass': breakGlassSchema, cancel: cancelPlanSchema, rollback: rollbackPlanSchema };
/** Approve (`comment`), reject or break the glass (`reason` required), cancel or roll back (`reason` optional). */
export const decidePlan = (id: string, planId: string, decision: PlanDecision, body: { comment?: string; reason?: string }) =>
  request('POST', `${plansPath(id, planId)}/${decision}`, planDetailSchema, check(DECISION_SCHEMAS[decision] as z.ZodType, body));

export const requestSweep = (id: string, input: z.input<typeof sweepRequestSchema>) =>
  request('POST', `/api/incidents/${enc(id)}/sweeps`, sweepAnswerSchema, check(sweepRequestSchema, input));
export const fetchClearance = (id: string, signal?: AbortSignal) =>
  request('GET', `/api/incidents/${enc(id)}/scope/regions`, clearanceSchema, undefined, signal);
export const declareRegion = (id: string, region: string, input: z.input<typeof clearRegionSchema>) =>
  request('POST', `/api/incidents/${enc(id)}/scope/regions/${enc(region)}/clear`, declareAnswerSchema, check(clearRegionSchema, input));

const recoveryPath = (id: string, recoveryId?: string) => `/api/incidents/${enc(id)}/recovery${recoveryId ? `/${enc(recoveryId)}` : ''}`;
export const listRecoveries = (id: string, signal?: AbortSignal) => request('GET', recoveryPath(id), recoveryListSchema, undefined, signal);
export const planRecoveryOf = (id: string, input: z.input<typeof planRecoverySchema>) =>
  request('POST', recoveryPath(id), recoveryViewSchema, check(planRecoverySchema, input));
export const recordGate = (id: string, recoveryId: string, input: RecordGateInput) =>
  request('POST', `${recoveryPath(id, recoveryId)}/gates`, recoveryViewSchema, check(recordGateSchema, input));
export const runRecoveryStep = (id: string, recoveryId: string, step: number) =>
  request('POST', `${recoveryPath(id, recoveryId)}/steps/${step}/run`, recoveryViewSchema, {});
export const fetchBacklog = (id: string, stepMinutes: number, signal?: AbortSignal) =>
  request('GET', `/api/incidents/${enc(id)}/backlog?stepMinutes=${stepMinutes}`, backlogSchema, undefined, signal);
