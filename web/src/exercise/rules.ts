/** Small rules the exercise views share (kept apart so the board's banner stays out of the page's chunk). */
import type { ExerciseRunView, ExerciseScenarioView } from '../../../src/contracts/exercises';

/** Why this user may not start an exercise, or null. The server decides; this only shapes what is offered. */
export function whyNotStart(
  me: { permissions: readonly string[]; entities: readonly string[] | '*' },
  run: ExerciseRunView | null | undefined,
): string | null {
  if (!me.permissions.includes('exercises:run')) return 'Only commanders and admins can start an exercise.';
  if (me.entities !== '*') return 'An exercise acts on every entity; your scope covers only some.';
  if (run?.status === 'running') return 'An exercise is running; one at a time.';
  return null;
}

/** "Run the 2021 exercise" for a scenario modelled on a real case (of the year it starts in), else "Run this exercise". */
export function runLabel(scenario: Pick<ExerciseScenarioView, 'start' | 'history'>): string {
  return scenario.history ? `Run the ${scenario.start.slice(0, 4)} exercise` : 'Run this exercise';
}
