/**
 * The exercise on the incident board. On a board with no incidents at all, a welcome card offers the built-in
 * exercise (the first thing a new user can do); while a run is on, or shortly after, a banner says so and
 * links to it. Nothing otherwise.
 */
import { useState } from 'react';
import { fetchExercises, startExercise } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { useSubmit } from '../api/use-submit';
import { Link, navigate } from '../app/router';
import { useSession } from '../app/session';
import { ErrorNotice } from '../ui/Status';
import { runLabel, whyNotStart } from './rules';
import { scenarioClock, scenarioDay } from './scenario-time';
import { useExerciseRun } from './use-exercise';

/** A finished run stays on the board this long (wall time). */
const RECENT_MS = 6 * 3_600_000;

function Welcome() {
  const { me } = useSession();
  const scenarios = useQuery('exercises', fetchExercises);
  const [first] = (scenarios.data?.items ?? []).filter((s) => s.fits);
  const submit = useSubmit(async (id: string) => {
    await startExercise(id, scenarios.data?.defaultSpeed ?? 10_000);
    navigate('/exercise');
  });
  if (!first) return null;
  const why = whyNotStart(me, null);
  return (
    <section className="panel ex-welcome" aria-labelledby="ex-welcome">
      <div>
        <p className="ex-eyebrow">No incidents yet</p>
        <h2 id="ex-welcome">See Firebreak handle a ransomware attack, end to end</h2>
        <p className="muted">
          {first.title}. {first.summary}
        </p>
      </div>
      <div className="ex-welcome-actions">
        {why === null ? (
          <button
            type="button"
            className="btn btn-primary ex-run"
            disabled={submit.pending}
            onClick={() => void submit.run(first.id)}
          >
            {submit.pending ? 'Starting…' : runLabel(first)}
          </button>
        ) : (
          <span className="faint">{why}</span>
        )}
        <Link to="/exercise">What happens in it</Link>
      </div>
      {submit.error !== undefined && <ErrorNotice error={submit.error} action="The exercise did not start" />}
    </section>
  );
}

export function ExerciseBanner({ emptyBoard }: { emptyBoard: boolean }) {
  const { run } = useExerciseRun(10_000);
  const [now] = useState(() => Date.now());
  if (run === undefined) return null;
  const recent =
    run !== null &&
    (run.status === 'running' || (run.finishedAt !== null && now - Date.parse(run.finishedAt) < RECENT_MS));
  if (!recent || !run) return emptyBoard ? <Welcome /> : null;
  const clock = scenarioClock(run.scenario.start, run.elapsed);
  const met = run.summary ? run.summary.expectations.filter((e) => e.ok).length : 0;
  return (
    <section className="ex-banner" data-status={run.status} aria-label="Exercise">
      <span className="badge ex-status" data-status={run.status}>
        {run.status === 'running'
          ? 'Exercise running'
          : run.status === 'finished' && !run.summary?.interrupted
            ? 'Exercise finished'
            : 'Exercise stopped'}
      </span>
      <span>
        <strong>{run.scenario.title}</strong>{' '}
        {run.status === 'running' && (
          <span className="muted">
            · day {scenarioDay(run.elapsed)}, {clock.time} {clock.zone}
          </span>
        )}
        {run.summary && (
          <span className="muted">
            · {met} of {run.summary.expectations.length} expectations met
          </span>
        )}
        {run.incidentId && (
          <span className="muted">
            {' '}
            · its incident is <Link to={`/incidents/${run.incidentId}`}>{run.incidentId}</Link>
          </span>
        )}
      </span>
      <div className="header-spacer" />
      <Link to="/exercise" className="btn btn-small">
        {run.status === 'running' ? 'Watch it unfold' : 'See the summary'}
      </Link>
    </section>
  );
}
