/**
 * How plans leave the server: a summary for lists (no action list: large plans carry thousands) and a detail
 * with the actions and, once the plan runs, the executor's records of them.
 */
import { executorPlanId, type ActionRecord, type PlanRecord } from '../respond/index.js';

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

function countStates(records: readonly ActionRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) counts[record.state] = (counts[record.state] ?? 0) + 1;
  return counts;
}

/**
 * A plan with its actions and execution. `records: false` leaves the executor's per-action records out (the
 * counts stay), for views that refresh often on plans of thousands of actions.
 *
 * @example
 * planDetail('INC-0001', record, summary.entities, await executor.list(id), true).execution?.byState; // { verified: 5, sent: 1 }
 */
export function planDetail(incidentId: string, record: PlanRecord, incidentEntities: readonly string[], records: readonly ActionRecord[] | null, withRecords: boolean) {
  const forward = records?.filter((r) => r.direction === 'forward') ?? [];
  const reverse = records?.filter((r) => r.direction === 'reverse') ?? [];
  const execution =
    records === null || records.length === 0
      ? null
      : {
          total: forward.length,
          byState: countStates(forward),
          reverse: reverse.length === 0 ? null : { total: reverse.length, byState: countStates(reverse) },
          records: withRecords ? records : undefined,
        };
  return { ...planSummary(incidentId, record, incidentEntities), actions: record.plan.actions, execution };
}
