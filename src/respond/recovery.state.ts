/**
 * Recovery plans and their progress, rebuilt from the incident's log: each step's runs, gates and status, and
 * which steps may run next (gates passed and every step it depends on completed).
 */
import type { IncidentEvent } from '../incident/index.js';
import { evaluateGatesWith, gateContext, type GateContext, type GateStatus } from './gates.js';
import { stepCompletedPayloadSchema, stepFailedPayloadSchema, stepStartedPayloadSchema } from './recovery.events.js';
import { recoveryPlanSchema, type RecoveryPlan, type RecoveryStep } from './recovery.schema.js';

export const STEP_STATUSES = ['completed', 'running', 'failed', 'ready', 'waiting_gates', 'blocked'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** One step's runs, as recorded. */
export interface StepRuns {
  runs: { planId: string; at: string; by: string; actions: number; outcome: 'running' | 'completed' | 'failed'; endedAt?: string; failedTotal?: number }[];
}

/** What `nextRunnableSteps` needs: the runs of each step and its gate statuses. */
export interface RecoveryState {
  steps: Map<number, StepRuns>;
  gates: Map<number, GateStatus[]>;
}

export interface StepView extends RecoveryStep {
  status: StepStatus;
  gateStatus: GateStatus[];
  /** Steps it depends on that are not completed yet. */
  waitingFor: number[];
  runs: StepRuns['runs'];
}

export interface RecoveryView {
  plan: RecoveryPlan;
  plannedAt: string;
  plannedBy: string;
  status: 'planned' | 'in_progress' | 'completed';
  progress: { completed: number; total: number };
  steps: StepView[];
  /** Steps that may run now. */
  runnable: number[];
}

function lastRun(state: RecoveryState, n: number) {
  const runs = state.steps.get(n)?.runs ?? [];
  return runs[runs.length - 1];
}

function isCompleted(state: RecoveryState, n: number): boolean {
  return lastRun(state, n)?.outcome === 'completed';
}

/**
 * The status of one step: completed, running, failed (its last run), or else blocked (a step it depends on is
 * not completed), waiting for gates, or ready.
 */
export function stepStatus(step: RecoveryStep, state: RecoveryState): StepStatus {
  const last = lastRun(state, step.n);
  if (last?.outcome === 'completed' || last?.outcome === 'running') return last.outcome;
  if (last?.outcome === 'failed') return 'failed';
  if (step.dependsOn.some((d) => !isCompleted(state, d))) return 'blocked';
  return (state.gates.get(step.n) ?? []).every((g) => g.passed) ? 'ready' : 'waiting_gates';
}

/**
 * The steps that may run now: not completed or running, every step they depend on completed, every gate passed.
 * A failed step may run again once its gates pass.
 *
 * @example
 * nextRunnableSteps(plan, state); // [1] at first, [2, 3] once the network and identity are back
 */
export function nextRunnableSteps(plan: RecoveryPlan, state: RecoveryState): number[] {
  return plan.steps
    .filter((step) => {
      const last = lastRun(state, step.n);
      if (last?.outcome === 'completed' || last?.outcome === 'running') return false;
      return step.dependsOn.every((d) => isCompleted(state, d)) && (state.gates.get(step.n) ?? []).every((g) => g.passed);
    })
    .map((step) => step.n);
}

function runsFrom(events: readonly IncidentEvent[], recoveryId: string): Map<number, StepRuns> {
  const steps = new Map<number, StepRuns>();
  const runOf = (step: number, planId: string) => steps.get(step)?.runs.find((r) => r.planId === planId);
  for (const event of events) {
    if (event.type === 'recovery.step_started') {
      const p = stepStartedPayloadSchema.safeParse(event.payload);
      if (!p.success || p.data.recoveryId !== recoveryId) continue;
      const entry = steps.get(p.data.step) ?? { runs: [] };
      entry.runs.push({ planId: p.data.planId, at: event.at, by: p.data.by, actions: p.data.actions, outcome: 'running' });
      steps.set(p.data.step, entry);
    } else if (event.type === 'recovery.step_completed' || event.type === 'recovery.step_failed') {
      const schema = event.type === 'recovery.step_completed' ? stepCompletedPayloadSchema : stepFailedPayloadSchema;
      const p = schema.safeParse(event.payload);
      if (!p.success || p.data.recoveryId !== recoveryId) continue;
      const run = runOf(p.data.step, p.data.planId);
      if (!run) continue;
      run.outcome = event.type === 'recovery.step_completed' ? 'completed' : 'failed';
      run.endedAt = event.at;
      if ('failedTotal' in p.data) run.failedTotal = p.data.failedTotal;
    }
  }
  return steps;
}

/** The state of one plan from the log (gates evaluated against `ctx`). */
export function recoveryState(plan: RecoveryPlan, events: readonly IncidentEvent[], ctx: GateContext = gateContext(events)): RecoveryState {
  return { steps: runsFrom(events, plan.recoveryId), gates: new Map(plan.steps.map((s) => [s.n, evaluateGatesWith(s, ctx)])) };
}

function viewOf(plan: RecoveryPlan, event: IncidentEvent, events: readonly IncidentEvent[], ctx: GateContext): RecoveryView {
  const state = recoveryState(plan, events, ctx);
  const steps = plan.steps.map((step): StepView => ({
    ...step,
    status: stepStatus(step, state),
    gateStatus: state.gates.get(step.n) ?? [],
    waitingFor: step.dependsOn.filter((d) => !isCompleted(state, d)),
    runs: state.steps.get(step.n)?.runs ?? [],
  }));
  const completed = steps.filter((s) => s.status === 'completed').length;
  const started = steps.some((s) => s.runs.length > 0);
  return {
    plan,
    plannedAt: event.at,
    plannedBy: event.actor,
    status: completed === steps.length ? 'completed' : started ? 'in_progress' : 'planned',
    progress: { completed, total: steps.length },
    steps,
    runnable: nextRunnableSteps(plan, state),
  };
}

/**
 * Every recovery plan of an incident with its progress, in the order planned.
 *
 * @example
 * projectRecoveries(events).map((r) => `${r.plan.title}: ${r.progress.completed}/${r.progress.total}`);
 */
export function projectRecoveries(events: readonly IncidentEvent[]): RecoveryView[] {
  const ctx = gateContext(events);
  const views: RecoveryView[] = [];
  for (const event of events) {
    if (event.type !== 'recovery.planned') continue;
    const parsed = recoveryPlanSchema.safeParse(event.payload);
    if (parsed.success) views.push(viewOf(parsed.data, event, events, ctx));
  }
  return views;
}
