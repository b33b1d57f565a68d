/** Appending what a user decides or records to an incident's log, with the rules of the lifecycle. */
import { UserError } from '../shared/errors.js';
import { commit, draftEvent, type CommandContext, type CommandResult } from './command.js';
import { decodeEvent } from './decode.js';
import type { IncidentEvent } from './event.js';
import { appendInputSchema, type AppendEntry, type AppendInput } from './input.schema.js';
import { assertTransition, isIncidentState, type IncidentState } from './lifecycle.js';
import type { BuiltInPayloads } from './payload.schema.js';
import type { IncidentSummary } from './summary.js';
import { projectTasks, type TaskView } from './tasks.js';
import { parseOrThrow } from './zod-issues.js';

type Entry<T extends AppendEntry['type']> = Extract<AppendEntry, { type: T }>;

/** What a closed incident still accepts: notes (late findings) and reopening. */
const OPEN_WHEN_CLOSED: ReadonlySet<string> = new Set(['note.added', 'state.changed']);

function currentState(summary: IncidentSummary): IncidentState {
  if (isIncidentState(summary.state)) return summary.state;
  throw new Error(`incident ${summary.id}: the summary has an unknown state '${summary.state}'`);
}

function tasksFrom(summary: IncidentSummary, log: readonly IncidentEvent[] | undefined): TaskView[] {
  if (!log) throw new Error('appendToIncident: task.updated needs the incident log (pass it as the fourth argument)');
  const last = log[log.length - 1];
  if (last?.seq !== summary.lastSeq || last.hash !== summary.lastHash) {
    throw new Error(`appendToIncident: the log of ${summary.id} does not end at the summary's last event (seq ${summary.lastSeq})`);
  }
  return projectTasks(log.map(decodeEvent));
}

function taskUpdatePayload(
  { taskId, status, assignee }: Entry<'task.updated'>['payload'],
  summary: IncidentSummary,
  log: readonly IncidentEvent[] | undefined,
): BuiltInPayloads['task.updated'] {
  const task = tasksFrom(summary, log).find((candidate) => candidate.taskId === taskId);
  if (!task) {
    const message = `no task ${taskId} in ${summary.id}`;
    throw new UserError('not_found', `${message}. HINT: use the taskId from the task.added event or the task list`, [
      { field: 'payload.taskId', message },
    ]);
  }
  if (task.status === status && (assignee === undefined || assignee === task.assignee)) {
    throw new UserError('conflict', `task ${taskId} is already ${status}${task.assignee ? ` and assigned to ${task.assignee}` : ''}`);
  }
  return assignee === undefined ? { taskId, status } : { taskId, status, assignee };
}

function scopePayload(payload: Entry<'scope.changed'>['payload']): BuiltInPayloads['scope.changed'] {
  const { kind, ref, state, evidence, entity } = payload;
  if (kind === 'entity' && entity !== undefined && entity !== ref) {
    const message = `an entity's owning entity is itself: expected ${ref} or nothing, got ${entity}`;
    throw new UserError('validation_failed', `cannot change scope: field \`payload.entity\`: ${message}`, [
      { field: 'payload.entity', message },
    ]);
  }
  const owner = kind === 'entity' ? ref : entity;
  return owner === undefined ? { kind, ref, state, evidence } : { kind, ref, state, evidence, entity: owner };
}

function unchanged(what: string, value: string): never {
  throw new UserError('conflict', `the ${what} is already ${value}`);
}

function withReason<P extends object>(payload: P, reason: string | undefined): P & { reason?: string } {
  return reason === undefined ? payload : { ...payload, reason };
}

