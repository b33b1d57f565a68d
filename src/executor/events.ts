/**
 * The incident event types of the executor, registered once at start: `actions.progressed` (the state changes
 * of a plan's actions, batched), `action.failed` (an action that failed for good) and `plan.finished` (every
 * action of one direction of a plan is done).
 */
import { z } from 'zod';
import { registerEventType } from '../incident/index.js';
import { ACTION_STATES } from '../respond/types.js';

const direction = z.enum(['forward', 'reverse']);
const state = z.enum(ACTION_STATES);
const counts = z.record(z.string(), z.number().int().min(0));

export const actionsProgressedSchema = z.object({
  planId: z.string().max(200),
  direction,
  transitions: z.array(z.object({
    actionId: z.string().max(200),
    label: z.string().max(300),
    state,
    at: z.string().max(40),
    detail: z.string().max(2000).optional(),
  })).max(5000),
});
export type ActionsProgressed = z.infer<typeof actionsProgressedSchema>;

export const actionFailedSchema = z.object({
  planId: z.string().max(200),
  actionId: z.string().max(200),
  direction,
  connector: z.string().max(100),
  operation: z.string().max(100),
  target: z.object({ kind: z.string().max(20), ref: z.string().max(300), entity: z.string().max(100) }),
  label: z.string().max(300),
  attempts: z.number().int().min(0),
  error: z.object({ code: z.string().max(100), message: z.string().max(2000) }),
});
export type ActionFailed = z.infer<typeof actionFailedSchema>;

export const planFinishedSchema = z.object({
  planId: z.string().max(200),
  direction,
  counts,
  total: z.number().int().min(0),
  startedAt: z.string().max(40),
});
export type PlanFinished = z.infer<typeof planFinishedSchema>;

const countText = (byState: Record<string, number>) =>
  Object.entries(byState).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s.replace('_', ' ')}`).join(', ');

const run = (d: 'forward' | 'reverse') => (d === 'reverse' ? 'rollback of plan' : 'plan');

let registered = false;

export function registerExecutorEventTypes(): void {
  if (registered) return;
  registered = true;
  registerEventType('actions.progressed', actionsProgressedSchema, {
    describe: ({ payload: p }) => {
      const [one] = p.transitions;
      if (p.transitions.length === 1 && one) return `${one.label}: ${one.state.replace('_', ' ')}${one.detail ? ` (${one.detail})` : ''}`;
      const byState: Record<string, number> = {};
      for (const t of p.transitions) byState[t.state] = (byState[t.state] ?? 0) + 1;
      return `${run(p.direction)} ${p.planId}: ${countText(byState)}`;
    },
  });
  registerEventType('action.failed', actionFailedSchema, {
    describe: ({ payload: p }) => `FAILED ${p.direction === 'reverse' ? 'rollback: ' : ''}${p.label} after ${p.attempts} attempt${p.attempts === 1 ? '' : 's'}: ${p.error.message} (${p.error.code})`,
  });
  registerEventType('plan.finished', planFinishedSchema, {
    describe: ({ payload: p }) => `${run(p.direction)} ${p.planId} finished: ${countText(p.counts)} of ${p.total}`,
  });
}
