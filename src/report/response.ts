/**
 * The response as the report tells it, from the incident log: each containment or recovery plan (who asked,
 * who approved, when it ran, its result), each action's last state with the evidence the connector reported
 * (`actions.progressed`, `action.failed`), the business impact the plans declared (services down, output lost
 * per hour) and, per region, how long plans that took systems offline were in effect. Pure.
 */
import { actionFailedSchema, actionsProgressedSchema } from '../executor/events.js';
import type { IncidentEvent } from '../incident/index.js';
import { projectPlans, type PlanRecord } from '../respond/index.js';

export interface ReportPlan {
  planId: string;
  title: string;
  kind: string;
  status: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string[];
  startedAt: string | null;
  startedVia: string | null;
  /** `5 verified, 1 failed of 6`, or null before the plan finished. */
  result: string | null;
  rolledBackAt: string | null;
  hostsAffected: number;
  servicesDown: string[];
  lostPerHour: string[];
  regions: string[];
}

export interface ReportAction {
  planId: string;
  actionId: string;
  label: string;
  direction: string;
  state: string;
  at: string;
  /** What the connector reported (probes, ruleset hash, sweep findings), or the error. */
  evidence: string | null;
}

export interface RegionDowntime {
  region: string;
  /** Time with at least one plan that takes systems of the region offline in effect (until rollback or now). */
  ms: number;
  from: string;
  until: string | null;
  servicesDown: number;
  lostPerHour: string[];
}

export interface ReportResponse {
  plans: ReportPlan[];
  actions: ReportAction[];
  downtimeByRegion: RegionDowntime[];
}

const rate = (r: { unit: string; perHour: number }) => `${r.perHour.toLocaleString('en-US')} ${r.unit}/h`;
const ORDER = ['verified', 'applied', 'sent', 'requested', 'failed', 'rolled_back'];
const rank = (state: string) => (ORDER.includes(state) ? ORDER.indexOf(state) : ORDER.length);
const countText = (counts: Record<string, number>, total: number) =>
  `${Object.entries(counts).filter(([, n]) => n > 0).sort(([a], [b]) => rank(a) - rank(b)).map(([s, n]) => `${n} ${s.replace('_', ' ')}`).join(', ')} of ${total}`;

function planOf(p: PlanRecord): ReportPlan {
  const impact = p.plan.impact;
  return {
    planId: p.planId, title: p.plan.title, kind: p.plan.kind, status: p.status, requestedBy: p.requestedBy, requestedAt: p.requestedAt,
    approvedBy: p.approvals.map((a) => a.by), startedAt: p.started?.at ?? null, startedVia: p.started?.via ?? null,
    result: p.finished.forward ? countText(p.finished.forward.counts, p.finished.forward.total) : null,
    rolledBackAt: p.finished.reverse?.at ?? null,
    hostsAffected: impact.hostsAffected,
    servicesDown: impact.services.filter((s) => s.status === 'down').map((s) => s.name),
    lostPerHour: impact.lostPerHour.map(rate),
    regions: p.plan.regions,
  };
}

function actionsOf(events: readonly IncidentEvent[]): ReportAction[] {
  const last = new Map<string, ReportAction>();
  const prefix = `${events[0]?.incidentId ?? ''}-`;
  const plan = (id: string) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  for (const event of events) {
    if (event.type === 'actions.progressed') {
      const parsed = actionsProgressedSchema.safeParse(event.payload);
      if (!parsed.success) continue;
      for (const t of parsed.data.transitions) {
        const key = `${parsed.data.planId}\u0000${t.actionId}\u0000${parsed.data.direction}`;
        last.set(key, { planId: plan(parsed.data.planId), actionId: t.actionId, label: t.label, direction: parsed.data.direction, state: t.state, at: t.at, evidence: t.detail ?? last.get(key)?.evidence ?? null });
      }
    } else if (event.type === 'action.failed') {
      const parsed = actionFailedSchema.safeParse(event.payload);
      if (!parsed.success) continue;
      const p = parsed.data;
      last.set(`${p.planId}\u0000${p.actionId}\u0000${p.direction}`, { planId: plan(p.planId), actionId: p.actionId, label: p.label, direction: p.direction, state: 'failed', at: event.at, evidence: `${p.error.code}: ${p.error.message} (after ${p.attempts} attempts)` });
    }
  }
  return [...last.values()];
}

/** Per region, the union of the intervals during which a started plan that takes its systems offline was in effect. */
function downtimeOf(plans: readonly PlanRecord[], until: string): RegionDowntime[] {
  const byRegion = new Map<string, { spans: [number, number][]; servicesDown: number; lost: Map<string, number>; open: boolean }>();
  for (const p of plans) {
    if (!p.started || p.plan.kind === 'recovery' || p.plan.kind === 'sweep') continue;
    const end = p.finished.reverse?.at ?? null;
    for (const r of p.plan.impact.byRegion) {
      if (r.hostsIsolated === 0 && r.servicesDown === 0) continue;
      const entry = byRegion.get(r.id) ?? { spans: [], servicesDown: 0, lost: new Map<string, number>(), open: false };
      entry.spans.push([Date.parse(p.started.at), Date.parse(end ?? until)]);
      entry.open ||= end === null;
      entry.servicesDown = Math.max(entry.servicesDown, r.servicesDown);
      for (const l of r.lostPerHour) entry.lost.set(l.unit, Math.max(entry.lost.get(l.unit) ?? 0, l.perHour));
      byRegion.set(r.id, entry);
    }
  }
  return [...byRegion.entries()]
    .map(([region, e]) => {
      const spans = e.spans.sort((a, b) => a[0] - b[0]);
      let ms = 0;
      let [start, stop] = spans[0] ?? [0, 0];
      for (const [s, t] of spans.slice(1)) {
        if (s > stop) {
          ms += stop - start;
          [start, stop] = [s, t];
        } else stop = Math.max(stop, t);
      }
      ms += stop - start;
      const last = Math.max(...spans.map(([, t]) => t));
      return { region, ms, from: new Date(spans[0]?.[0] ?? 0).toISOString(), until: e.open ? null : new Date(last).toISOString(), servicesDown: e.servicesDown, lostPerHour: [...e.lost].map(([unit, perHour]) => rate({ unit, perHour })) };
    })
    .sort((a, b) => a.region.localeCompare(b.region));
}

/**
 * @example
 * responseOf(log, '2021-06-05T00:00:00Z').downtimeByRegion; // [{ region: 'emea', ms: 172800000, ... }]
 */
export function responseOf(events: readonly IncidentEvent[], until: string): ReportResponse {
  const plans = projectPlans(events);
  return { plans: plans.map(planOf), actions: actionsOf(events), downtimeByRegion: downtimeOf(plans, until) };
}
