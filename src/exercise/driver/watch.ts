/**
 * What the driver sees of the target: the exercise's incident, its plans, region clearance and recovery plans,
 * read through the API, turned into the director's observations and, at the end, into the run's facts.
 */
import type { ApiClient } from '../../cli/client.js';
import type { Observation } from '../director.js';

export interface PlanSeen {
  planId: string;
  kind: string;
  status: string;
  title: string;
  regions: string[];
  entities: string[];
  actionCount: number;
  execution?: { total: number; byState: Record<string, number> } | null;
}

export interface RegionSeen {
  region: string;
  name: string;
  hosts: number;
  sweptClean: number;
  inScope: number;
  findings: number;
  notSwept: number;
  canDeclare: boolean;
}

export interface RecoverySeen {
  plan: { recoveryId: string; regions: string[]; entities: string[] };
  status: string;
  progress: { completed: number; total: number };
  runnable: number[];
  steps: { n: number; status: string; gateStatus: { gate: string; passed: boolean; detail: string }[] }[];
}

export interface Snapshot {
  incidentId: string | null;
  incidents: { id: string; title: string; openedAt: string }[];
  /** Hosts suspected or in scope. */
  hostsInScope: string[];
  plans: PlanSeen[];
  regions: RegionSeen[];
  declared: { region: string; at: string }[];
  recoveries: RecoverySeen[];
}

const CONTAINMENT = new Set(['isolate_hosts', 'cut_segment_external', 'cut_segment_links']);
const SETTLED = new Set(['completed', 'rejected', 'cancelled', 'expired', 'rolled_back']);
const BUSY = new Set(['approved', 'running', 'rolling_back']);

/** Reads the target's state for the exercise's incidents (those opened since `since`, an ISO time). */
export async function snapshot(admin: ApiClient, since: string, known: string | null): Promise<Snapshot> {
  const list = await admin.request<{ items: { id: string; title: string; openedAt: string }[] }>('GET', '/api/incidents?limit=50');
  const incidents = list.items.filter((i) => i.openedAt >= since).sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1));
  const incidentId = known ?? incidents[0]?.id ?? null;
  if (!incidentId) return { incidentId, incidents, hostsInScope: [], plans: [], regions: [], declared: [], recoveries: [] };
  const [detail, plans, clearance, recoveries] = await Promise.all([
    admin.request<{ scope: { host: { ref: string; state: string }[] } }>('GET', `/api/incidents/${incidentId}`),
    admin.request<{ items: PlanSeen[] }>('GET', `/api/incidents/${incidentId}/plans`),
    admin.request<{ regions: RegionSeen[]; declared: { region: string; at: string }[] }>('GET', `/api/incidents/${incidentId}/scope/regions`),
    admin.request<{ items: RecoverySeen[] }>('GET', `/api/incidents/${incidentId}/recovery`),
  ]);
  const hostsInScope = detail.scope.host.filter((h) => h.state === 'suspected' || h.state === 'in_scope').map((h) => h.ref);
  return { incidentId, incidents, hostsInScope, plans: plans.items, regions: clearance.regions, declared: clearance.declared, recoveries: recoveries.items };
}

/** Whether machines are at work (plans running or rolling back): the scenario clock must not jump then. */
export function busy(seen: Snapshot): boolean {
  return seen.plans.some((p) => BUSY.has(p.status)) || seen.recoveries.some((r) => r.steps.some((s) => s.status === 'running'));
}

/** Containment is done when every containment plan decided so far has settled and at least one completed. */
export function contained(seen: Snapshot): boolean {
  const plans = seen.plans.filter((p) => CONTAINMENT.has(p.kind));
  return plans.some((p) => p.status === 'completed') && plans.every((p) => SETTLED.has(p.status));
}


/** The observations a snapshot supports (the director ignores repeats). */
export function observationsOf(seen: Snapshot): Observation[] {
  const id = seen.incidentId;
  if (!id) return [];
  const out: Observation[] = [{ on: 'incident_opened', incidentId: id }];
  if (seen.hostsInScope.length > 0) out.push({ on: 'hosts_suspected', incidentId: id, hosts: seen.hostsInScope });
  for (const plan of seen.plans) {
    if (plan.status === 'awaiting_approval') out.push({ on: 'plan_awaiting_approval', incidentId: id, planId: plan.planId, kind: plan.kind, regions: plan.regions, entities: plan.entities });
  }
  if (contained(seen)) out.push({ on: 'contained', incidentId: id });
  const declared = new Set(seen.declared.map((d) => d.region));
  for (const region of seen.regions) {
    if (region.canDeclare && !declared.has(region.region)) out.push({ on: 'region_clean', incidentId: id, region: region.region });
  }
  if (seen.regions.length > 0 && seen.regions.every((r) => declared.has(r.region) || r.inScope + r.findings > 0)) out.push({ on: 'scope_confirmed', incidentId: id });
  for (const recovery of seen.recoveries) {
    if (recovery.status !== 'completed') continue;
    for (const region of recovery.plan.regions) out.push({ on: 'recovered', incidentId: id, region });
  }
  return out;
}
