/** Containment plans for the terminal: suggestions, lists, one plan with its approvals and actions. */
import { fields, table } from '../output.js';

interface Requirement {
  name: string;
  needs: string;
  satisfied: boolean;
  by: string | null;
  expiresAt: string | null;
  why: string | null;
}

interface Evaluation {
  summary: string;
  requirements: Requirement[];
  ignored?: { by: string; reason: string }[];
}

interface Impact {
  hostsAffected: number;
  lostPerHour?: { unit: string; perHour: number }[];
  services?: { id: string; entity: string; status: string }[];
  externalLinksCut?: unknown[];
  linksCut?: unknown[];
}

export interface PrintablePlan {
  planId: string;
  status: string;
  kind: string;
  title: string;
  rationale: string;
  entities: string[];
  regions: string[];
  requestedBy: string;
  requestedAt: string;
  actionCount: number;
  impact: Impact;
  evaluation: Evaluation | null;
  outsideIncident?: string[];
  actions?: { id: string; label: string; connector: string }[];
  execution?: { total: number; byState: Record<string, number>; reverse?: { byState: Record<string, number> } | null } | null;
}

const lost = (impact: Impact) => (impact.lostPerHour ?? []).map((r) => `${r.perHour} ${r.unit}/h`).join(', ') || '-';
const counts = (byState: Record<string, number>) => Object.entries(byState).map(([state, n]) => `${n} ${state}`).join(', ');

export function printSuggestions(result: { suggestions: { key: string; plan: PrintablePlan; evaluation: Evaluation | null }[]; notes: string[] }): string {
  const rows = result.suggestions.map((s) => ({ key: s.key, title: s.plan.title, hosts: s.plan.impact.hostsAffected, lost: lost(s.plan.impact), approval: s.evaluation?.summary ?? '' }));
  const lines = rows.length === 0 ? ['no suggestions: record hosts in scope first (firebreak incidents scope ...)'] : [table(rows, ['key', 'title', 'hosts', 'lost', 'approval'])];
  for (const note of result.notes) lines.push(`note: ${note}`);
  if (rows.length > 0) lines.push('', 'propose one with: firebreak plan create INCIDENT --suggestion KEY');
  return lines.join('\n');
}

export function printPlanList(items: readonly PrintablePlan[]): string {
  if (items.length === 0) return 'no plans yet (firebreak plan suggest INCIDENT)';
  return table(
    items.map((p) => ({ plan: p.planId, status: p.status, kind: p.kind, title: p.title, by: p.requestedBy, actions: p.actionCount, approval: p.evaluation?.summary ?? '' })),
    ['plan', 'status', 'kind', 'title', 'by', 'actions', 'approval'],
  );
}

/** One line after a decision: `P-0001 running: approved (incident-commander: cora, region-lead: uk-lead)`. */
export function printDecision(plan: PrintablePlan): string {
  return `${plan.planId} ${plan.status}: ${plan.evaluation?.summary ?? ''}`;
}

export function printPlan(plan: PrintablePlan): string {
  const lines = [
    fields({ plan: plan.planId, status: plan.status, kind: plan.kind, title: plan.title, why: plan.rationale, entities: plan.entities, regions: plan.regions, requested: `${plan.requestedBy} at ${plan.requestedAt}` }),
    '',
    fields({ hosts: plan.impact.hostsAffected, lost: lost(plan.impact), 'external links cut': plan.impact.externalLinksCut?.length ?? 0, 'links cut': plan.impact.linksCut?.length ?? 0 }),
  ];
  if (plan.outsideIncident && plan.outsideIncident.length > 0) lines.push(`note: ${plan.outsideIncident.join(', ')} not in the incident yet: their people cannot see it`);
  const services = plan.impact.services ?? [];
  if (services.length > 0) lines.push('', 'Services', table(services.slice(0, 30), ['id', 'entity', 'status']));
  if (plan.evaluation) {
    lines.push('', `Approvals: ${plan.evaluation.summary}`, table(plan.evaluation.requirements, ['name', 'needs', 'satisfied', 'by', 'expiresAt', 'why']));
    for (const x of plan.evaluation.ignored ?? []) lines.push(`not counted: ${x.by}: ${x.reason}`);
  }
  if (plan.execution) lines.push('', `Execution: ${counts(plan.execution.byState)}${plan.execution.reverse ? `; rollback: ${counts(plan.execution.reverse.byState)}` : ''}`);
  const actions = plan.actions ?? [];
  if (actions.length > 0) {
    lines.push('', 'Actions', table(actions.slice(0, 50), ['id', 'connector', 'label']));
    if (actions.length > 50) lines.push(`... and ${actions.length - 50} more (--json for all)`);
  }
  return lines.join('\n');
}
