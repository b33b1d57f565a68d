/**
 * How plans leave the server: a summary for lists (no action list: large plans carry thousands) and a detail
 * with the actions and, once the plan runs, the executor's records of them.
 */
import { executorPlanId, type ActionRecord, type ExecutionCounts, type PlanRecord } from '../respond/index.js';

/**
 * A plan as listed. `outsideIncident` lists the plan's entities that the incident does not name yet: their
 * people cannot see the incident (nor approve the plan) until it is added to the incident's scope.
 *
 * @example
 * planSummary('INC-0001', record, ['jp-hq']).evaluation?.summary; // 'needs region-lead (entity_lead covering all of emea)'
 */
export function planSummary(incidentId: string, record: PlanRecord, incidentEntities: readonly string[]) {
  const { plan, ...rest } = record;
  return {
    incidentId,
    ...rest,
    executorPlanId: executorPlanId(incidentId, record.planId),
    kind: plan.kind,
    title: plan.title,
    rationale: plan.rationale,
    entities: plan.entities,
    regions: plan.regions,
    request: plan.request ?? null,
    actionCount: plan.actions.length,
    impact: plan.impact,
    outsideIncident: plan.entities.filter((e) => !incidentEntities.includes(e)),
  };
}

/** The counts per direction and state of the executor's records. */
export function countRecords(records: readonly ActionRecord[]): ExecutionCounts {
  const counts: ExecutionCounts = { forward: {}, reverse: {} };
  for (const { direction, state } of records) counts[direction][state] = (counts[direction][state] ?? 0) + 1;
  return counts;
}

const total = (byState: Partial<Record<string, number>>) => Object.values(byState).reduce<number>((sum, n) => sum + (n ?? 0), 0);

/**
 * A plan with its actions and execution: counts per state, and (when given) the executor's per-action records.
 * Views that refresh often on plans of thousands of actions pass the counts alone.
 *
 * @example
 * planDetail('INC-0001', record, summary.entities, { counts: countRecords(records), records }).execution?.byState; // { verified: 5, sent: 1 }
 */
export function planDetail(incidentId: string, record: PlanRecord, incidentEntities: readonly string[], run: { counts: ExecutionCounts; records?: readonly ActionRecord[] } | null) {
  const forward = run ? total(run.counts.forward) : 0;
  const reverse = run ? total(run.counts.reverse) : 0;
  const execution =
    run === null || forward + reverse === 0
      ? null
      : {
          total: forward,
          byState: run.counts.forward,
          reverse: reverse === 0 ? null : { total: reverse, byState: run.counts.reverse },
          records: run.records,
        };
  return { ...planSummary(incidentId, record, incidentEntities), actions: record.plan.actions, execution };
}
