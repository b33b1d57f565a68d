/**
 * The head of a run: its status, the scenario clock (the scenario's own date, time and zone), how long it has
 * taken in real time, running counts, and the places where the run shows: the incident and its containment,
 * recovery and obligations tabs, the estate map and the board.
 */
import type { ExerciseLine, ExerciseRunView } from '../../../src/contracts/exercises';
import { formatScenarioDuration } from '../../../src/exercise/duration';
import { Link } from '../app/router';
import { useNow } from '../ui/Time';
import { countLines } from './lines';
import { scenarioClock, scenarioDay, sinceStart } from './scenario-time';

const STATUS_TEXT: Record<ExerciseRunView['status'], string> = {
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
};

export function RunLinks({ incidentId }: { incidentId: string | null }) {
  const places = incidentId
    ? [
        { to: `/incidents/${incidentId}`, text: `Incident ${incidentId}` },
        { to: `/incidents/${incidentId}/containment`, text: 'Containment' },
        { to: `/incidents/${incidentId}/recovery`, text: 'Recovery' },
        { to: `/incidents/${incidentId}/obligations`, text: 'Clocks and obligations' },
      ]
    : [];
  return (
    <nav className="ex-links" aria-label="Where the exercise shows">
      {places.map((p) => (
        <Link key={p.to} to={p.to} className="btn btn-small">
          {p.text}
        </Link>
      ))}
      {!incidentId && <span className="faint">The incident’s views appear here once detection opens it.</span>}
      <Link to="/estate" className="btn btn-small">
        Estate map
      </Link>
      <Link to="/" className="btn btn-small">
        Incident board
      </Link>
    </nav>
  );
}

export function RunStrip({ run, lines }: { run: ExerciseRunView; lines: readonly ExerciseLine[] }) {
  const now = useNow(1000);
  const clock = scenarioClock(run.scenario.start, run.elapsed);
  const realEnd = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const real = Math.max(0, realEnd - Date.parse(run.startedAt));
  const counts = countLines(lines);
  const stats = [
    { label: 'Attack steps', value: counts.attackTotal ? `${counts.attackSteps}/${counts.attackTotal}` : '0' },
    { label: 'Detections', value: counts.detections },
    { label: 'Plans proposed', value: counts.proposals },
    { label: 'Approvals', value: counts.approvals },
    { label: 'Sweeps', value: counts.sweeps },
    { label: 'Out of scope', value: counts.cleared.length > 0 ? counts.cleared.join(', ') : '—' },
    { label: 'Recovery steps', value: counts.recoverySteps },
  ];
  return (
    <section className="panel ex-strip" aria-label="Exercise status" data-status={run.status}>
      <div className="ex-strip-head">
        <span className="badge ex-status" data-status={run.status}>
          {run.summary?.interrupted ? 'Stopped' : STATUS_TEXT[run.status]}
        </span>
        <h2>{run.scenario.title}</h2>
        <span className="faint">
          started by {run.startedBy.displayName} · pace {run.speed.toLocaleString()}×
        </span>
      </div>
      <div className="ex-strip-body">
        <div className="ex-clock" role="timer" aria-live="off" aria-label="Scenario clock">
          <span className="ex-clock-day">Day {scenarioDay(run.elapsed)}</span>
          <span className="ex-clock-time" data-testid="scenario-clock">
            {clock.time}
          </span>
          <span className="ex-clock-date">
            {clock.date} <span className="faint">{clock.zone}</span>
          </span>
          <span className="faint">
            {sinceStart(run.elapsed)} of scenario time in {formatScenarioDuration(real)}
          </span>
        </div>
        <dl className="ex-stats">
          {stats.map((s) => (
            <div key={s.label}>
              <dt>{s.label}</dt>
              <dd>{typeof s.value === 'number' ? s.value.toLocaleString() : s.value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <RunLinks incidentId={run.incidentId} />
    </section>
  );
}
