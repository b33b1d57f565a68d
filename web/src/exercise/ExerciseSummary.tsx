/**
 * The end of a run: whether the scenario's expectations were met, the times that matter (detect, contain,
 * confirm scope), downtime and backlog per region, obligations per entity, what was decided, and the
 * closing comparison with the real case. All times are scenario time from the first attack step.
 */
import type { CSSProperties } from 'react';
import type { ExerciseRunView, ExerciseSummary as Summary } from '../../../src/contracts/exercises';
import { formatScenarioDuration } from '../../../src/exercise/duration';
import { reportUrl } from '../api/endpoints';
import { label } from '../ui/Badge';
import { DateTime } from '../ui/Time';
import { Comparison } from './Comparison';
import { scenarioMonth, span } from './scenario-time';

type Facts = Summary['facts'];
type Region = Facts['regions'][number];

function downtime(region: Region, scenarioMs: number): string {
  if (region.downAt === null) return 'not taken offline';
  if (region.restoredAt === null)
    return `${formatScenarioDuration(Math.max(0, scenarioMs - region.downAt))}, still down`;
  return formatScenarioDuration(region.restoredAt - region.downAt);
}

const backlogText = (region: Region) =>
  region.backlog
    .filter((b) => b.amount > 0)
    .map(
      (b) =>
        `${Math.round(b.amount).toLocaleString()} ${b.unit}${b.hoursToClear !== null ? ` (cleared in ${formatScenarioDuration(b.hoursToClear * 3_600_000)})` : ''}`,
    )
    .join(', ') || '—';

