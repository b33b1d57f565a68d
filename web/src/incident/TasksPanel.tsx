/** Tasks: added by responders, moved through open → in progress → done (or cancelled). */
import { useState, type FormEvent } from 'react';
import type { TaskStatus } from '../../../src/incident/fields';
import type { AppendInput } from '../../../src/incident/input.schema';
import type { TaskItem } from '../api/schemas';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { TaskBadge } from '../ui/Badge';
import { TextField } from '../ui/Field';
import { Empty, ErrorNotice } from '../ui/Status';

type Append = (entry: AppendInput) => Promise<void>;

/** The moves offered from each status. */
const MOVES: Record<string, { to: TaskStatus; text: string }[]> = {
  open: [
    { to: 'in_progress', text: 'Start' },
    { to: 'done', text: 'Done' },
    { to: 'cancelled', text: 'Cancel' },
  ],
  in_progress: [
    { to: 'done', text: 'Done' },
    { to: 'open', text: 'Stop' },
    { to: 'cancelled', text: 'Cancel' },
  ],
  done: [{ to: 'open', text: 'Reopen' }],
  cancelled: [{ to: 'open', text: 'Reopen' }],
};
const ORDER: Record<string, number> = { in_progress: 0, open: 1, done: 2, cancelled: 3 };

function AddTask({ append }: { append: Append }) {
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const submit = useSubmit(async () => {
    await append({
      type: 'task.added',
      payload: { title, ...(assignee.trim() ? { assignee: assignee.trim() } : {}), ...(due ? { due } : {}) },
    });
    setTitle('');
    setAssignee('');
    setDue('');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form-grid add-form" onSubmit={onSubmit} aria-label="Add a task" noValidate>
      <TextField
        label="New task"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder="e.g. Collect triage from tyo-fs01"
        error={submit.fields['title']}
      />
      <div className="form-row">
        <TextField
          label="Assignee"
          value={assignee}
          onChange={(e) => setAssignee(e.target.value)}
          placeholder="user name (optional)"
          error={submit.fields['assignee']}
        />
        <TextField
          label="Due"
          type="date"
          value={due}
          onChange={(e) => setDue(e.target.value)}
          error={submit.fields['due']}
        />
        <button type="submit" className="btn btn-primary" disabled={submit.pending}>
          Add task
        </button>
      </div>
      {submit.unexplained(['title', 'assignee', 'due']) && <ErrorNotice error={submit.error} action="Task not added" />}
    </form>
  );
}

function TaskRow({ task, append, canWrite }: { task: TaskItem; append: Append; canWrite: boolean }) {
  const move = useSubmit((to: TaskStatus) =>
    append({ type: 'task.updated', payload: { taskId: task.taskId, status: to } }),
  );
  return (
    <li className="task" data-status={task.status}>
      <div className="task-main">
        <TaskBadge value={task.status} />
        <span className={`task-title${task.status === 'done' || task.status === 'cancelled' ? ' task-closed' : ''}`}>
          {task.title}
        </span>
      </div>
      <div className="task-meta faint">
        {task.assignee ? `@${task.assignee}` : 'unassigned'}
        {task.due && ` · due ${task.due}`}
      </div>
      {canWrite && (
        <div className="task-moves" role="group" aria-label={`Move task: ${task.title}`}>
          {(MOVES[task.status] ?? []).map((m) => (
            <button
              key={m.to}
              type="button"
              className="btn btn-small"
              disabled={move.pending}
              onClick={() => void move.run(m.to)}
            >
              {m.text}
            </button>
          ))}
        </div>
      )}
      {move.error !== undefined && <ErrorNotice error={move.error} action="Task not moved" />}
    </li>
  );
}

export function TasksPanel({ tasks, append }: { tasks: readonly TaskItem[]; append: Append }) {
  const { can } = useSession();
  const canWrite = can('incident:write');
  const sorted = [...tasks].sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9));
  const open = tasks.filter((t) => t.status === 'open' || t.status === 'in_progress').length;
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <div className="panel-head">
        <h2 id="tasks-title">
          Tasks<span className="count">{open} open</span>
        </h2>
      </div>
      <div className="panel-body">
        {canWrite ? (
          <AddTask append={append} />
        ) : (
          <p className="faint">Your role may read tasks but not change them.</p>
        )}
        {sorted.length === 0 ? (
          <Empty>No tasks yet.</Empty>
        ) : (
          <ul className="tasks">
            {sorted.map((task) => (
              <TaskRow key={task.taskId} task={task} append={append} canWrite={canWrite} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
