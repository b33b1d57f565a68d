/**
 * The server's loaded rule set: how many rules, from where, and the rules that could not be loaded; and how
 * many indicators its indicator sets hold.
 */
import { fetchDetectStatus } from '../api/endpoints';
import { useQuery } from '../api/use-query';
import { ErrorNotice, Loading } from '../ui/Status';
import { count } from '../ui/text';

const SHOWN_PROBLEMS = 5;
const SHOWN_SOURCES = 6;

/** `runs` counts the hunts so far: the rules compile on first use, so the status is read again after each. */
/** The engine's `product/category/service` key without its empty parts: `windows/process_creation`. */
const sourceName = (key: string): string => key.split('/').filter(Boolean).join(' / ') || 'any source';

export function RuleSetStatus({ runs }: { runs: number }) {
  const status = useQuery(`detect-status:${runs}`, fetchDetectStatus, { keepPrevious: true });
  const data = status.data;
  return (
    <section className="panel" aria-labelledby="ruleset-title">
      <div className="panel-head">
        <h2 id="ruleset-title">Rule set</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={status.reload} disabled={status.loading}>
          Refresh
        </button>
      </div>
      <div className="panel-body rule-set">
        {status.error !== undefined && (
          <ErrorNotice error={status.error} action="The rule set could not be read" onRetry={status.reload} />
        )}
        {data === undefined && status.error === undefined && <Loading what="the rule set" />}
        {data && (
          <>
            <div className="figures">
              <div className="figure" data-testid="rule-count">
                <span className="figure-value">{data.stats ? data.stats.rules.toLocaleString() : '—'}</span>
                <span className="figure-label">rules loaded</span>
              </div>
              <div className={`figure${data.problemCount > 0 ? ' figure-warn' : ''}`} data-testid="problem-count">
                <span className="figure-value">{data.problemCount.toLocaleString()}</span>
                <span className="figure-label">{data.problemCount === 1 ? 'problem' : 'problems'}</span>
              </div>
              {data.indicators && data.indicators.sets > 0 && (
                <div className="figure" data-testid="indicator-count">
                  <span className="figure-value">{data.indicators.total.toLocaleString()}</span>
                  <span className="figure-label">
                    {data.indicators.total === 1 ? 'indicator' : 'indicators'} in {count(data.indicators.sets, 'set')}
                  </span>
                </div>
              )}
              {data.stats && data.stats.correlations > 0 && (
                <div className="figure">
                  <span className="figure-value">{data.stats.correlations.toLocaleString()}</span>
                  <span className="figure-label">correlations</span>
                </div>
              )}
            </div>
            {data.stats === null && (
              <p className="muted">The rules are compiled on first use; run a hunt to load them.</p>
            )}
            <p className="faint small">
              From{' '}
              {data.rulePaths.length === 0 ? 'no folder' : <span className="mono">{data.rulePaths.join(', ')}</span>}
            </p>
            {data.stats && (
              <ul className="plain-list sources" aria-label="Rules per log source">
                {Object.entries(data.stats.byLogsource)
                  .slice(0, SHOWN_SOURCES)
                  .map(([source, n]) => (
                    <li key={source}>
                      <span className="mono">{sourceName(source)}</span> <span className="faint">{n}</span>
                    </li>
                  ))}
              </ul>
            )}
            {data.problems.length > 0 && (
              <details className="problems" open={data.problemCount <= SHOWN_PROBLEMS}>
                <summary>
                  {count(data.problemCount, 'rule')} could not be loaded
                  {data.problemCount > SHOWN_PROBLEMS && ` (first ${SHOWN_PROBLEMS} shown)`}
                </summary>
                <ul className="plain-list" aria-label="Rule load problems">
                  {data.problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                    <li key={`${p.file}:${p.line ?? 0}:${p.reason}`}>
                      <span className="mono">
                        {p.file}
                        {p.line !== undefined && `:${p.line}`}
                      </span>{' '}
                      {p.reason}
                      {p.hint && <span className="faint"> ({p.hint})</span>}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </div>
    </section>
  );
}
