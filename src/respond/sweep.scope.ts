/**
 * From sweep results to scope: a clean sweep clears a suspected (or unassessed) host, findings put a host in
 * scope, a failed sweep leaves a suspected host suspected with the reason. A host already in scope is not
 * cleared by a clean sweep (the indicators are gone, but clearing a compromised host is a decision for people);
 * its clean sweep still counts for the recovery gate "swept clean after its last in-scope mark".
 */
import type { ScopeItem, ScopeView } from '../incident/index.js';
import { sweepResultsFromActions, type SweepResult } from './sweep.results.js';
import type { ActionRecord } from './types.js';

/** A `scope.changed` entry to append (built-in type: appended with `appendToIncident`). */
export interface ScopeChangeDraft {
  type: 'scope.changed';
  payload: { kind: 'host'; ref: string; state: 'suspected' | 'in_scope' | 'cleared'; evidence: string; entity: string };
}

const FINDINGS_IN_EVIDENCE = 10;

function sweepName(result: SweepResult): string {
  return `sweep ${result.planId}/${result.actionId} at ${result.at}`;
}

function checkedText(result: SweepResult): string {
  const c = result.checked;
  const parts = c ? [`${c.files ?? 0} files`, `${c.processes ?? 0} processes`, `${c.connections ?? 0} connections`] : [];
  const time = result.durationMs !== undefined ? ` in ${(result.durationMs / 1000).toFixed(1)} s` : '';
  return parts.length > 0 ? ` (${parts.join(', ')} checked${time})` : time;
}

function findingsText(result: SweepResult): string {
  const shown = result.findings.slice(0, FINDINGS_IN_EVIDENCE).map((f) => `${f.kind} ${f.indicator}${f.detail ? ` (${f.detail.slice(0, 200)})` : ''}`);
  const more = result.findingsTotal - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/**
 * The evidence line of a sweep result, e.g. "sweep P-12/a0003 at 2021-06-03T10:00:00.000Z: clean (5120 files,
 * 88 processes, 40 connections checked in 12.0 s)".
 */
export function sweepEvidence(result: SweepResult): string {
  if (result.outcome === 'clean') return `${sweepName(result)}: clean${checkedText(result)}`;
  if (result.outcome === 'findings') return `${sweepName(result)}: ${result.findingsTotal} finding${result.findingsTotal === 1 ? '' : 's'}: ${findingsText(result)}`;
  return `${sweepName(result)}: failed: ${result.reason ?? 'no reason given'}`;
}

function changeFor(result: SweepResult, previous: ScopeItem | undefined): ScopeChangeDraft['payload'] | undefined {
  const state = previous?.state;
  const base = { kind: 'host' as const, ref: result.host, entity: result.entity, evidence: sweepEvidence(result) };
  if (result.outcome === 'findings') return { ...base, state: 'in_scope' };
  if (result.outcome === 'clean') return state === 'in_scope' || state === 'cleared' ? undefined : { ...base, state: 'cleared' };
  return state === 'suspected' ? { ...base, state: 'suspected' } : undefined;
}

/**
 * The scope changes that sweep results call for, given the scope before them. Results are applied oldest first,
 * one change per host at most (its latest result wins). Hosts whose state would not change are left out, except
 * that findings on a host already in scope and a failure on a suspected host are recorded (new evidence).
 *
 * @example
 * scopeChangesFromSweep(await executor.list(planId), projectScope(decoded))
 * // [{ type: 'scope.changed', payload: { kind: 'host', ref: 'uk-ws01', state: 'cleared', evidence: 'sweep ...: clean (...)', entity: 'uk-ltd' } }]
 */
export function scopeChangesFromSweep(records: readonly ActionRecord[] | readonly SweepResult[], previousScope: ScopeView): ScopeChangeDraft[] {
  const results = isResults(records) ? [...records] : sweepResultsFromActions(records);
  const latest = new Map<string, SweepResult>();
  for (const r of [...results].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) latest.set(r.host, r);
  const previous = new Map(previousScope.host.map((item) => [item.ref, item]));
  const drafts: ScopeChangeDraft[] = [];
  for (const result of [...latest.values()].sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0))) {
    const payload = changeFor(result, previous.get(result.host));
    if (payload) drafts.push({ type: 'scope.changed', payload });
  }
  return drafts;
}

function isResults(list: readonly ActionRecord[] | readonly SweepResult[]): list is readonly SweepResult[] {
  const first = list[0];
  return first !== undefined && 'outcome' in first;
}

/**
 * Whether a host was swept clean after its last "in scope" or "suspected" mark: its latest completed sweep is
 * clean and newer than that mark. (A clean sweep clears a suspected host, so its own "cleared" mark comes after.)
 *
 * @example
 * sweptCleanSinceLastMark(latestSweeps(results).get('tk-fs01'), scopeItem); // true
 */
export function sweptCleanSinceLastMark(latest: SweepResult | undefined, item: ScopeItem | undefined): boolean {
  if (latest?.outcome !== 'clean') return false;
  const lastMark = [...(item?.history ?? [])].reverse().find((change) => change.state === 'in_scope' || change.state === 'suspected');
  return lastMark === undefined || latest.at > lastMark.at;
}
