/**
 * A built-in scenario before it runs: what it is, what happened in the real case it is modelled on, who takes
 * part, what the run will show, and the button that starts it (with the pace). Refusals are shown in place.
 */
import { useState } from 'react';
import type { ExerciseScenarioView } from '../../../src/contracts/exercises';
import { useSubmit } from '../api/use-submit';
import { label } from '../ui/Badge';
import { ErrorNotice } from '../ui/Status';
import { runLabel } from './rules';
import { span } from './scenario-time';

/** Scenario seconds per real second, as people choose them. */
export const PACES = [
  { speed: 3600, label: 'Steady: an hour a second' },
  { speed: 10_000, label: 'Brisk: a day in 9 seconds' },
  { speed: 20_000, label: 'Fast: a day in 4 seconds' },
] as const;

/** What the run will show, and who takes part. */
function Details({ scenario }: { scenario: ExerciseScenarioView }) {
  return (
    <>
      <h3>What you will see</h3>
      <ol className="ex-steps">
        <li>
          The attack arrives as log events and goes through the real detection engine; an incident opens on the board.
        </li>
        <li>
          Containment plans are proposed and approved by the people below, in their own names, under the approval
          policy.
        </li>
        <li>Simulated agents isolate hosts and sweep every region; regions found clean are declared out of scope.</li>
        <li>
          Recovery runs behind its gates (credentials reset, backups verified, sign-off); notification clocks run per
          entity.
        </li>
        <li>
          At the end: times to detect, contain and confirm scope, downtime and backlog per region, obligations per
          entity
          {scenario.history ? ', and the comparison with what really happened.' : '.'}
        </li>
      </ol>
      <h3>Who takes part</h3>
      <ul className="ex-people">
        {scenario.people.map((p) => (
          <li key={p.name}>
            <strong>{p.displayName}</strong> <span className="badge badge-plain">{label(p.role)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ScenarioIntro({
  scenario,
  defaultSpeed,
  blocked,
  onStart,
  compact = false,
}: {
  scenario: ExerciseScenarioView;
  /** Only what it is and the button (for the scenarios after the first). */
  compact?: boolean;
  defaultSpeed: number;
  /** Why this user may not start it now (no permission, a run on), or null. */
  blocked: string | null;
  onStart: (scenario: string, speed: number) => Promise<unknown>;
}) {
  const [speed, setSpeed] = useState(defaultSpeed);
  const submit = useSubmit(onStart);
  const why =
    blocked ?? (scenario.fits ? null : `This scenario does not fit this estate: ${scenario.problems.join('; ')}`);
  const history = scenario.history;
  return (
    <article
      className={`panel ex-intro${compact ? ' ex-intro-compact' : ''}`}
      aria-labelledby={`ex-${scenario.id}`}
      data-scenario={scenario.id}
    >
      <div className="ex-intro-main">
        <p className="ex-eyebrow">
          Exercise · {scenario.attackSteps} attack steps · {scenario.people.length} people
        </p>
        <h2 id={`ex-${scenario.id}`}>{scenario.title}</h2>
        <p className="ex-summary">{scenario.summary}</p>
        {!compact && <Details scenario={scenario} />}
      </div>
      {history && !compact && (
        <aside className="ex-history" aria-label="What really happened">
          <h3>What really happened</h3>
          <dl>
            {history.facts.map((fact) => (
              <div key={fact.label}>
                <dt>{fact.label}</dt>
                <dd>{span(fact.thenMs)}</dd>
              </div>
            ))}
          </dl>
          <p className="faint ex-source">{history.source}</p>
        </aside>
      )}
      <div className="ex-intro-actions">
        <label className="field ex-pace">
          <span className="field-label">Pace</span>
          <select className="input" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {PACES.map((p) => (
              <option key={p.speed} value={p.speed}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-primary ex-run"
          disabled={why !== null || submit.pending}
          title={why ?? undefined}
          onClick={() => void submit.run(scenario.id, speed)}
        >
          {submit.pending ? 'Starting…' : runLabel(scenario)}
        </button>
        {!compact && (
          <p className="faint ex-note">
            Machines work in real time (simulated agents isolate and sweep every host); people’s thinking time is
            compressed. It takes a few minutes. Everything goes through Firebreak’s own API, and the incident is marked
            as an exercise.
          </p>
        )}
        {why && <p className="muted ex-why">{why}</p>}
        {submit.error !== undefined && <ErrorNotice error={submit.error} action="The exercise did not start" />}
      </div>
    </article>
  );
}
