/**
 * What an indicator alert or a correlation adds to the rule facts: the indicator (type, value, set, confidence,
 * validity) and the event field it matched; or the correlation's type, group, count and contributing rules.
 */
import type { Alert } from '../api/detect-schemas';
import { DateTime } from '../ui/Time';

type IndicatorFacts = NonNullable<Alert['indicator']>;
type CorrelationFacts = NonNullable<Alert['correlation']>;

function duration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

export function IndicatorFactsRows({ indicator }: { indicator: IndicatorFacts }) {
  return (
    <>
      <dt>Matched</dt>
      <dd data-testid="indicator-match">
        <span className="mono">{indicator.field}</span> = <span className="mono">{indicator.fieldValue}</span>
      </dd>
      <dt>Indicator</dt>
      <dd>
        <span className="chip">{indicator.type}</span> <span className="mono">{indicator.value}</span>
        {indicator.name && <div>{indicator.name}</div>}
        <div className="faint mono">
          {indicator.format} · {indicator.id}
        </div>
      </dd>
      <dt>Set</dt>
      <dd>{indicator.set ?? <span className="faint">uploaded with the hunt</span>}</dd>
      <dt>Confidence</dt>
      <dd>{indicator.confidence ?? <span className="faint">not given</span>}</dd>
      {indicator.validUntil && (
        <>
          <dt>Valid until</dt>
          <dd>
            <DateTime at={indicator.validUntil} />
          </dd>
        </>
      )}
    </>
  );
}

export function CorrelationFactsRows({ correlation }: { correlation: CorrelationFacts }) {
  const group = Object.entries(correlation.group);
  return (
    <>
      <dt>Correlation</dt>
      <dd data-testid="correlation-facts">
        <span className="chip">{correlation.type}</span> {correlation.count.toLocaleString()} within{' '}
        {duration(correlation.timespanMs)}
        {correlation.firstAt && (
          <span className="faint">
            {' '}
            (from <DateTime at={correlation.firstAt} />)
          </span>
        )}
      </dd>
      <dt>Group</dt>
      <dd>
        {group.length === 0 ? (
          <span className="faint">all events</span>
        ) : (
          <span className="chips">
            {group.map(([field, value]) => (
              <span className="chip mono" key={field}>
                {field}={value ?? '∅'}
              </span>
            ))}
          </span>
        )}
      </dd>
      <dt>Formed by</dt>
      <dd>
        {correlation.events.toLocaleString()} events of{' '}
        <span className="mono">{correlation.rules.join(', ') || 'no rule'}</span>
      </dd>
    </>
  );
}
