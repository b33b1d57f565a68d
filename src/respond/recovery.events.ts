/**
 * The incident events of recovery (besides `recovery.planned`, whose payload is the plan): gates recorded,
 * steps started, completed or failed.
 */
import { z } from 'zod';
import { GATE_KINDS } from './recovery.schema.js';

export const gateRecordedPayloadSchema = z.object({
  recoveryId: z.string().max(60),
  step: z.number().int().min(1),
  gate: z.enum(GATE_KINDS),
  /** The data store, service or (for an approval) nothing: the approver is `by`. */
  subject: z.string().max(100).optional(),
  /** The username of the person who attests it (for an approval: the approver). */
  by: z.string().max(100),
  /** What was done: ticket, tool output, backup job id, restore test. */
  evidence: z.string().max(20_000),
});
export type GateRecordedPayload = z.output<typeof gateRecordedPayloadSchema>;

export const stepStartedPayloadSchema = z.object({
  recoveryId: z.string().max(60),
  step: z.number().int().min(1),
  /** The executor plan that carries the step's actions. */
  planId: z.string().max(200),
  actions: z.number().int().nonnegative(),
  by: z.string().max(100),
});
export type StepStartedPayload = z.output<typeof stepStartedPayloadSchema>;

export const stepCompletedPayloadSchema = z.object({
  recoveryId: z.string().max(60),
  step: z.number().int().min(1),
  planId: z.string().max(200),
  verified: z.number().int().nonnegative(),
  /** Actions that only reached `applied` (the connector cannot prove the effect). */
  applied: z.number().int().nonnegative().default(0),
});
export type StepCompletedPayload = z.output<typeof stepCompletedPayloadSchema>;

export const stepFailedPayloadSchema = z.object({
  recoveryId: z.string().max(60),
  step: z.number().int().min(1),
  planId: z.string().max(200),
  failedTotal: z.number().int().nonnegative(),
  /** The first failures, for people. */
  failed: z.array(z.object({ actionId: z.string().max(40), label: z.string().max(500), error: z.string().max(2000) })).max(50),
});
export type StepFailedPayload = z.output<typeof stepFailedPayloadSchema>;

/** The recovery event types and their payload schemas. */
export const RECOVERY_EVENT_TYPES = {
  gateRecorded: 'recovery.gate_recorded',
  stepStarted: 'recovery.step_started',
  stepCompleted: 'recovery.step_completed',
  stepFailed: 'recovery.step_failed',
  planned: 'recovery.planned',
} as const;
