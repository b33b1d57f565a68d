/**
 * Gate evaluation (pure): whether each gate of a recovery step holds, from the incident's log alone.
 * - `clean_sweep`: each host's latest completed sweep (`sweep.results`) is clean and newer than its last
 *   in-scope or suspected mark (`scope.changed`);
 * - `credentials_reset`, `backup_verified`: a `recovery.gate_recorded` for this plan, step, gate and subject;
 * - `approval`: a `recovery.gate_recorded` approval by the named approver (or by anyone, when none is named:
 *   the server checks the approver's role when it is recorded).
 */
import { decodeEvent, projectScope, type IncidentEvent, type ScopeItem } from '../incident/index.js';
import { gateRecordedPayloadSchema, type GateRecordedPayload } from './recovery.events.js';
import type { GateKind, GateRequirement, RecoveryStep } from './recovery.schema.js';
import { latestSweeps, sweepResultsFromEvents, type SweepResult } from './sweep.results.js';
import { sweptCleanSinceLastMark } from './sweep.scope.js';

/** Hosts listed as outstanding in a gate status at most. */
export const MAX_OUTSTANDING = 20;

export interface GateStatus {
  gate: GateKind;
  subject?: string;
  description: string;
  passed: boolean;
  /** Why it holds or not, for people. */
  detail: string;
  /** The record that satisfies it (recorded gates). */
  record?: { by: string; at: string; evidence: string; seq: number };
  /** `clean_sweep`: counts and the first hosts still outstanding. */
  sweep?: { total: number; clean: number; outstanding: string[] };
}

/** What gates are evaluated against, read once from the log and shared by every step. */
export interface GateContext {
  records: { seq: number; at: string; payload: GateRecordedPayload }[];
  sweeps: Map<string, SweepResult>;
  scope: Map<string, ScopeItem>;
}

/**
 * Reads what the gates need from an incident's log.
 *
 * @example
 * const ctx = gateContext(events);
 * plan.steps.map((step) => evaluateGatesWith(step, ctx));
 */
export function gateContext(events: readonly IncidentEvent[]): GateContext {
  const records: GateContext['records'] = [];
  for (const event of events) {
    if (event.type !== 'recovery.gate_recorded') continue;
    const parsed = gateRecordedPayloadSchema.safeParse(event.payload);
    if (parsed.success) records.push({ seq: event.seq, at: event.at, payload: parsed.data });
  }
  const scope = new Map(projectScope(events.map(decodeEvent)).host.map((item) => [item.ref, item]));
  return { records, sweeps: latestSweeps(sweepResultsFromEvents(events)), scope };
}

function cleanSweep(requirement: GateRequirement, ctx: GateContext): GateStatus {
  const hosts = requirement.hosts ?? [];
  const outstanding = hosts.filter((h) => !sweptCleanSinceLastMark(ctx.sweeps.get(h), ctx.scope.get(h)));
  const clean = hosts.length - outstanding.length;
  const passed = outstanding.length === 0;
  const detail = passed
    ? `all ${hosts.length} host${hosts.length === 1 ? '' : 's'} swept clean after their last in-scope or suspected mark`
    : `${outstanding.length} of ${hosts.length} host${hosts.length === 1 ? '' : 's'} not swept clean since their last mark: ${outstanding.slice(0, 5).join(', ')}${outstanding.length > 5 ? ', ...' : ''}`;
  return { gate: 'clean_sweep', description: requirement.description, passed, detail, sweep: { total: hosts.length, clean, outstanding: outstanding.slice(0, MAX_OUTSTANDING) } };
}

function recorded(step: RecoveryStep, requirement: GateRequirement, ctx: GateContext): GateStatus {
  const matches = ctx.records.filter(({ payload: p }) => {
    if (p.recoveryId !== step.recoveryId || p.step !== step.n || p.gate !== requirement.gate) return false;
    if (requirement.gate === 'approval') return requirement.subject === undefined || p.by === requirement.subject;
    return requirement.subject === undefined || p.subject === requirement.subject;
  });
  const last = matches[matches.length - 1];
  const base: GateStatus = { gate: requirement.gate, description: requirement.description, passed: last !== undefined, detail: '' };
  if (requirement.subject !== undefined) base.subject = requirement.subject;
  if (!last) {
    base.detail = requirement.gate === 'approval' && requirement.subject !== undefined ? `waiting for ${requirement.subject}'s sign-off` : `not recorded yet${requirement.subject ? ` for ${requirement.subject}` : ''}`;
    return base;
  }
  base.record = { by: last.payload.by, at: last.at, evidence: last.payload.evidence, seq: last.seq };
  base.detail = `recorded by ${last.payload.by} at ${last.at}`;
  return base;
}

/** {@link evaluateGates} with a context read once (for many steps). */
export function evaluateGatesWith(step: RecoveryStep, ctx: GateContext): GateStatus[] {
  return step.gates.map((requirement) => (requirement.gate === 'clean_sweep' ? cleanSweep(requirement, ctx) : recorded(step, requirement, ctx)));
}

/**
 * The status of each gate of a step, in the step's order.
 *
 * @example
 * evaluateGates(plan.steps[0], events).every((g) => g.passed); // true when the step may run
 */
export function evaluateGates(step: RecoveryStep, events: readonly IncidentEvent[]): GateStatus[] {
  return evaluateGatesWith(step, gateContext(events));
}
