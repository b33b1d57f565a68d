import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import type { IncidentEvent } from './event.js';
import { SCOPE_KINDS, SCOPE_STATES, SEVERITIES, TASK_STATUSES } from './fields.js';
import { foldSummary } from './fold.js';
import { IncidentHarness } from './incident.testing.js';
import type { AppendInput } from './input.schema.js';
import { INCIDENT_STATES, allowedTransitions, type IncidentState } from './lifecycle.js';
import { projectIncident } from './projection.js';
import type { IncidentSummary } from './summary.js';
import { verifyChain } from './verify.js';

type Step =
  | { kind: 'append'; input: AppendInput; actor: string; afterMs: number }
  | { kind: 'task.updated'; pick: number; status: (typeof TASK_STATUSES)[number]; afterMs: number }
  | { kind: 'advance'; pick: number; afterMs: number }
  | { kind: 'raw'; afterMs: number };

const afterMs = fc.integer({ min: 0, max: 6 * 3_600_000 });
const actor = fc.constantFrom('user:alice', 'user:bob', 'user:carol');
const ref = fc.constantFrom('tk-fs01', 'tk-fs02', 'emea-core', 'fgs-uk', 'fujifilm-jp');
const entity = fc.option(fc.constantFrom('fujifilm-jp', 'fujifilm-europe', 'fgs-uk'), { nil: undefined });

const appendArb: fc.Arbitrary<AppendInput> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map((text) => ({ type: 'note.added' as const, payload: { text: `n ${text}` } })),
  fc.constantFrom('Isolate tk-fs01', 'Reset credentials').map((title) => ({ type: 'task.added' as const, payload: { title } })),
  fc.constantFrom(...INCIDENT_STATES).map((to) => ({ type: 'state.changed' as const, payload: { to } })),
  fc.record({ kind: fc.constantFrom(...SCOPE_KINDS), ref, state: fc.constantFrom(...SCOPE_STATES), entity }).map((p) => ({
    type: 'scope.changed' as const,
    payload: p.entity === undefined ? { kind: p.kind, ref: p.ref, state: p.state, evidence: 'seen' } : { ...p, evidence: 'seen' },
  })),
  fc.constantFrom(...SEVERITIES).map((to) => ({ type: 'severity.changed' as const, payload: { to } })),
  fc.constantFrom('alice', 'bob').map((username) => ({ type: 'commander.assigned' as const, payload: { username } })),
  fc.constantFrom('Qbot on tyo-fs01', 'Ransomware at the Tokyo HQ').map((to) => ({ type: 'title.changed' as const, payload: { to } })),
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), input: appendArb, actor, afterMs }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('task.updated' as const), pick: fc.nat(), status: fc.constantFrom(...TASK_STATUSES), afterMs }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), pick: fc.nat(), afterMs }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), afterMs }) },
);

function run(steps: readonly Step[]): { h: IncidentHarness; summaries: IncidentSummary[] } {
  const h = new IncidentHarness({ title: 'Generated', severity: 'medium', entities: ['fujifilm-jp'] });
  const summaries = [h.summary];
  for (const step of steps) {
    try {
      if (step.kind === 'append') h.append(step.input, step.actor, step.afterMs);
      else if (step.kind === 'raw') h.raw('alert.raised', { n: step.afterMs }, 'system:detect', step.afterMs);
      else if (step.kind === 'advance') {
        const allowed = allowedTransitions(h.summary.state as IncidentState);
        const to = allowed[step.pick % allowed.length]!;
        h.append({ type: 'state.changed', payload: { to } }, 'user:alice', step.afterMs);
      } else {
        const tasks = projectIncident(h.log).tasks;
        const task = tasks[step.pick % Math.max(tasks.length, 1)];
        h.append({ type: 'task.updated', payload: { taskId: task?.taskId ?? 'none', status: step.status } }, 'user:bob', step.afterMs);
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error; // a refused command writes nothing
      continue;
    }
    summaries.push(h.summary);
  }
  return { h, summaries };
}

/** What storage does: JSON text, keys in another order. */
function stored(events: readonly IncidentEvent[]): IncidentEvent[] {
  const reorder = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reorder);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
  };
  return JSON.parse(JSON.stringify(reorder(events))) as IncidentEvent[];
}

const steps = fc.array(stepArb, { minLength: 5, maxLength: 40, size: 'max' });

describe('replaying the log', () => {
  it('folding event by event gives the summary the commands kept, at every step', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        const { h, summaries } = run(generated);
        const folded = h.log.reduce<IncidentSummary | undefined>(foldSummary, undefined);
        expect(folded).toEqual(h.summary);
        expect(projectIncident(h.log).summary).toEqual(h.summary);
        summaries.forEach((summary, i) => expect(projectIncident(h.log.slice(0, i + 1)).summary).toEqual(summary));
      }),
      { numRuns: 150 },
    );
  });

  it('rebuilds every projection identically from the stored log, and the chain verifies', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        const { h } = run(generated);
        const asOf = new Date(Date.parse(h.summary.updatedAt) + 3_600_000);
        expect(projectIncident(stored(h.log), { asOf })).toEqual(projectIncident(h.log, { asOf }));
        expect(verifyChain('INC-0001', stored(h.log), h.summary)).toEqual({ ok: true, count: h.log.length, lastHash: h.summary.lastHash });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps projections consistent with each other', () => {
    fc.assert(
      fc.property(steps, (generated) => {
        const { h } = run(generated);
        const view = projectIncident(h.log);
        const total = Object.values(view.metrics.timeInStateMs).reduce((a, b) => a + b, 0);
        expect(total).toBe(Date.parse(view.metrics.asOf) - Date.parse(view.summary.openedAt));
        expect(view.timeline).toHaveLength(h.log.length);
        for (const items of Object.values(view.scope)) {
          for (const item of items) expect(item.history.at(-1)?.state).toBe(item.state);
        }
        for (const task of view.tasks) expect(task.history.at(-1)?.status).toBe(task.status);
        const touched = new Set(view.summary.entities);
        for (const asset of view.affected.entities) expect(touched.has(asset.ref)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
