/** Checks a plan submission at the executor's boundary: every action well formed, ids unique. */
import { z } from 'zod';
import { zodIssues } from '../incident/index.js';
import type { PlanSubmission } from '../respond/types.js';
import { UserError, type Issue } from '../shared/errors.js';
import type { NewAction } from '../store/action-types.js';

const id = z.string().min(1).max(200).regex(/^[^/\s.*>]+$/, 'no "/", ".", "*", ">" or spaces (it is part of the idempotency key and of bus subjects)');
const args = z.record(z.string(), z.unknown());

const specSchema = z.object({
  id,
  connector: z.string().min(1).max(100),
  operation: z.string().min(1).max(100),
  target: z.object({ kind: z.enum(['host', 'segment', 'service']), ref: z.string().min(1).max(300), entity: z.string().max(100) }),
  args,
  reversal: z.object({ operation: z.string().min(1).max(100), args }).nullable(),
  label: z.string().min(1).max(300),
});

const submissionSchema = z.object({
  incidentId: z.string().min(1).max(100),
  planId: id,
  actions: z.array(specSchema).max(100_000),
  actor: z.string().min(1).max(200),
});

/** The actions to insert, or a `validation_failed` error naming each bad field (`actions[3].target.ref`). */
export function checkSubmission(submission: PlanSubmission): NewAction[] {
  const parsed = submissionSchema.safeParse(submission);
  if (!parsed.success) {
    throw new UserError('validation_failed', `plan ${submission.planId} cannot run: its actions are not valid`, zodIssues(parsed.error).map((i) => ({ ...i, hint: i.hint ?? 'fix the plan (the planner made it) and submit it again' })));
  }
  const seen = new Set<string>();
  const duplicates: Issue[] = [];
  parsed.data.actions.forEach((a, i) => {
    if (seen.has(a.id)) duplicates.push({ field: `actions[${i}].id`, message: `action id "${a.id}" is used twice`, hint: 'action ids are unique within a plan (a0001, a0002, ...)' });
    seen.add(a.id);
  });
  if (duplicates.length > 0) throw new UserError('validation_failed', `plan ${submission.planId} has duplicate action ids`, duplicates);
  const { incidentId, planId } = parsed.data;
  return parsed.data.actions.map((a, i) => ({
    incidentId, planId, actionId: a.id, seq: i + 1, connector: a.connector, operation: a.operation, args: a.args,
    target: a.target, label: a.label, reversal: a.reversal,
  }));
}
