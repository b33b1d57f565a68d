/** What a hunt found: the totals, the matches per rule, the lines that were skipped, and the detections. */
import type { HuntAnswer } from '../api/detect-schemas';
import { Empty } from '../ui/Status';
import { count } from '../ui/text';
import { AlertTable } from './AlertTable';
import { RuleGroups, sortGroups } from './RuleGroups';

const SHOWN_SKIPPED = 50;

function Skipped({ skipped }: { skipped: HuntAnswer['skipped'] }) {
  return (
    <section className="panel" aria-labelledby="skipped-title">
      <div className="panel-head">
        <h2 id="skipped-title">
          Skipped<span className="count">{skipped.length}</span>
        </h2>
        <span className="faint">lines and indicator entries that could not be read; the rest was hunted</span>
      </div>
      <div className="panel-body">
        <ul className="plain-list skipped" aria-label="Skipped lines">
          {skipped.slice(0, SHOWN_SKIPPED).map((s) => (
            <li key={`${s.file}:${s.line}`}>
              <span className="mono">
                {s.file}
                {s.line > 0 ? `:${s.line}` : ''}
              </span>{' '}
              {s.reason}
            </li>
          ))}
          {skipped.length > SHOWN_SKIPPED && <li className="faint">… and {skipped.length - SHOWN_SKIPPED} more</li>}
        </ul>
      </div>
    </section>
  );
}

export function HuntResults({ result, files }: { result: HuntAnswer; files: number }) {
  const shown = result.matches.length;
  const skipped = [...result.skipped, ...result.indicators.problems];
  const indicators = result.indicators.loaded + result.indicators.uploaded;
  return (
    <div className="stack hunt-results" data-testid="hunt-results">
      <p className="hunt-summary" role="status">
        <strong>{count(result.total, 'detection')}</strong> in {count(result.events, 'event')} from{' '}
        {count(files, 'file')}
        {result.skipped.length > 0 && <>, {count(result.skipped.length, 'line')} skipped</>}
        {indicators > 0 && <>, checked against {count(indicators, 'indicator')}</>}
        {result.indicators.problems.length > 0 && (
          <>, {count(result.indicators.problems.length, 'indicator entry', 'indicator entries')} skipped</>
        )}
        {shown < result.total && <span className="muted"> (the first {shown.toLocaleString()} are listed)</span>}.
        <span className="faint"> Nothing was recorded.</span>
      </p>
      {skipped.length > 0 && <Skipped skipped={skipped} />}
      <section className="panel board-panel" aria-labelledby="by-rule-title">
        <div className="panel-head">
          <h2 id="by-rule-title">
            By rule<span className="count">{result.byRule.length}</span>
          </h2>
        </div>
        {result.byRule.length === 0 ? (
          <Empty>No rule matched these events.</Empty>
        ) : (
          <RuleGroups groups={sortGroups([...result.byRule])} label="Detections by rule" />
        )}
      </section>
      {shown > 0 && (
        <section className="panel board-panel" aria-labelledby="detections-title">
          <div className="panel-head">
            <h2 id="detections-title">
              Detections<span className="count">{shown < result.total ? `${shown} of ${result.total}` : shown}</span>
            </h2>
            <span className="faint">open one for its rule and event</span>
          </div>
          <AlertTable rows={result.matches.map((alert) => ({ alert }))} label="Hunt detections" showIncident={false} />
        </section>
      )}
    </div>
  );
}
