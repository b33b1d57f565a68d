/**
 * One alert opened: the rule that matched (title, level, author as the Detection Rule License requires, tags,
 * references) and the matching event as pretty JSON. An indicator alert shows the indicator and the field it
 * matched, with the indicator's creator as the author; a correlation shows its group, count and the events
 * that formed it.
 */
import type { Alert } from '../api/detect-schemas';
import { LevelBadge } from '../ui/Badge';
import { DateTime } from '../ui/Time';
import { CorrelationFactsRows, IndicatorFactsRows } from './DetectionFacts';

/** Only web links become anchors; anything else in `references` stays text. */
const isWebLink = (reference: string): boolean => /^https?:\/\//i.test(reference);

function References({ references }: { references: readonly string[] }) {
  if (references.length === 0) return <span className="faint">none given</span>;
  return (
    <ul className="plain-list references">
      {references.map((reference) => (
        <li key={reference}>
          {isWebLink(reference) ? (
            <a href={reference} target="_blank" rel="noreferrer noopener">
              {reference}
            </a>
          ) : (
            reference
          )}
        </li>
      ))}
    </ul>
  );
}

export function RuleFacts({ alert }: { alert: Alert }) {
  const { rule } = alert;
  return (
    <dl className="rule-facts">
      <dt>{alert.indicator ? 'Indicator match' : alert.correlation ? 'Correlation rule' : 'Rule'}</dt>
      <dd>
        <strong>{rule.title}</strong> <LevelBadge value={rule.level} />
        <div className="mono faint">
          {alert.source} · {rule.id}
        </div>
      </dd>
      <dt>{alert.indicator ? 'Source' : 'Author'}</dt>
      <dd data-testid="rule-author">{rule.author || <span className="faint">not named</span>}</dd>
      {alert.indicator && <IndicatorFactsRows indicator={alert.indicator} />}
      {alert.correlation && <CorrelationFactsRows correlation={alert.correlation} />}
      <dt>Tags</dt>
      <dd>
        {rule.tags.length === 0 ? (
          <span className="faint">none</span>
        ) : (
          <span className="chips">
            {rule.tags.map((tag) => (
              <span className="chip" key={tag}>
                {tag}
              </span>
            ))}
          </span>
        )}
      </dd>
      <dt>References</dt>
      <dd>
        <References references={rule.references} />
      </dd>
      <dt>Event time</dt>
      <dd>
        <DateTime at={alert.at} />{' '}
        <span className="faint">
          (received <DateTime at={alert.receivedAt} />)
        </span>
      </dd>
    </dl>
  );
}

export function AlertDetail({ alert }: { alert: Alert }) {
  return (
    <div className="alert-detail">
      <RuleFacts alert={alert} />
      <div className="alert-event">
        <div className="field-label">
          {alert.correlation ? (
            <>
              Events that formed it
              {Array.isArray(alert.event) && alert.event.length < alert.correlation.events && (
                <span className="faint">
                  {' '}
                  (the first {alert.event.length} of {alert.correlation.events}, up to 16 KB of JSON)
                </span>
              )}
            </>
          ) : (
            <>Matching event{alert.truncated && <span className="faint"> (cut to the first 16 KB of its JSON)</span>}</>
          )}
        </div>
        <pre className="json" tabIndex={0} aria-label={alert.correlation ? 'Events as JSON' : 'Matching event as JSON'}>
          {JSON.stringify(alert.event, null, 2)}
        </pre>
      </div>
    </div>
  );
}
