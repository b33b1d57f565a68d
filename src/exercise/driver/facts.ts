/**
 * The run's facts, read from the target at the end: scope, obligations, determinations, alerts, actions and
 * the business backlog per region. Times are scenario milliseconds from the start: the moments the driver
 * observed, and (on an embedded target, whose clock is the scenario's) the server's own times for outages.
 */
import type { ApiClient } from '../../cli/client.js';
import type { EstateDocument } from '../../estate/index.js';
import type { ScenarioClock } from '../clock.js';
import type { RegionOutcome, RunFacts } from '../outcome.js';
import type { Snapshot } from './watch.js';

interface BacklogRegion {
  id: string;
  downSince: string;
  restoredAt: string | null;
  units: { unit: string; accrued: number; backlog: number; clearedAt: string | null }[];
}

interface Obligations {
  obligations: { entity: string; ruleId: string; title: string; applicable: boolean; status: string; deadline: string | null }[];
  assessment: { entity: string; regime: string; proposal: string }[];
  determinations: { entity: string; regime: string; decision: string }[];
}

export async function collectFacts(admin: ApiClient, seen: Snapshot, marks: ReadonlyMap<string, number>, clock: ScenarioClock, exfiltration: string, doc: EstateDocument, serverOnScenarioClock = true): Promise<RunFacts> {
  const id = seen.incidentId ?? '';
  const at = (iso: string | null | undefined) => (iso && serverOnScenarioClock ? Date.parse(iso) - clock.start : null);
  const [detail, obligations, alerts, backlog] = await Promise.all([
    admin.request<{ summary: { state: string }; scope: { host: { ref: string; state: string }[] } }>('GET', `/api/incidents/${id}`),
    admin.request<Obligations>('GET', `/api/incidents/${id}/obligations?exfiltration=${exfiltration}&ransomware=true`),
    admin.request<{ items: { payload: { rule: { id: string; title: string } } }[] }>('GET', `/api/alerts?incident=${id}&limit=500`),
    admin.request<{ regions: BacklogRegion[] }>('GET', `/api/incidents/${id}/backlog`),
  ]);
  const declared = new Map(seen.declared.map((d) => [d.region, d.at]));
  const regions: RegionOutcome[] = doc.regions.map((region) => {
    const seenRegion = seen.regions.find((r) => r.region === region.id);
    const down = backlog.regions.find((r) => r.id === region.id);
    return {
      region: region.id,
      downAt: at(down?.downSince) ?? marks.get(`down:${region.id}`) ?? null,
      outOfScopeAt: serverOnScenarioClock ? at(declared.get(region.id)) : (marks.get(`declared:${region.id}`) ?? null),
      restoredAt: (down ? at(down.restoredAt) : null) ?? marks.get(`restored:${region.id}`) ?? marks.get(`recovered:${region.id}`) ?? null,
      inScope: seenRegion ? seenRegion.inScope + seenRegion.findings > 0 : false,
      backlog: (down?.units ?? []).map((u) => ({ unit: u.unit, amount: u.accrued, hoursToClear: u.clearedAt && down?.restoredAt ? (Date.parse(u.clearedAt) - Date.parse(down.restoredAt)) / 3_600_000 : null })),
    };
  });
  const byRule = new Map<string, { rule: string; title: string; count: number }>();
  for (const { payload: alert } of alerts.items) {
    const entry = byRule.get(alert.rule.id) ?? { rule: alert.rule.id, title: alert.rule.title, count: 0 };
    entry.count++;
    byRule.set(alert.rule.id, entry);
  }
  const recorded = new Set(obligations.determinations.map((d) => `${d.entity}/${d.regime}`));
  const totals = { total: 0, verified: 0, failed: 0, pending: 0 };
  const details = await Promise.all(seen.plans.map((plan) => admin.request<{ execution: { total: number; byState: Record<string, number> } | null }>('GET', `/api/incidents/${id}/plans/${plan.planId}?records=none`)));
  for (const plan of details) {
    const byState = plan.execution?.byState ?? {};
    totals.total += plan.execution?.total ?? 0;
    totals.verified += (byState['verified'] ?? 0) + (byState['rolled_back'] ?? 0);
    totals.failed += byState['failed'] ?? 0;
    totals.pending += (byState['requested'] ?? 0) + (byState['sent'] ?? 0) + (byState['applied'] ?? 0);
  }
  return {
    incidents: seen.incidents.map((i) => ({ id: i.id, openedAt: at(i.openedAt) ?? marks.get('incident_opened') ?? 0 })),
    incidentState: detail.summary.state,
    detectedAt: marks.get('incident_opened') ?? null,
    containedAt: marks.get('contained') ?? null,
    scopeConfirmedAt: marks.get('scope_confirmed') ?? null,
    regions,
    hostScope: Object.fromEntries(detail.scope.host.map((h) => [h.ref, h.state])),
    obligations: obligations.obligations.filter((o) => o.applicable).map((o) => ({ entity: o.entity, rule: o.ruleId, title: o.title, deadline: o.deadline, status: o.status })),
    determinations: [
      ...obligations.determinations.map((d) => ({ entity: d.entity, regime: d.regime, result: d.decision, confirmed: true })),
      ...obligations.assessment.filter((a) => !recorded.has(`${a.entity}/${a.regime}`)).map((a) => ({ entity: a.entity, regime: a.regime, result: a.proposal, confirmed: false })),
    ],
    alerts: [...byRule.values()],
    actions: totals,
  };
}
