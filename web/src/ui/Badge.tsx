/** The colour language: severity/criticality, lifecycle state, scope state and task status as labelled badges. */
import type { CSSProperties } from 'react';

export const words = (value: string): string => value.replace(/_/g, ' ');

const STATE_LABELS: Record<string, string> = {
  lessons_learned: 'lessons learned',
  in_scope: 'in scope',
  in_progress: 'in progress',
};
export const label = (value: string): string => STATE_LABELS[value] ?? words(value);

function Badge({
  kind,
  value,
  strong,
  title,
}: {
  kind: 'sev' | 'st' | 'sc' | 'task';
  value: string;
  strong?: boolean;
  title?: string;
}) {
  const style = { '--c': `var(--${kind}-${value}, var(--text-muted))` } as CSSProperties;
  return (
    <span className={`badge${strong ? ' badge-strong' : ''}`} style={style} title={title} data-value={value}>
      {label(value)}
    </span>
  );
}

export const SeverityBadge = ({ value, strong }: { value: string; strong?: boolean }) => (
  <Badge kind="sev" value={value} strong={strong === true} title={`Severity: ${value}`} />
);
export const CriticalityBadge = ({ value }: { value: string }) => (
  <Badge kind="sev" value={value} title={`Criticality: ${value}`} />
);
export const StateBadge = ({ value }: { value: string }) => (
  <Badge kind="st" value={value} title={`State: ${label(value)}`} />
);
export const ScopeBadge = ({ value }: { value: string }) => (
  <Badge kind="sc" value={value} title={`Scope: ${label(value)}`} />
);
export const TaskBadge = ({ value }: { value: string }) => (
  <Badge kind="task" value={value} title={`Task: ${label(value)}`} />
);

export function EntityChips({ entities, empty = '—' }: { entities: readonly string[]; empty?: string }) {
  if (entities.length === 0) return <span className="faint">{empty}</span>;
  return (
    <span className="chips">
      {entities.map((entity) => (
        <span className="chip" key={entity}>
          {entity}
        </span>
      ))}
    </span>
  );
}

/** A detection rule's level: the severity scale, with informational in the muted colour. */
export const LevelBadge = ({ value }: { value: string }) => (
  <Badge kind="sev" value={value} strong={value === 'critical'} title={`Rule level: ${value}`} />
);
