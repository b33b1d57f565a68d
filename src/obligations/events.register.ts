/**
 * Registers this capability's event types with the incident log, with one-line descriptions for the timeline.
 */
import { registerEventType } from '../incident/index.js';
import {
  breachDeterminedSchema,
  decisionRecordedSchema,
  incidentClassifiedSchema,
  obligationFiledSchema,
  ransomPaidSchema,
} from './events.schema.js';

const WORDS = { notifiable: 'notifiable', not_notifiable: 'not notifiable', undetermined: 'undetermined' } as const;

/**
 * Registers `breach.determined`, `incident.classified`, `ransom.paid`, `obligation.filed` and
 * `decision.recorded`. Safe to call more than once (the server calls it at start-up, tests call it freely).
 *
 * @example
 * registerObligationEventTypes();
 * recordEvents(summary, [{ type: 'obligation.filed', payload: filing }], ctx);
 */
export function registerObligationEventTypes(): void {
  registerEventType('breach.determined', breachDeterminedSchema, {
    describe: ({ payload: p }, actor) => {
      const how =
        p.proposed === undefined
          ? ''
          : p.proposed === p.decision
            ? ' (confirms the proposal)'
            : ` (overrides the proposal: ${WORDS[p.proposed]})`;
      return `${actor} recorded ${p.by}'s determination: ${p.entity} ${WORDS[p.decision]} under ${p.regime}${how}`;
    },
  });
  registerEventType('incident.classified', incidentClassifiedSchema, {
    describe: ({ payload: p }, actor) =>
      `${actor} classified the incident under ${p.regime} as ${p.classification}${p.entity === undefined ? '' : ` for ${p.entity}`}`,
  });
  registerEventType('ransom.paid', ransomPaidSchema, {
    describe: ({ payload: p }, actor) => {
      const amount = p.amount === undefined ? 'a ransom' : `a ransom of ${p.amount} ${p.currency ?? ''}`.trimEnd();
      return `${actor} recorded ${amount} paid at ${p.at}${p.paidBy === undefined ? '' : ` by ${p.paidBy}`}`;
    },
  });
  registerEventType('obligation.filed', obligationFiledSchema, {
    describe: ({ payload: p }, actor) =>
      `${actor} recorded ${p.ruleId} for ${p.entity} filed with ${p.recipient} at ${p.at}${p.reference === undefined ? '' : ` (ref ${p.reference})`}`,
  });
  registerEventType('decision.recorded', decisionRecordedSchema, {
    describe: ({ payload: p }, actor) =>
      `${actor} recorded a ${p.kind} decision: ${p.decision} (approved by ${p.approvers.join(', ')})`,
  });
}
