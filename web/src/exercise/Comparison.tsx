/**
 * The closing comparison: each fact of the real case (what it took then) against the same measure in this run,
 * as two bars on one scale, with the difference in words.
 */
import type { CSSProperties } from 'react';
import type { ExerciseSummary } from '../../../src/contracts/exercises';
import { formatScenarioDuration } from '../../../src/exercise/duration';
import { span } from './scenario-time';

type Row = ExerciseSummary['comparison'][number];

/** "2 d 20 h shorter", "as long", "5 h longer", or why there is nothing to compare. */
export function verdict(row: Row, interrupted = false): string {
  if (row.now === null) return interrupted ? 'not reached before the stop' : 'did not happen in this run';
  if (interrupted) return 'not comparable: the run was stopped';
  const difference = row.then - row.now;
  if (Math.abs(difference) < 60_000) return 'as long';
  return `${formatScenarioDuration(Math.abs(difference))} ${difference > 0 ? 'shorter' : 'longer'}`;
}

function Bar({ value, max, who }: { value: number | null; max: number; who: 'then' | 'now' }) {
  const width = value === null || max <= 0 ? 0 : Math.max(value === 0 ? 0 : 1.5, (value / max) * 100);
  return (
    <span className="ex-bar" data-who={who}>
      <span className="ex-bar-fill" style={{ '--w': `${width}%` } as CSSProperties} />
    </span>
  );
}

export function Comparison({
  rows,
  source,
  yearLabel,
  interrupted = false,
}: {
  rows: readonly Row[];
  source: string | null;
  yearLabel: string;
  /** The run was stopped before its end: its figures are partial, so no difference is claimed. */
  interrupted?: boolean;
}) {
  const max = Math.max(0, ...rows.flatMap((r) => [r.then, r.now ?? 0]));
  return (
    <section className="panel ex-comparison" aria-labelledby="ex-comparison">
      <div className="panel-head">
        <h2 id="ex-comparison">{yearLabel} against this run</h2>
        {source && <span className="faint ex-source">{source}</span>}
      </div>
      <div className="panel-body">
        {interrupted && (
          <p className="status" role="note">
            This run was stopped before its end, so its figures cover only what happened until then.
          </p>
        )}
        <table className="table ex-compare-table">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">{yearLabel}</th>
              <th scope="col">This run</th>
              <th scope="col" className="ex-bars-head">
                <span className="ex-key" data-who="then" /> then <span className="ex-key" data-who="now" /> now
              </th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className="ex-then">{span(row.then)}</td>
                <td className="ex-now">{row.now === null ? 'not reached' : row.now === 0 ? 'none' : span(row.now)}</td>
                <td className="ex-bars" aria-hidden="true">
                  <Bar value={row.then} max={max} who="then" />
                  <Bar value={row.now} max={max} who="now" />
                </td>
                <td data-better={!interrupted && row.now !== null && row.now < row.then ? 'yes' : 'no'} className="ex-verdict">
                  {verdict(row, interrupted)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
