/**
 * The end-of-run summary for people: times to detect, contain and confirm scope; downtime and backlog per
 * region; obligations per entity; actions; the expectations; and the comparison with the real case.
 */
import { formatScenarioDuration } from './duration.js';
import { downtime, type At, type Comparison, type ExpectationResult, type RunFacts } from './outcome.js';
import type { Scenario } from './scenario.schema.js';

export interface SummaryInput {
  scenario: Scenario;
  incidentId: string | null;
  facts: RunFacts;
  expectations: ExpectationResult[];
  comparison: Comparison[];
  scenarioMs: number;
  realMs: number;
  stopped: string;
  /** Someone stopped the run before its end. */
  interrupted?: boolean;
}

const span = (at: At) => (at === null ? '—' : formatScenarioDuration(at));
const pad = (text: string, width: number) => (text.length >= width ? text.slice(0, width - 1) + '…' : text.padEnd(width));
const amount = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The summary as plain text lines.
 *
 * @example
 * formatSummary(result).join('\n');
 */
export function formatSummary(run: SummaryInput): string[] {
  const { facts } = run;
  const lines = [
    `Exercise ${run.scenario.id}: ${run.scenario.title}`,
    `${run.incidentId ?? 'no incident'} · ${formatScenarioDuration(run.scenarioMs)} of scenario time in ${formatScenarioDuration(run.realMs)} (${run.stopped})`,
    '',
    `Time to detect        ${span(facts.detectedAt)}`,
    `Time to contain       ${span(facts.containedAt)}`,
    `Scope confirmed after ${span(facts.scopeConfirmedAt)}`,
    '',
    `${pad('REGION', 10)}${pad('IN SCOPE', 10)}${pad('DOWN AT', 14)}${pad('OUT OF SCOPE', 14)}${pad('DOWNTIME', 14)}BACKLOG`,
  ];
  for (const region of facts.regions) {
    const backlog = region.backlog.filter((b) => b.amount > 0).map((b) => `${amount(b.amount)} ${b.unit}${b.hoursToClear !== null ? ` (cleared in ${formatScenarioDuration(b.hoursToClear * 3_600_000)})` : ''}`).join(', ');
    const down = region.downAt === null ? 'not down' : region.restoredAt === null ? `${span(Math.max(0, run.scenarioMs - region.downAt))}+` : span(downtime(region));
    lines.push(`${pad(region.region, 10)}${pad(region.inScope ? 'yes' : 'no', 10)}${pad(span(region.downAt), 14)}${pad(span(region.outOfScopeAt), 14)}${pad(down, 14)}${backlog || '—'}`);
  }
  lines.push('', 'Obligations per entity');
  const byEntity = new Map<string, RunFacts['obligations']>();
  for (const o of facts.obligations) byEntity.set(o.entity, [...(byEntity.get(o.entity) ?? []), o]);
  if (byEntity.size === 0) lines.push('  none');
  for (const [entity, list] of byEntity) {
    lines.push(`  ${entity}`);
    for (const o of list) lines.push(`    ${pad(o.rule, 28)}${pad(o.status, 12)}${o.deadline ? `due ${o.deadline.slice(0, 16).replace('T', ' ')} UTC` : ''}`);
  }
  const determinations = facts.determinations.filter((d) => d.confirmed);
  if (determinations.length > 0) lines.push('', `Determinations: ${determinations.map((d) => `${d.entity} ${d.regime} ${d.result.replace('_', ' ')}`).join('; ')}`);
  lines.push('', `Actions: ${amount(facts.actions.total)} (${amount(facts.actions.verified)} verified, ${amount(facts.actions.failed)} failed, ${amount(facts.actions.pending)} pending); alerts: ${facts.alerts.reduce((n, a) => n + a.count, 0)} from ${facts.alerts.length} rule(s)`);
  if (run.expectations.length > 0) {
    lines.push('', `Expectations: ${run.expectations.filter((e) => e.ok).length} of ${run.expectations.length} met`);
    for (const e of run.expectations) lines.push(`  ${e.ok ? 'ok  ' : 'FAIL'} ${e.text} (${e.detail})`);
  }
  if (run.comparison.length > 0) {
    lines.push('', `${pad(`Compared with ${run.scenario.history?.source.split(' (')[0] ?? 'the real case'}`, 52)}${pad('THEN', 10)}THIS RUN`);
    for (const c of run.comparison) lines.push(`  ${pad(c.label, 50)}${pad(formatScenarioDuration(c.then), 10)}${c.now === null ? 'not yet' : formatScenarioDuration(c.now)}`);
    if (run.interrupted) lines.push(`  (the run was ${run.stopped} before its end: this run's figures cover only what happened until then)`);
  }
  return lines;
}
