/**
 * `/exercise`: rehearse a ransomware incident on this server. Before a run, the built-in scenarios with the real
 * case each is modelled on and a button to start one; during a run, the scenario clock, running counts, links to
 * where the run shows, and the timeline as it unfolds; at the end, the summary and the closing comparison.
 */
import { Fragment, useCallback, useState } from 'react';
import type { ExerciseRunView, ExerciseScenarioView } from '../../../src/contracts/exercises';
import { fetchExercises, startExercise, stopExercise } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { useSubmit } from '../api/use-submit';
import { useSession } from '../app/session';
import { ErrorNotice, Loading } from '../ui/Status';
import { ExerciseSummary } from './ExerciseSummary';
import { ExerciseTimeline } from './ExerciseTimeline';
import { RunStrip } from './RunStrip';
import { whyNotStart } from './rules';
import { ScenarioIntro } from './ScenarioIntro';
import { useExerciseRun } from './use-exercise';

/** The scenarios with the one to start with first: one that fits this estate and is modelled on a real case. */
function featured(items: readonly ExerciseScenarioView[]): ExerciseScenarioView[] {
  const rank = (s: ExerciseScenarioView) => (s.fits ? 0 : 2) + (s.history ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b));
}

function RunView({
  run,
  lines,
  scenario,
}: {
  run: ExerciseRunView;
  lines: Parameters<typeof ExerciseTimeline>[0]['lines'];
  scenario: ExerciseScenarioView | undefined;
}) {
  const people = new Map((scenario?.people ?? []).map((p) => [p.name, p.displayName]));
  return (
    <>
      <RunStrip run={run} lines={lines} />
      {run.trimmed && (
        <p className="status">
          This exercise spans every entity and your scope covers only some, so its timeline and summary are not shown.
          Its incident shows on the board if it touches your entities.
        </p>
      )}
      {run.error && (
        <div className="status status-error" role="alert">
          <div>
            <strong>The exercise stopped before its end.</strong>
            <p>{run.error.message}</p>
          </div>
        </div>
      )}
      {run.summary && <ExerciseSummary run={run} summary={run.summary} source={scenario?.history?.source ?? null} />}
      {!run.trimmed && (
        <section className="panel" aria-labelledby="ex-timeline">
          <div className="panel-head">
            <h2 id="ex-timeline">
              Timeline <span className="count">{lines.length.toLocaleString()}</span>
            </h2>
            <span className="faint">
              scenario time, {scenario ? 'the scenario’s own time zone' : ''}; the incident’s log uses this server’s
              clock
            </span>
          </div>
          <ExerciseTimeline
            lines={lines}
            start={run.scenario.start}
            people={people}
            incidentId={run.incidentId}
            live={run.status === 'running'}
          />
        </section>
      )}
    </>
  );
}

export function ExercisePage() {
  const { me } = useSession();
  const scenarios = useQuery('exercises', fetchExercises);
  const { run, lines, error, adopt, refresh } = useExerciseRun(4000);
  const stop = useSubmit(async () => {
    await stopExercise();
    refresh();
  });
  const [choosing, setChoosing] = useState(false);
  const start = useCallback(
    async (id: string, speed: number) => {
      adopt(await startExercise(id, speed));
      setChoosing(false);
    },
    [adopt],
  );
  const blocked = whyNotStart(me, run);
  const showIntro = run === null || (choosing && run?.status !== 'running');
  const scenario = scenarios.data?.items.find((s) => s.id === run?.scenario.id);
  return (
    <div className="page ex-page">
      <div className="page-head">
        <h1>Exercise</h1>
        <span className="muted">
          Rehearse a ransomware incident end to end on this server, with simulated agents and people.
        </span>
        <div className="header-spacer" />
        {run && run.status !== 'running' && !showIntro && blocked === null && (
          <button type="button" className="btn" onClick={() => setChoosing(true)}>
            Run another exercise
          </button>
        )}
        {run?.status === 'running' && me.permissions.includes('exercises:run') && (
          <button type="button" className="btn" onClick={() => void stop.run()} disabled={stop.pending}>
            {stop.pending ? 'Stopping…' : 'Stop the exercise'}
          </button>
        )}
        {showIntro && run && (
          <button type="button" className="btn btn-ghost" onClick={() => setChoosing(false)}>
            Back to the last run
          </button>
        )}
      </div>
      {error !== undefined && <ErrorNotice error={error} action="The exercise’s progress could not be read" />}
      {stop.error !== undefined && <ErrorNotice error={stop.error} action="The exercise was not stopped" />}
      {run === undefined && error === undefined && <Loading what="the exercise" />}
      {showIntro && (
        <>
          {scenarios.error !== undefined && (
            <ErrorNotice
              error={scenarios.error}
              action="The scenarios could not be loaded"
              onRetry={scenarios.reload}
            />
          )}
          {scenarios.data === undefined && scenarios.error === undefined && <Loading what="the scenarios" />}
          {featured(scenarios.data?.items ?? []).map((s, i) => (
            <Fragment key={s.id}>
              {i === 1 && <h2 className="ex-more">More scenarios</h2>}
              <ScenarioIntro
                scenario={s}
                compact={i > 0}
                defaultSpeed={scenarios.data?.defaultSpeed ?? 10_000}
                blocked={blocked}
                onStart={start}
              />
            </Fragment>
          ))}
        </>
      )}
      {run && !showIntro && <RunView run={run} lines={lines} scenario={scenario} />}
    </div>
  );
}
