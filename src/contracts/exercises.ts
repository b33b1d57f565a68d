/**
 * Exercises API contract: the built-in scenarios, starting a run on this server, and the run as it unfolds
 * (progress lines in scenario time, the incident it opened, and at the end the facts, the expectations and
 * the comparison with the real case). Shared by the server and the UI.
 */
import { z } from 'zod';

const scenarioId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected a scenario id such as fujifilm-2021');

/** Scenario seconds per real second a run from the UI uses unless told otherwise (10 scenario days in ~90 s of waiting). */
export const DEFAULT_EXERCISE_SPEED = 10_000;
export const MAX_EXERCISE_SPEED = 100_000;

/** Progress lines a run keeps (the oldest are dropped beyond). */
export const MAX_EXERCISE_LINES = 5000;

export const exerciseScenarioSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  /** Scenario clock at the first moment (ISO 8601 with the scenario's offset, e.g. +09:00). */
  start: z.string(),
  /** The scenario's own speed, and at most how much scenario time a run covers (ms). */
  speed: z.number(),
  endsMs: z.number(),
  people: z.array(z.object({ name: z.string(), displayName: z.string(), role: z.string(), entities: z.array(z.string()) })),
  attackSteps: z.number().int(),
  expectations: z.number().int(),
  /** What happened in the real case (for the closing comparison), or null. */
  history: z
    .object({
      source: z.string(),
      facts: z.array(z.object({ label: z.string(), thenMs: z.number(), measure: z.string(), region: z.string().nullable() })),
    })
    .nullable(),
  /** Whether the scenario fits this server's estate (its hosts, entities and regions exist), and if not why. */
  fits: z.boolean(),
  problems: z.array(z.string()),
});
export type ExerciseScenarioView = z.infer<typeof exerciseScenarioSchema>;

export const exerciseListSchema = z.object({
  items: z.array(exerciseScenarioSchema),
  defaultSpeed: z.number(),
  maxSpeed: z.number(),
});

/** `POST /api/exercises`. */
export const startExerciseSchema = z
  .object({
    scenario: scenarioId,
    /** Scenario seconds per real second while the simulated people think (machines work in real time). */
    speed: z.number().min(1).max(MAX_EXERCISE_SPEED).default(DEFAULT_EXERCISE_SPEED),
  })
  .strict();
export type StartExercise = z.output<typeof startExerciseSchema>;

export const exerciseQuerySchema = z.object({
  /** Only progress lines after this number (the UI polls with the last one it has). */
  after: z.coerce.number().int().min(0).default(0),
});

export const exerciseLineSchema = z.object({
  /** 1, 2, 3, ... in the order of the run. */
  n: z.number().int(),
  /** Scenario milliseconds since the start. */
  at: z.number(),
  /** Wall-clock time on the server. */
  wall: z.string(),
  text: z.string(),
});
export type ExerciseLine = z.infer<typeof exerciseLineSchema>;

const at = z.number().nullable();

export const runFactsSchema = z.object({
  incidents: z.array(z.object({ id: z.string(), openedAt: z.number() })),
  /** Absent in runs recorded before it was added. */
  incidentState: z.string().nullable().default(null),
  detectedAt: at,
  containedAt: at,
  scopeConfirmedAt: at,
  regions: z.array(
    z.object({
      region: z.string(),
      downAt: at,
      outOfScopeAt: at,
      restoredAt: at,
      inScope: z.boolean(),
      backlog: z.array(z.object({ unit: z.string(), amount: z.number(), hoursToClear: z.number().nullable() })),
    }),
  ),
  hostScope: z.record(z.string(), z.string()),
  obligations: z.array(z.object({ entity: z.string(), rule: z.string(), title: z.string(), deadline: z.string().nullable(), status: z.string() })),
  determinations: z.array(z.object({ entity: z.string(), regime: z.string(), result: z.string(), confirmed: z.boolean() })),
  alerts: z.array(z.object({ rule: z.string(), title: z.string(), count: z.number() })),
  actions: z.object({ total: z.number(), verified: z.number(), failed: z.number(), pending: z.number() }),
});

export const exerciseSummarySchema = z.object({
  ok: z.boolean(),
  /** Why the run stopped ("the playbook has nothing left to do", a stall, the scenario's end). */
  stopped: z.string(),
  /** Someone stopped the run before its end: the comparison covers only what happened until then. */
  interrupted: z.boolean().default(false),
  scenarioMs: z.number(),
  realMs: z.number(),
  facts: runFactsSchema,
  expectations: z.array(z.object({ kind: z.string(), text: z.string(), ok: z.boolean(), detail: z.string() })),
  comparison: z.array(z.object({ label: z.string(), then: z.number(), now: at, note: z.string().optional() })),
  /** The summary as the CLI prints it. */
  text: z.array(z.string()),
});
export type ExerciseSummary = z.infer<typeof exerciseSummarySchema>;

export const EXERCISE_STATUSES = ['running', 'finished', 'failed'] as const;

export const exerciseRunSchema = z.object({
  runId: z.string(),
  scenario: z.object({ id: z.string(), title: z.string(), start: z.string() }),
  status: z.enum(EXERCISE_STATUSES),
  speed: z.number(),
  startedBy: z.object({ username: z.string(), displayName: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The incident the run opened, once detection opened it. */
  incidentId: z.string().nullable(),
  /** Scenario milliseconds at the latest progress line. */
  elapsed: z.number(),
  /** Lines after `?after=` (all of them without it); `lineCount` is the number of the newest. */
  lines: z.array(exerciseLineSchema),
  lineCount: z.number().int(),
  /** True when the caller's entity scope hides the run's lines and summary (they span every entity). */
  trimmed: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  summary: exerciseSummarySchema.nullable(),
});
export type ExerciseRunView = z.infer<typeof exerciseRunSchema>;

export const currentExerciseSchema = z.object({ run: exerciseRunSchema.nullable() });
