/** Recovery plans and the backlog for the terminal. */
import { table } from '../output.js';

interface GateLine {
  gate: string;
  subject?: string;
  passed: boolean;
  detail: string;
}

export interface PrintableStep {
  n: number;
  title: string;
  status: string;
  hosts: string[];
  actions: unknown[];
  dependsOn: number[];
  waitingFor: number[];
  externalDependencies: string[];
  gateStatus: GateLine[];
  notes: string[];
}

export interface PrintableRecovery {
  plan: { recoveryId: string; title: string; approver?: string; warnings: string[] };
  plannedBy: string;
  plannedAt: string;
  status: string;
  progress: { completed: number; total: number };
  steps: PrintableStep[];
  runnable: number[];
}

/** One line per plan. */
export function printRecoveryList(items: readonly PrintableRecovery[]): string {
  if (items.length === 0) return 'no recovery plans yet (plan one: firebreak recovery plan INCIDENT --region R)';
  return table(items.map((v) => ({ id: v.plan.recoveryId, title: v.plan.title, status: v.status.replace('_', ' '), done: `${v.progress.completed}/${v.progress.total}`, 'can run': v.runnable.join(',') || '-', by: v.plannedBy.replace(/^user:/, '') })), ['id', 'title', 'status', 'done', 'can run', 'by']);
}

const mark = (g: GateLine) => `${g.passed ? '[x]' : '[ ]'} ${g.gate.replace('_', ' ')}${g.subject ? ` (${g.subject})` : ''}: ${g.detail}`;

/**
 * A plan with each step, its status, its gates and what it waits for.
 *
 * @example
 * printRecovery(view); // "R-0001 Restore region emea: in progress, 1/4 steps done" ...
 */
export function printRecovery(view: PrintableRecovery): string {
  const p = view.plan;
  const lines = [`${p.recoveryId} ${p.title}: ${view.status.replace('_', ' ')}, ${view.progress.completed}/${view.progress.total} steps done${p.approver ? `; approver ${p.approver}` : ''}`];
  for (const w of p.warnings) lines.push(`warning: ${w}`);
  for (const s of view.steps) {
    const after = s.dependsOn.length > 0 ? ` after ${s.dependsOn.join(', ')}` : '';
    lines.push('', `${s.n}. ${s.title} [${s.status.replace('_', ' ')}]${after}`);
    lines.push(`   ${s.hosts.length} host${s.hosts.length === 1 ? '' : 's'}, ${s.actions.length} action${s.actions.length === 1 ? '' : 's'}${s.waitingFor.length > 0 ? `; waiting for ${s.waitingFor.join(', ')}` : ''}`);
    for (const g of s.gateStatus) lines.push(`   ${mark(g)}`);
    for (const n of s.notes) lines.push(`   note: ${n}`);
  }
  lines.push('', view.runnable.length > 0 ? `can run now: step ${view.runnable.join(', ')} (firebreak recovery run INCIDENT ${p.recoveryId} STEP)` : 'no step can run now');
  return lines.join('\n');
}

interface UnitLine {
  unit: string;
  accrued: number;
  backlog: number;
  lostPerHour: number;
  clearedAt: string | null;
}

export interface PrintableBacklog {
  at: string;
  surge: number;
  services: { id: string; entity: string; state: string; downSince: string; restoredAt: string | null; unit: string | null; accrued: number | null; backlog: number | null; workOff: { hours: number; clearedAt: string | null } | null }[];
  regions: { id: string; units: UnitLine[] }[];
  totals: UnitLine[];
  scoped?: boolean;
}

const hhmm = (iso: string | null) => (iso === null ? '-' : iso.replace('T', ' ').slice(0, 16));
const amount = (n: number | null, unit: string | null) => (n === null || unit === null ? '-' : `${Math.round(n)} ${unit}`);

/** Services first, then regions and totals per unit. */
export function printBacklog(view: PrintableBacklog): string {
  if (view.services.length === 0) return 'no service has lost capacity in this incident';
  const services = view.services.map((s) => ({
    service: s.id, entity: s.entity, state: s.state, 'down since': hhmm(s.downSince), restored: hhmm(s.restoredAt), accrued: amount(s.accrued, s.unit), backlog: amount(s.backlog, s.unit),
    'work off': s.workOff === null ? '-' : s.workOff.clearedAt ? `${s.workOff.hours} h (by ${hhmm(s.workOff.clearedAt)})` : `${s.workOff.hours} h once back`,
  }));
  const lines = [table(services, ['service', 'entity', 'state', 'down since', 'restored', 'accrued', 'backlog', 'work off'])];
  const units = view.regions.flatMap((r) => r.units.map((u) => ({ region: r.id, unit: u.unit, accrued: Math.round(u.accrued), backlog: Math.round(u.backlog), 'lost/h now': Math.round(u.lostPerHour), cleared: hhmm(u.clearedAt) })));
  if (units.length > 0) lines.push('', table(units, ['region', 'unit', 'accrued', 'backlog', 'lost/h now', 'cleared']));
  lines.push('', `surge ${view.surge}x normal once back (spare ${Math.round((view.surge - 1) * 100)}% works the backlog off); as of ${hhmm(view.at)}${view.scoped ? '; only your entities' : ''}`);
  return lines.join('\n');
}
