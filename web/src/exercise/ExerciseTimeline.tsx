/**
 * The run as a story: one row per progress line in scenario time, grouped by scenario day, with the kind of
 * moment, the person who acted (by the name they have in the scenario), and links from plan, recovery and
 * incident ids to where they show. Follows the newest line unless the reader scrolled up.
 */
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import type { ExerciseLine } from '../../../src/contracts/exercises';
import { Link } from '../app/router';
import { actorOf, KIND_LABELS, kindOf } from './lines';
import { scenarioClock, scenarioDay } from './scenario-time';

/** Incident, plan and recovery ids in a line become links to their views. */
function linked(text: string, incidentId: string | null): ReactNode[] {
  const parts = text.split(/\b(INC-\d{4,}|P-\d{4,}|R-\d{4,})\b/);
  return parts.map((part, i) => {
    if (i % 2 === 0) return part;
    const to = part.startsWith('INC-')
      ? `/incidents/${part}`
      : incidentId
        ? `/incidents/${incidentId}/${part.startsWith('P-') ? 'containment' : 'recovery'}`
        : null;
    return to ? (
      <Link key={i} to={to} className="mono">
        {part}
      </Link>
    ) : (
      <span key={i} className="mono">
        {part}
      </span>
    );
  });
}

function Row({
  line,
  start,
  people,
  incidentId,
}: {
  line: ExerciseLine;
  start: string;
  people: ReadonlyMap<string, string>;
  incidentId: string | null;
}) {
  const kind = kindOf(line.text);
  const actor = actorOf(line.text, new Set(people.keys()));
  return (
    <li className="ex-line" data-kind={kind}>
      <time className="mono ex-line-time" title={`scenario time, ${line.at} ms from the start`}>
        {scenarioClock(start, line.at).time}
      </time>
      <span className="ex-kind" data-kind={kind}>
        {KIND_LABELS[kind]}
      </span>
      <span className="ex-line-text">
        {actor ? (
          <>
            <strong className="ex-actor" title={actor.person}>
              {people.get(actor.person)}
            </strong>{' '}
            {linked(actor.rest, incidentId)}
          </>
        ) : (
          linked(line.text, incidentId)
        )}
      </span>
    </li>
  );
}

export function ExerciseTimeline({
  lines,
  start,
  people,
  incidentId,
  live,
}: {
  lines: readonly ExerciseLine[];
  start: string;
  /** Display names by scenario person name. */
  people: ReadonlyMap<string, string>;
  incidentId: string | null;
  live: boolean;
}) {
  const box = useRef<HTMLOListElement>(null);
  const follow = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  if (lines.length === 0)
    return (
      <p className="muted ex-empty">
        {live ? 'Setting up: people, agents and the attack…' : 'No progress was recorded.'}
      </p>
    );
  return (
    <ol
      className="ex-timeline"
      ref={box}
      aria-live={live ? 'polite' : 'off'}
      aria-label="Exercise timeline"
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {lines.map((line, i) => {
        const date = scenarioClock(start, line.at).date;
        const previous = lines[i - 1];
        const newDay = previous === undefined || scenarioClock(start, previous.at).date !== date;
        return (
          <Fragment key={line.n}>
            {newDay && (
              <li className="ex-day" aria-hidden="true">
                {date} <span className="faint">· day {scenarioDay(line.at)} of the incident</span>
              </li>
            )}
            <Row line={line} start={start} people={people} incidentId={incidentId} />
          </Fragment>
        );
      })}
    </ol>
  );
}
