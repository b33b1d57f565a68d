/**
 * Scope confirmation of one region: hosts swept clean, in scope, with findings, suspected, failed, not swept,
 * per entity; sweeps under way; "Sweep region" and "Declare out of scope", the latter offered only when the
 * server says the region can be declared, with the reasons when it cannot.
 */
import { useState, type CSSProperties } from 'react';
import type { DeclarationView, PlanSummaryView, RegionClearanceView } from '../api/response-schemas';
import { Link } from '../app/router';
import { DateTime } from '../ui/Time';
import { DeclareForm } from './DeclareForm';
import type { ResponseRights } from './rights';
import { SweepForm } from './SweepForm';

type Counts = Pick<RegionClearanceView, 'hosts' | 'sweptClean' | 'excepted' | 'inScope' | 'findings' | 'sweepFailed' | 'notSwept'>;
const PARTS = [
  { key: 'sweptClean', label: 'swept clean', c: 'var(--ok)' },
  { key: 'excepted', label: 'excepted', c: 'var(--sc-cleared)' },
  { key: 'inScope', label: 'in scope', c: 'var(--sc-in_scope)' },
  { key: 'findings', label: 'findings', c: 'var(--sev-high)' },
  { key: 'sweepFailed', label: 'sweep failed', c: 'var(--sev-medium)' },
  { key: 'notSwept', label: 'not swept', c: 'var(--text-faint)' },
] as const;

