/**
 * Sweep results: read from the executor's action records (the agent's verified evidence), recorded in the
 * incident log as `sweep.results`, and read back from it for scope confirmation and recovery gates.
 */
import { z } from 'zod';
import type { IncidentEvent } from '../incident/index.js';
import type { ActionRecord } from './types.js';

export const SWEEP_OUTCOMES = ['clean', 'findings', 'failed'] as const;
export type SweepOutcome = (typeof SWEEP_OUTCOMES)[number];

/** Findings kept per host in the log; the count says how many there were. */
export const MAX_FINDINGS_KEPT = 50;

export const sweepFindingSchema = z.object({
  kind: z.string().max(40),
  indicator: z.string().max(300),
  detail: z.string().max(1000).default(''),
});
export type SweepFinding = z.output<typeof sweepFindingSchema>;

/** One host's sweep, as recorded. `at` is when the executor saw the final state. */
export const sweepResultSchema = z.object({
  host: z.string(),
  entity: z.string(),
  planId: z.string(),
  actionId: z.string(),
  outcome: z.enum(SWEEP_OUTCOMES),
  at: z.string(),
  findings: z.array(sweepFindingSchema).max(MAX_FINDINGS_KEPT).default([]),
  findingsTotal: z.number().int().nonnegative().default(0),
  checked: z.object({ files: z.number(), processes: z.number(), connections: z.number() }).partial().optional(),
  durationMs: z.number().nonnegative().optional(),
  /** Why a sweep failed (offline host, no agent, timeout). */
  reason: z.string().max(2000).optional(),
});
export type SweepResult = z.output<typeof sweepResultSchema>;

/** Results per `sweep.results` event at most (large sweeps are recorded in several events). */
export const SWEEP_RESULTS_PER_EVENT = 500;

export const sweepResultsPayloadSchema = z.object({
  planId: z.string().max(200),
  results: z.array(sweepResultSchema).max(SWEEP_RESULTS_PER_EVENT),
});
export type SweepResultsPayload = z.output<typeof sweepResultsPayloadSchema>;

/** The agent's evidence for a verified sweep (see `sweepArgsSchema` in the agent protocol). */
const evidenceSchema = z.object({
  clean: z.boolean(),
  findings: z.array(z.object({ kind: z.string(), indicator: z.string(), detail: z.unknown().optional() })).default([]),
  checked: z.object({ files: z.number(), processes: z.number(), connections: z.number() }).partial().optional(),
  durationMs: z.number().nonnegative().optional(),
});

function finalAt(record: ActionRecord): string {
  const last = record.history[record.history.length - 1];
  return last?.at ?? record.updatedAt;
}

function detailText(detail: unknown): string {
  if (detail === undefined || detail === null) return '';
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

function verifiedResult(base: Omit<SweepResult, 'outcome' | 'findings' | 'findingsTotal'>, evidence: unknown): SweepResult {
  const parsed = evidenceSchema.safeParse(evidence);
  if (!parsed.success) return { ...base, outcome: 'failed', findings: [], findingsTotal: 0, reason: 'the agent reported a sweep whose evidence could not be read' };
  const { clean, findings, checked, durationMs } = parsed.data;
  const kept = findings.slice(0, MAX_FINDINGS_KEPT).map((f) => ({ kind: f.kind.slice(0, 40), indicator: f.indicator.slice(0, 300), detail: detailText(f.detail) }));
  const result: SweepResult = { ...base, outcome: clean && findings.length === 0 ? 'clean' : 'findings', findings: kept, findingsTotal: findings.length };
  if (checked !== undefined) result.checked = checked;
  if (durationMs !== undefined) result.durationMs = durationMs;
  return result;
}

/**
 * The final sweep results among action records (forward `sweep` actions that are `verified` or `failed`);
 * actions still running are left out.
 *
 * @example
 * sweepResultsFromActions(await executor.list(planId)).filter((r) => r.outcome === 'findings');
 */
export function sweepResultsFromActions(records: readonly ActionRecord[]): SweepResult[] {
  const results: SweepResult[] = [];
  for (const record of records) {
    if (record.operation !== 'sweep' || record.direction !== 'forward' || record.target.kind !== 'host') continue;
    if (record.state !== 'verified' && record.state !== 'failed') continue;
    const base = { host: record.target.ref, entity: record.target.entity, planId: record.planId, actionId: record.actionId, at: finalAt(record) };
    if (record.state === 'verified') results.push(verifiedResult(base, record.evidence));
    else results.push({ ...base, outcome: 'failed', findings: [], findingsTotal: 0, reason: record.error ? `${record.error.code}: ${record.error.message}` : 'the sweep failed' });
  }
  return results;
}

/**
 * Every sweep result recorded in an incident's log, oldest first.
 *
 * @example
 * sweepResultsFromEvents(events).filter((r) => r.host === 'tk-fs01');
 */
export function sweepResultsFromEvents(events: readonly IncidentEvent[]): SweepResult[] {
  const results: SweepResult[] = [];
  for (const event of events) {
    if (event.type !== 'sweep.results') continue;
    const parsed = sweepResultsPayloadSchema.safeParse(event.payload);
    if (parsed.success) results.push(...parsed.data.results);
  }
  return results;
}

/** The keys (`planId/actionId`) of results already recorded, so that a result is recorded once. */
export function recordedSweepKeys(events: readonly IncidentEvent[]): Set<string> {
  return new Set(sweepResultsFromEvents(events).map((r) => `${r.planId}/${r.actionId}`));
}

/**
 * The latest completed sweep (clean or with findings) of each host, or its latest failed one when none completed.
 *
 * @example
 * latestSweeps(results).get('tk-fs01')?.outcome; // 'clean'
 */
export function latestSweeps(results: readonly SweepResult[]): Map<string, SweepResult> {
  const latest = new Map<string, SweepResult>();
  for (const result of results) {
    const current = latest.get(result.host);
    const completed = result.outcome !== 'failed';
    const currentCompleted = current !== undefined && current.outcome !== 'failed';
    if (current === undefined || (completed && (!currentCompleted || result.at >= current.at)) || (!completed && !currentCompleted && result.at >= current.at)) {
      latest.set(result.host, result);
    }
  }
  return latest;
}

/** `sweep.results` payloads for results, in batches of {@link SWEEP_RESULTS_PER_EVENT}, per plan. */
export function sweepResultsPayloads(results: readonly SweepResult[]): SweepResultsPayload[] {
  const byPlan = new Map<string, SweepResult[]>();
  for (const r of results) {
    const list = byPlan.get(r.planId);
    if (list) list.push(r);
    else byPlan.set(r.planId, [r]);
  }
  const payloads: SweepResultsPayload[] = [];
  for (const [planId, list] of byPlan) {
    for (let i = 0; i < list.length; i += SWEEP_RESULTS_PER_EVENT) payloads.push({ planId, results: list.slice(i, i + SWEEP_RESULTS_PER_EVENT) });
  }
  return payloads;
}
