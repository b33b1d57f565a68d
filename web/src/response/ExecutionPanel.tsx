/**
 * A plan's run, live: how many actions are in each state, a progress bar, and the actions themselves, filtered
 * by state or target. Before the plan runs, the actions it would take.
 */
import { useMemo, useState, type CSSProperties } from 'react';
import type { ActionRecordView, ActionSpecView } from '../api/response-schemas';
import { count } from '../ui/text';
import { countStates, STATE_ORDER, type ActionState, type Direction } from './action-overlay';
import { ActionStateBadge, ActionTable, PAGE } from './ActionTable';

function ProgressBar({ counts, total, label }: { counts: Record<ActionState, number>; total: number; label: string }) {
  const done = counts.verified + counts.applied + counts.failed + counts.rolled_back;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${done} of ${total} actions done`}>
      {STATE_ORDER.map((state) =>
        counts[state] > 0 ? (
          <span key={state} className="progress-part" data-state={state} style={{ '--c': `var(--act-${state})`, flexGrow: counts[state] } as CSSProperties} title={`${counts[state]} ${state.replace('_', ' ')}`} />
        ) : null,
      )}
    </div>
  );
}

function StateFilters({ counts, value, onChange }: { counts: Record<ActionState, number>; value: ActionState | ''; onChange: (state: ActionState | '') => void }) {
  return (
    <div className="state-filters" role="group" aria-label="Show actions in state">
      <button type="button" className="btn btn-small" aria-pressed={value === ''} onClick={() => onChange('')}>
        All
      </button>
      {STATE_ORDER.filter((s) => counts[s] > 0 || s === 'failed').map((state) => (
        <button key={state} type="button" className={`btn btn-small state-filter${state === 'failed' && counts.failed > 0 ? ' has-failures' : ''}`} aria-pressed={value === state} onClick={() => onChange(value === state ? '' : state)} data-state={state}>
          <ActionStateBadge state={state} /> <span className="state-count">{counts[state].toLocaleString()}</span>
        </button>
      ))}
    </div>
  );
}

/** The actions a plan would take (before it runs). */
export function PlannedActions({ actions }: { actions: readonly ActionSpecView[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? actions : actions.slice(0, 8);
  return (
    <div className="planned">
      <h4>Actions it will take ({actions.length.toLocaleString()})</h4>
      <ul className="planned-list">
        {shown.map((a) => (
          <li key={a.id}>
            <span className="mono faint">{a.id}</span> {a.label} <span className="faint mono small">{a.connector}/{a.operation}</span>
          </li>
        ))}
      </ul>
      {actions.length > shown.length && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setAll(true)}>
          Show all {actions.length.toLocaleString()}
        </button>
      )}
    </div>
  );
}

export function ExecutionPanel({ planId, records }: { planId: string; records: readonly ActionRecordView[] }) {
  const hasReverse = records.some((r) => r.direction === 'reverse');
  const [direction, setDirection] = useState<Direction>('forward');
  const [state, setState] = useState<ActionState | ''>('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const run = useMemo(() => records.filter((r) => r.direction === (hasReverse ? direction : 'forward')), [records, direction, hasReverse]);
  const counts = useMemo(() => countStates(run), [run]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return run.filter((r) => (state === '' || r.state === state) && (q === '' || r.target.ref.includes(q) || r.label.toLowerCase().includes(q) || r.target.entity.includes(q)));
  }, [run, state, search]);
  const title = direction === 'reverse' ? 'Rollback' : 'Actions';
  const label = `${title} of ${planId}`;

  return (
    <section className="execution" aria-label={`Execution of ${planId}`}>
      <div className="execution-head">
        <h4>
          {title} <span className="count">{count(run.length, 'action')}</span>
        </h4>
        {hasReverse && (
          <div className="segmented" role="group" aria-label="Run">
            {(['forward', 'reverse'] as const).map((d) => (
              <button key={d} type="button" className="btn btn-small" aria-pressed={direction === d} onClick={() => { setDirection(d); setPage(1); }}>
                {d === 'forward' ? 'Plan' : 'Rollback'}
              </button>
            ))}
          </div>
        )}
        <span className="execution-done" data-testid={`progress-${planId}`}>
          {counts.verified.toLocaleString()} verified · {counts.failed.toLocaleString()} failed · {(run.length - counts.verified - counts.failed - counts.rolled_back - counts.applied).toLocaleString()} in flight
        </span>
      </div>
      <ProgressBar counts={counts} total={run.length} label={`Progress of ${label}`} />
      <div className="execution-filters">
        <StateFilters counts={counts} value={state} onChange={(s) => { setState(s); setPage(1); }} />
        <input className="input execution-search" type="search" placeholder="Filter by host, segment or entity" aria-label={`Filter ${label}`} value={search} onChange={(e) => { setSearch(e.target.value); setPage(1); }} />
      </div>
      <ActionTable records={shown} label={label} page={page} onPage={setPage} />
      {shown.length > PAGE && <p className="faint small">Failures are marked red; open a row for its history and whole evidence.</p>}
    </section>
  );
}