function payloadFor(
  entry: AppendEntry,
  summary: IncidentSummary,
  ctx: CommandContext,
  log: readonly IncidentEvent[] | undefined,
): unknown {
  switch (entry.type) {
    case 'note.added':
      return entry.payload;
    case 'task.added':
      return { taskId: ctx.newId(), ...entry.payload };
    case 'task.updated':
      return taskUpdatePayload(entry.payload, summary, log);
    case 'state.changed': {
      const from = currentState(summary);
      assertTransition(from, entry.payload.to);
      return withReason({ from, to: entry.payload.to }, entry.payload.reason);
    }
    case 'scope.changed':
      return scopePayload(entry.payload);
    case 'severity.changed': {
      const { to, reason } = entry.payload;
      if (to === summary.severity) unchanged('severity', to);
      return withReason({ from: summary.severity, to }, reason);
    }
    case 'title.changed': {
      const { to, reason } = entry.payload;
      if (to === summary.title) unchanged('title', `"${to}"`);
      return withReason({ from: summary.title, to }, reason);
    }
    case 'commander.assigned': {
      const { username } = entry.payload;
      if (username === summary.commander) unchanged('incident commander', username);
      return { username, previous: summary.commander };
    }
  }
}

function prepare(summary: IncidentSummary, input: AppendInput): AppendEntry {
  const entry = parseOrThrow(appendInputSchema, input, `cannot append to ${summary.id}`);
  if (currentState(summary) === 'closed' && !OPEN_WHEN_CLOSED.has(entry.type)) {
    const hint = 'reopen it first (state.changed to analyse)';
    throw new UserError('conflict', `${summary.id} is closed: it accepts only notes and reopening. HINT: ${hint}`);
  }
  return entry;
}

/** Reads the incident's log on demand (storage's `readLog`); only `task.updated` needs it. */
export type LogReader = () => Promise<readonly IncidentEvent[]>;

function append(
  summary: IncidentSummary,
  entry: AppendEntry,
  ctx: CommandContext,
  log: readonly IncidentEvent[] | undefined,
): CommandResult {
  const payload = payloadFor(entry, summary, ctx, log);
  return commit(summary, [draftEvent(ctx, entry.type, payload)]);
}

/**
 * Validates one user entry against the incident and returns its chained event and the updated summary.
 * Rules: state changes follow the lifecycle (`forbidden_transition` otherwise); a closed incident accepts only
 * notes and reopening (`conflict`); a change that changes nothing is a `conflict`; `task.added` gets a generated
 * `taskId`; `task.updated` needs the log to check that the task exists (`not_found`): pass the events, or
 * storage's `readLog` (then the result is a promise and the log is read only when needed). Scope changes add
 * their entity (for hosts and segments, the `entity` the server resolved) to the summary's entities.
 *
 * @example
 * const { events, summary: next } = appendToIncident(
 *   summary,
 *   { type: 'state.changed', payload: { to: 'contain', reason: 'scope confirmed' } },
 *   { actor: 'user:alice', now: new Date(), newId: randomUUID },
 * );
 * // inside IncidentRepo.append: ({ summary, readLog }) => appendToIncident(summary, input, ctx, readLog)
 */
export function appendToIncident(
  summary: IncidentSummary,
  input: AppendInput,
  ctx: CommandContext,
  log?: readonly IncidentEvent[],
): CommandResult;
export function appendToIncident(
  summary: IncidentSummary,
  input: AppendInput,
  ctx: CommandContext,
  readLog: LogReader,
): Promise<CommandResult>;
export function appendToIncident(
  summary: IncidentSummary,
  input: AppendInput,
  ctx: CommandContext,
  log?: readonly IncidentEvent[] | LogReader,
): CommandResult | Promise<CommandResult> {
  if (typeof log === 'function') return appendReading(summary, input, ctx, log);
  return append(summary, prepare(summary, input), ctx, log);
}

async function appendReading(
  summary: IncidentSummary,
  input: AppendInput,
  ctx: CommandContext,
  readLog: LogReader,
): Promise<CommandResult> {
  const entry = prepare(summary, input);
  return append(summary, entry, ctx, entry.type === 'task.updated' ? await readLog() : undefined);
}
