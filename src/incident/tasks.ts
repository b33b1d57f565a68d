/** The tasks projection: the current state of every task, with its history. */
import type { DecodedEvent } from './decode.js';

export interface TaskChange {
  seq: number;
  at: string;
  actor: string;
  status: string;
  assignee: string | null;
}

export interface TaskView {
  /** The generated id, from the `task.added` payload; `task.updated` names the task by it. */
  taskId: string;
  title: string;
  status: string;
  assignee: string | null;
  /** A date (`2021-06-04`) or an ISO date-time, or null. */
  due: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Creation first, then every update, in log order. */
  history: TaskChange[];
}

function added(decoded: Extract<DecodedEvent, { kind: 'task.added' }>): TaskView {
  const { event, payload } = decoded;
  const assignee = payload.assignee ?? null;
  return {
    taskId: payload.taskId,
    title: payload.title,
    status: 'open',
    assignee,
    due: payload.due ?? null,
    createdAt: event.at,
    createdBy: event.actor,
    updatedAt: event.at,
    history: [{ seq: event.seq, at: event.at, actor: event.actor, status: 'open', assignee }],
  };
}

function updated(task: TaskView, decoded: Extract<DecodedEvent, { kind: 'task.updated' }>): TaskView {
  const { event, payload } = decoded;
  const assignee = payload.assignee ?? task.assignee;
  const change: TaskChange = { seq: event.seq, at: event.at, actor: event.actor, status: payload.status, assignee };
  return { ...task, status: payload.status, assignee, updatedAt: event.at, history: [...task.history, change] };
}

/**
 * The tasks of an incident, in the order they were added. An update that omits `assignee` keeps the current
 * one; updates of unknown task ids are ignored.
 *
 * @example
 * projectTasks(log.map(decodeEvent)).filter((task) => task.status !== 'done');
 */
export function projectTasks(events: readonly DecodedEvent[]): TaskView[] {
  const tasks = new Map<string, TaskView>();
  for (const decoded of events) {
    if (decoded.kind === 'task.added' && !tasks.has(decoded.payload.taskId)) {
      tasks.set(decoded.payload.taskId, added(decoded));
    } else if (decoded.kind === 'task.updated') {
      const task = tasks.get(decoded.payload.taskId);
      if (task) tasks.set(task.taskId, updated(task, decoded));
    }
  }
  return [...tasks.values()];
}