function Regions({ facts, scenarioMs }: { facts: Facts; scenarioMs: number }) {
  return (
    <section className="panel" aria-labelledby="ex-regions">
      <div className="panel-head">
        <h2 id="ex-regions">Regions</h2>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Scope</th>
            <th scope="col">Offline from</th>
            <th scope="col">Out of scope after</th>
            <th scope="col">Downtime</th>
            <th scope="col">Backlog while down</th>
          </tr>
        </thead>
        <tbody>
          {facts.regions.map((r) => (
            <tr key={r.region} data-region={r.region}>
              <th scope="row" className="mono">
                {r.region}
              </th>
              <td>
                {r.inScope ? (
                  <span className="badge" style={{ '--c': 'var(--sc-in_scope)' } as CSSProperties}>
                    in scope
                  </span>
                ) : (
                  <span className="badge" style={{ '--c': 'var(--sc-cleared)' } as CSSProperties}>
                    not breached
                  </span>
                )}
              </td>
              <td>{span(r.downAt)}</td>
              <td>{span(r.outOfScopeAt)}</td>
              <td>{downtime(r, scenarioMs)}</td>
              <td>{backlogText(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Statuses that need nobody's attention, listed after the ones that do. */
const QUIET = new Set(['not_required', 'not_applicable']);

function EntityObligations({ entity, list }: { entity: string; list: Facts['obligations'] }) {
  const open = list.filter((o) => !QUIET.has(o.status));
  const quiet = list.filter((o) => QUIET.has(o.status));
  return (
    <div className="ex-entity" data-entity={entity}>
      <h3 className="mono">{entity}</h3>
      <ul className="plain-list">
        {open.map((o) => (
          <li key={o.rule}>
            <span className="badge badge-plain">{label(o.status)}</span> {o.title}
            {o.deadline && (
              <span className="faint">
                {' '}
                · due <DateTime at={o.deadline} />
              </span>
            )}
          </li>
        ))}
      </ul>
      {quiet.length > 0 && <p className="faint ex-quiet">Not required: {quiet.map((o) => o.title).join('; ')}</p>}
    </div>
  );
}

function Obligations({ facts }: { facts: Facts }) {
  const byEntity = new Map<string, Facts['obligations']>();
  for (const o of facts.obligations) byEntity.set(o.entity, [...(byEntity.get(o.entity) ?? []), o]);
  const byResult = new Map<string, string[]>();
  for (const d of facts.determinations.filter((x) => x.confirmed))
    byResult.set(d.result, [...(byResult.get(d.result) ?? []), `${d.entity} ${d.regime}`]);
  return (
    <section className="panel" aria-labelledby="ex-obligations">
      <div className="panel-head">
        <h2 id="ex-obligations">Obligations per entity</h2>
        <span className="faint">deadlines run on this server’s clock, which an exercise does not compress</span>
      </div>
      <div className="panel-body ex-obligations">
        {byEntity.size === 0 && <p className="muted">No notification obligations arose.</p>}
        {[...byEntity.keys()].sort().map((entity) => (
          <EntityObligations key={entity} entity={entity} list={byEntity.get(entity) ?? []} />
        ))}
        {[...byResult].map(([result, items]) => (
          <div key={result} className="ex-determinations">
            <strong>Breach determinations confirmed: {label(result)}</strong>{' '}
            <span className="count">{items.length}</span>
            <span className="chips">
              {items.map((item) => (
                <span className="chip" key={item}>
                  {item}
                </span>
              ))}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}

export function ExerciseSummary({
  run,
  summary,
  source,
}: {
  run: ExerciseRunView;
  summary: Summary;
  source: string | null;
}) {
  const { facts } = summary;
  const met = summary.expectations.filter((e) => e.ok).length;
  const times = [
    { label: 'Time to detect', value: facts.detectedAt },
    { label: 'Time to contain', value: facts.containedAt },
    { label: 'Scope confirmed after', value: facts.scopeConfirmedAt },
  ];
  return (
    <div className="ex-summary-grid" data-testid="exercise-summary">
      <section className="panel ex-result" data-ok={summary.ok ? 'yes' : 'no'} aria-labelledby="ex-result">
        <div className="ex-result-head">
          <h2 id="ex-result">
            {summary.ok ? 'Every expectation met' : `${met} of ${summary.expectations.length} expectations met`}
          </h2>
          <span className="muted">
            {formatScenarioDuration(summary.scenarioMs)} of scenario time in {formatScenarioDuration(summary.realMs)} ·{' '}
            {summary.stopped}
          </span>
        </div>
        <dl className="ex-times">
          {times.map((t) => (
            <div key={t.label}>
              <dt>{t.label}</dt>
              <dd>{span(t.value)}</dd>
            </div>
          ))}
        </dl>
        <ul className="plain-list ex-expectations">
          {summary.expectations.map((e) => (
            <li key={e.text} data-ok={e.ok ? 'yes' : 'no'}>
              <span className="ex-check" aria-label={e.ok ? 'met' : 'not met'}>
                {e.ok ? '✓' : '✗'}
              </span>{' '}
              {e.text} <span className="faint">({e.detail})</span>
            </li>
          ))}
        </ul>
        <p className="faint">
          {facts.actions.total.toLocaleString()} actions ({facts.actions.verified.toLocaleString()} verified,{' '}
          {facts.actions.failed.toLocaleString()} failed, {facts.actions.pending.toLocaleString()} pending) ·{' '}
          {facts.alerts.reduce((n, a) => n + a.count, 0)} alerts from {facts.alerts.length} rules
          {run.incidentId && (
            <>
              {' '}
              · report: <a href={reportUrl(run.incidentId, 'pdf')}>PDF</a> ·{' '}
              <a href={reportUrl(run.incidentId, 'md')}>Markdown</a>
            </>
          )}
        </p>
      </section>
      {summary.comparison.length > 0 && (
        <Comparison rows={summary.comparison} source={source} yearLabel={scenarioMonth(run.scenario.start)} interrupted={summary.interrupted} />
      )}
      <Regions facts={facts} scenarioMs={summary.scenarioMs} />
      <Obligations facts={facts} />
    </div>
  );
}
