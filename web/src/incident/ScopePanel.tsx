/** Scope per entity, segment and host: the current state, the latest evidence, the full history on demand. */
import { useState } from 'react';
import { displayActor } from '../../../src/incident/timeline';
import type { AppendInput } from '../../../src/incident/input.schema';
import type { IncidentView, ScopeItem } from '../api/schemas';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { ScopeBadge } from '../ui/Badge';
import { Empty } from '../ui/Status';
import { count } from '../ui/text';
import { Ago, Stamp, useNow } from '../ui/Time';
import { ScopeForm } from './ScopeForm';

type Append = (entry: AppendInput) => Promise<void>;

const SECTIONS = [
  { kind: 'entity', title: 'Entities' },
  { kind: 'segment', title: 'Segments' },
  { kind: 'host', title: 'Hosts' },
] as const;

function History({ item }: { item: ScopeItem }) {
  return (
    <details className="scope-history">
      <summary>History ({item.history.length})</summary>
      <ol>
        {[...item.history].reverse().map((change) => (
          <li key={change.seq}>
            <Stamp at={change.at} /> <ScopeBadge value={change.state} /> {displayActor(change.actor)}: {change.evidence}
          </li>
        ))}
      </ol>
    </details>
  );
}

function ScopeRow({
  item,
  append,
  canWrite,
  now,
}: {
  item: ScopeItem;
  append: Append;
  canWrite: boolean;
  now: number;
}) {
  const [editing, setEditing] = useState(false);
  const latest = item.history.at(-1);
  const ref =
    item.kind === 'host' ? <Link to={`/estate?host=${encodeURIComponent(item.ref)}`}>{item.ref}</Link> : item.ref;
  return (
    <li className="scope-item" data-kind={item.kind} data-ref={item.ref} data-state={item.state}>
      <div className="scope-line">
        <span className="mono scope-ref">{ref}</span>
        {item.entity && item.kind !== 'entity' && <span className="chip">{item.entity}</span>}
        <ScopeBadge value={item.state} />
        <span className="faint scope-when">
          <Ago at={item.updatedAt} now={now} />
        </span>
        {canWrite && !editing && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setEditing(true)}
            aria-label={`Change scope of ${item.kind} ${item.ref}`}
          >
            Change
          </button>
        )}
      </div>
      {latest && <p className="scope-evidence">{latest.evidence}</p>}
      {item.history.length > 1 && <History item={item} />}
      {editing && (
        <ScopeForm
          append={append}
          fixed={{ kind: item.kind, ref: item.ref, state: item.state }}
          onDone={() => setEditing(false)}
        />
      )}
    </li>
  );
}

export function ScopePanel({ view, append }: { view: IncidentView; append: Append }) {
  const { can } = useSession();
  const canWrite = can('incident:write');
  const now = useNow();
  const [adding, setAdding] = useState(false);
  const total = view.scope.entity.length + view.scope.segment.length + view.scope.host.length;
  const { hosts, segments, entities } = view.affected;
  const affected = `${count(hosts.length, 'host')} · ${count(segments.length, 'segment')} · ${count(entities.length, 'entity', 'entities')} affected`;
  return (
    <section className="panel scope-panel" aria-labelledby="scope-title">
      <div className="panel-head">
        <h2 id="scope-title">
          Scope<span className="count">{affected}</span>
        </h2>
        {canWrite && (
          <button type="button" className="btn btn-small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {adding ? 'Close' : '+ Add to scope'}
          </button>
        )}
      </div>
      <div className="panel-body">
        {adding && <ScopeForm append={append} />}
        {total === 0 && (
          <Empty>
            Nothing is in scope yet. Record suspected and confirmed hosts, segments and entities here, with evidence.
          </Empty>
        )}
        {SECTIONS.map(({ kind, title }) =>
          view.scope[kind].length === 0 ? null : (
            <div key={kind} className="scope-section">
              <h3>
                {title}
                <span className="count">{view.scope[kind].length}</span>
              </h3>
              <ul className="scope-list">
                {view.scope[kind].map((item) => (
                  <ScopeRow key={item.ref} item={item} append={append} canWrite={canWrite} now={now} />
                ))}
              </ul>
            </div>
          ),
        )}
      </div>
    </section>
  );
}
