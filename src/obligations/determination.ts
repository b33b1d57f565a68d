/**
 * Turning a proposal into the record of a decision: a named person confirms the proposed determination or
 * overrides it with a reason. The result is an event draft for `recordEvents`.
 */
import type { EventDraft } from '../incident/index.js';
import { UserError } from '../shared/errors.js';
import type { BreachAssessment } from './assessment.types.js';
import type { BreachDecision, BreachDetermined } from './events.schema.js';

export interface DeterminationInput {
  /** The person who decides (e.g. the DPO or general counsel). */
  by: string;
  /** Default: the proposal (a confirmation). */
  decision?: BreachDecision | undefined;
  /** Required when `decision` differs from the proposal. */
  reason?: string | undefined;
  /** When the decision was made, if earlier than now. */
  determinedAt?: string | undefined;
  /** A counted number of persons, when known (thresholds use it instead of the record estimate). */
  affectedPersons?: number | undefined;
}

/**
 * The `breach.determined` event draft for an assessment. Throws `UserError('invalid_input')` when a
 * decision overrides the proposal without a reason.
 *
 * @example
 * const draft = determinationDraft(assessment, { by: 'dpo.jones' }); // confirms the proposal
 * recordEvents(summary, [draft], ctx);
 */
export function determinationDraft(assessment: BreachAssessment, input: DeterminationInput): EventDraft {
  const decision = input.decision ?? assessment.proposal;
  const reason = input.reason?.trim() ?? '';
  const override = decision !== assessment.proposal;
  if (override && reason === '') {
    throw new UserError('invalid_input', `overriding the proposal (${assessment.proposal}) needs a reason`, [
      {
        field: 'reason',
        message: 'missing reason for the override',
        hint: 'say why the decision differs from the proposal',
      },
    ]);
  }
  const reasoning = [...assessment.reasoning];
  if (reason !== '') reasoning.push(`${override ? 'Override' : 'Note'} by ${input.by}: ${reason}`);
  const payload: BreachDetermined = {
    entity: assessment.entity,
    regime: assessment.regime,
    decision,
    reasoning,
    by: input.by,
    proposed: assessment.proposal,
  };
  if (input.determinedAt !== undefined) payload.determinedAt = input.determinedAt;
  if (input.affectedPersons !== undefined) payload.affectedPersons = input.affectedPersons;
  return { type: 'breach.determined', payload };
}
