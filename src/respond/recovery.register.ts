/**
 * Registers the event types of scope confirmation and recovery with the incident log, with one-line
 * descriptions for the timeline: `sweep.results`, `scope.region_cleared`, `recovery.planned`,
 * `recovery.gate_recorded`, `recovery.step_started`, `recovery.step_completed`, `recovery.step_failed`.
 */
import { registerEventType } from '../incident/index.js';
import {
  gateRecordedPayloadSchema,
  stepCompletedPayloadSchema,
  stepFailedPayloadSchema,
  stepStartedPayloadSchema,
} from './recovery.events.js';
import { recoveryPlanSchema } from './recovery.schema.js';
import { regionClearedPayloadSchema } from './scope-confirmation.declare.js';
import { sweepResultsPayloadSchema } from './sweep.results.js';

const GATE_WORDS = { clean_sweep: 'clean sweep', credentials_reset: 'credentials reset', backup_verified: 'backup verified', approval: 'approval' } as const;
let registered = false;

/**
 * Safe to call more than once (the server calls it at start, tests freely).
 *
 * @example
 * registerRecoveryEventTypes();
 * recordEvents(summary, [{ type: 'recovery.gate_recorded', payload }], ctx);
 */
export function registerRecoveryEventTypes(): void {
  if (registered) return;
  registered = true;
  registerEventType('sweep.results', sweepResultsPayloadSchema, {
    describe: ({ payload: p }, actor) => {
      const count = (o: string) => p.results.filter((r) => r.outcome === o).length;
      return `${actor} recorded sweep results of ${p.planId}: ${count('clean')} clean, ${count('findings')} with findings, ${count('failed')} failed`;
    },
  });
  registerEventType('scope.region_cleared', regionClearedPayloadSchema, {
    describe: ({ payload: p }) => `${p.by} declared ${p.entities.length === 1 && p.entities[0] !== p.region ? `${p.entities[0]} (region ${p.region})` : `region ${p.region}`} out of scope: ${p.evidence.summary}`,
  });
  registerEventType('recovery.planned', recoveryPlanSchema, {
    describe: ({ payload: p }, actor) => `${actor} planned ${p.recoveryId}: ${p.title} in ${p.steps.length} step${p.steps.length === 1 ? '' : 's'}`,
  });
  registerEventType('recovery.gate_recorded', gateRecordedPayloadSchema, {
    describe: ({ payload: p }) => `${p.by} recorded ${GATE_WORDS[p.gate]}${p.subject ? ` for ${p.subject}` : ''} on step ${p.step} of ${p.recoveryId}`,
  });
  registerEventType('recovery.step_started', stepStartedPayloadSchema, {
    describe: ({ payload: p }) => `${p.by} started step ${p.step} of ${p.recoveryId} (${p.actions} action${p.actions === 1 ? '' : 's'}, plan ${p.planId})`,
  });
  registerEventType('recovery.step_completed', stepCompletedPayloadSchema, {
    describe: ({ payload: p }, actor) => `${actor}: step ${p.step} of ${p.recoveryId} completed (${p.verified} verified${p.applied > 0 ? `, ${p.applied} applied` : ''})`,
  });
  registerEventType('recovery.step_failed', stepFailedPayloadSchema, {
    describe: ({ payload: p }, actor) => `${actor}: step ${p.step} of ${p.recoveryId} FAILED: ${p.failedTotal} action${p.failedTotal === 1 ? '' : 's'} failed${p.failed[0] ? ` (${p.failed[0].label}: ${p.failed[0].error})` : ''}`,
  });
}
