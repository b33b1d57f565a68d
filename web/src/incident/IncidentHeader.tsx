/** The incident's header: what it is, how bad, where in its lifecycle, who commands, since when we know. */
import type { ReactNode } from 'react';
import type { IncidentView } from '../api/schemas';
import { EntityChips, SeverityBadge, StateBadge } from '../ui/Badge';
import { LiveIndicator } from '../ui/Status';
import { Age, DateTime, formatDuration, useNow } from '../ui/Time';
import { CommandControls } from './CommandControls';
import { LifecycleBar } from './LifecycleBar';
import type { IncidentModel } from './use-incident';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function IncidentHeader({ view, incident }: { view: IncidentView; incident: IncidentModel }) {
  const now = useNow();
  const { summary, awareness, metrics } = view;
  const enteredState = metrics.firstEnteredAt[summary.state as keyof typeof metrics.firstEnteredAt];
  const lastStateChange =
    [...view.timeline].reverse().find((entry) => entry.type === 'state.changed')?.at ??
    enteredState ??
    summary.openedAt;
  return (
    <section className="panel incident-header" aria-labelledby="incident-title">
      <div className="incident-title-row">
        <span className="mono incident-id">{summary.id}</span>
        <h1 id="incident-title">{summary.title}</h1>
        <SeverityBadge value={summary.severity} strong={summary.severity === 'critical'} />
        <StateBadge value={summary.state} />
        <div className="header-spacer" />
        <LiveIndicator status={incident.stream.status} onRestart={incident.stream.restart} />
      </div>
      {view.description && <p className="incident-description">{view.description}</p>}
      <dl className="facts">
        <Fact term="Commander">{summary.commander ?? <span className="faint">unassigned</span>}</Fact>
        <Fact term={awareness.source === 'declared' ? 'Aware since (declared)' : 'Aware since (opened)'}>
          <DateTime at={awareness.at} />{' '}
          <span className="faint">
            (<Age at={awareness.at} now={now} /> ago)
          </span>
        </Fact>
        <Fact term="Opened">
          <DateTime at={summary.openedAt} />
        </Fact>
        <Fact term="In this state for">
          <Age at={lastStateChange} now={now} />
        </Fact>
        <Fact term="Time to contain">
          {metrics.timeToContainMs === null ? (
            <span className="faint">not contained yet</span>
          ) : (
            formatDuration(metrics.timeToContainMs)
          )}
        </Fact>
        <Fact term="Entities">
          <EntityChips entities={summary.entities} empty="none named" />
        </Fact>
      </dl>
      <LifecycleBar state={summary.state} append={incident.append} />
      <CommandControls summary={summary} append={incident.append} />
    </section>
  );
}