export function ClearanceBar({ counts, label }: { counts: Counts; label: string }) {
  return (
    <div className="clearance">
      <div className="progress" role="img" aria-label={`${label}: ${PARTS.map((p) => `${counts[p.key]} ${p.label}`).join(', ')}`}>
        {PARTS.map((p) => (counts[p.key] > 0 ? <span key={p.key} className="progress-part" style={{ '--c': p.c, flexGrow: counts[p.key] } as CSSProperties} /> : null))}
      </div>
      <ul className="clearance-legend">
        {PARTS.map((p) => (
          <li key={p.key} data-part={p.key}>
            <span className="swatch" style={{ background: p.c }} aria-hidden="true" />
            <strong>{counts[p.key].toLocaleString()}</strong> {p.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EntityRows({ region, rights, onDeclare }: { region: RegionClearanceView; rights: ResponseRights; onDeclare: (entity: string) => void }) {
  const perEntity = region.entities.length > 1;
  return (
    <table className="table table-compact clearance-table">
      <caption className="visually-hidden">Clearance per entity of {region.name}</caption>
      <thead>
        <tr>
          <th scope="col">Entity</th>
          <th scope="col" className="num">Hosts</th>
          <th scope="col" className="num">Clean</th>
          <th scope="col" className="num">In scope</th>
          <th scope="col" className="num">Findings</th>
          <th scope="col" className="num">Suspected</th>
          <th scope="col" className="num">Not swept</th>
          {perEntity && <th scope="col">Out of scope?</th>}
        </tr>
      </thead>
      <tbody>
        {region.entities.map((e) => {
          const why = !e.canDeclare ? e.blockers.join('; ') : rights.whyNotDeclare([e.entity]);
          return (
            <tr key={e.entity} data-entity={e.entity}>
              <th scope="row">
                {e.name} <span className="faint mono">{e.entity}</span>
              </th>
              <td className="num">{e.hosts.toLocaleString()}</td>
              <td className="num">{e.sweptClean.toLocaleString()}</td>
              <td className="num">{e.inScope.toLocaleString()}</td>
              <td className="num">{e.findings.toLocaleString()}</td>
              <td className="num">{e.suspected.toLocaleString()}</td>
              <td className="num">{(e.notSwept + e.sweepFailed).toLocaleString()}</td>
              {perEntity && (
                <td>
                  <button type="button" className="btn btn-small" disabled={why !== null} title={why ?? undefined} onClick={() => onDeclare(e.entity)}>
                    Declare entity
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Outstanding({ region }: { region: RegionClearanceView }) {
  if (region.outstanding.length === 0) return null;
  return (
    <details className="outstanding">
      <summary>Hosts not clean ({region.hosts - region.sweptClean - region.excepted > region.outstanding.length ? `first ${region.outstanding.length}` : region.outstanding.length})</summary>
      <ul>
        {region.outstanding.map((h) => (
          <li key={h.host}>
            <span className="mono">{h.host}</span> <span className="chip">{h.entity}</span> <span className={`host-status host-${h.status}`}>{h.status.replace('_', ' ')}</span>
            {h.sweep?.reason && <span className="faint"> {h.sweep.reason}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RegionCard({ incidentId, region, declared, sweeps, rights, onChanged }: { incidentId: string; region: RegionClearanceView; declared: DeclarationView | undefined; sweeps: readonly PlanSummaryView[]; rights: ResponseRights; onChanged: () => void }) {
  const [form, setForm] = useState<{ kind: 'sweep' | 'declare'; entity?: string } | null>(null);
  const whyNot = !region.canDeclare ? null : rights.whyNotDeclare(region.entities.map((e) => e.entity));
  const toggle = (kind: 'sweep' | 'declare', entity?: string) => setForm(form?.kind === kind && form.entity === entity ? null : { kind, ...(entity ? { entity } : {}) });
  return (
    <article className="region-card" data-region={region.region} aria-labelledby={`region-${region.region}`}>
      <header className="region-head">
        <h3 id={`region-${region.region}`}>
          {region.name} <span className="faint mono">{region.region}</span>
        </h3>
        {declared ? <span className="badge" style={{ '--c': 'var(--sc-cleared)' } as CSSProperties}>out of scope</span> : region.canDeclare ? <span className="badge" style={{ '--c': 'var(--ok)' } as CSSProperties}>can be declared</span> : null}
      </header>
      {declared && (
        <p className="small muted">
          Declared out of scope by <strong>{declared.by}</strong> <DateTime at={declared.at} />: {declared.evidence.summary}
        </p>
      )}
      <ClearanceBar counts={region} label={`Hosts of ${region.name}`} />
      <EntityRows region={region} rights={rights} onDeclare={(entity) => toggle('declare', entity)} />
      {sweeps.map((s) => (
        <p key={s.planId} className="small sweep-line" data-sweep={s.planId}>
          Sweep <Link to={`/incidents/${incidentId}/containment`}>{s.planId}</Link> ({s.actionCount.toLocaleString()} hosts): <strong>{s.status.replace('_', ' ')}</strong>
          {s.status === 'awaiting_approval' && ', approve it on the containment view'}
          {s.finished.forward && `, ${Object.entries(s.finished.forward.counts).map(([state, n]) => `${n} ${state.replace('_', ' ')}`).join(', ')}`}
        </p>
      ))}
      {!region.canDeclare && region.blockers.length > 0 && (
        <div className="blockers">
          <span className="faint small">Cannot be declared out of scope yet:</span>
          <ul>
            {region.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      <Outstanding region={region} />
      <div className="region-actions">
        {rights.write && (
          <button type="button" className="btn btn-small" aria-expanded={form?.kind === 'sweep'} onClick={() => toggle('sweep')}>
            Sweep region
          </button>
        )}
        <button type="button" className="btn btn-small btn-primary" disabled={!region.canDeclare || whyNot !== null} aria-expanded={form?.kind === 'declare' && !form.entity} onClick={() => toggle('declare')}>
          Declare out of scope
        </button>
        {whyNot && <span className="faint small">{whyNot}</span>}
        {!region.canDeclare && region.inScope === 0 && region.findings === 0 && region.hosts > 0 && rights.mayDeclare(region.entities.map((e) => e.entity)) && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => toggle('declare')}>
            Declare with exceptions…
          </button>
        )}
      </div>
      {form?.kind === 'sweep' && (
        <SweepForm
          incidentId={incidentId}
          region={region.region}
          onDone={() => {
            setForm(null);
            onChanged();
          }}
        />
      )}
      {form?.kind === 'declare' && <DeclareForm incidentId={incidentId} region={region.region} {...(form.entity ? { entity: form.entity } : {})} onDone={onChanged} />}
    </article>
  );
}
