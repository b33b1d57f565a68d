/**
 * What the planner proposes from the incident's scope, each with its impact and the approvals it would need,
 * before anything runs. "Propose" records the plan; a suggestion already asked for links to its plan.
 */
import { useState } from 'react';
import { proposePlan } from '../api/response-endpoints';
import type { PlanSummaryView, SuggestionView } from '../api/response-schemas';
import type { Query } from '../api/use-query';
import { useSubmit } from '../api/use-submit';
import { EntityChips } from '../ui/Badge';
import { Empty, ErrorNotice, Loading } from '../ui/Status';
import { ImpactPreview } from './ImpactPreview';
import { ACTIVE_STATUSES } from './PlanCard';
import { Refusal } from './Refusal';

interface Props {
  incidentId: string;
  suggestions: Query<{ suggestions: SuggestionView[]; notes: string[] }>;
  plans: readonly PlanSummaryView[];
  canPropose: boolean;
  onProposed: (planId: string) => void;
}

function Suggestion({ incidentId, suggestion, existing, canPropose, onProposed }: { incidentId: string; suggestion: SuggestionView; existing: { planId: string; status: string } | undefined; canPropose: boolean; onProposed: (planId: string) => void }) {
  const submit = useSubmit(async () => onProposed((await proposePlan(incidentId, { suggestion: suggestion.key })).planId));
  const { plan, evaluation } = suggestion;
  return (
    <li className="suggestion" data-suggestion={suggestion.key}>
      <div className="suggestion-head">
        <h3>{plan.title}</h3>
        <span className="chip">{plan.kind.replace(/_/g, ' ')}</span>
        <EntityChips entities={plan.entities} />
      </div>
      <p className="muted small">{plan.rationale}</p>
      <ImpactPreview impact={plan.impact} />
      {evaluation && (
        <p className="small">
          <span className="faint">Approvals: </span>
          {evaluation.summary}
        </p>
      )}
      <div className="suggestion-actions">
        <span className="faint small">{plan.actions.length.toLocaleString()} actions</span>
        {existing ? (
          <a className="small" href={`#plan-${existing.planId}`}>
            {existing.status === 'completed' ? 'Carried out' : 'Proposed'} as {existing.planId} ({existing.status.replace('_', ' ')})
          </a>
        ) : (
          canPropose && (
            <button type="button" className="btn btn-small btn-primary" disabled={submit.pending} onClick={() => void submit.run()} aria-label={`Propose: ${plan.title}`}>
              {submit.pending ? 'Proposing…' : 'Propose'}
            </button>
          )
        )}
      </div>
      <Refusal error={submit.error} onDismiss={submit.reset} />
    </li>
  );
}

export function SuggestionList({ incidentId, suggestions, plans, canPropose, onProposed }: Props) {
  const [showAll, setShowAll] = useState(false);
  if (suggestions.data === undefined) {
    return suggestions.error !== undefined ? <ErrorNotice error={suggestions.error} action="Suggestions could not be loaded" onRetry={suggestions.reload} /> : <Loading what="suggestions" />;
  }
  const { suggestions: list, notes } = suggestions.data;
  const shown = showAll ? list : list.slice(0, 4);
  // A suggestion already asked for (still active) or carried out is not offered again: the server names the plan
  // that asks for exactly the same; a plan proposed from this suggestion since the list loaded counts too.
  const activeFor = (s: SuggestionView) => s.existing ?? [...plans].reverse().find((p) => p.suggestion === s.key && ACTIVE_STATUSES.has(p.status));
  return (
    <>
      {list.length === 0 && <Empty>No suggestions: the planner proposes plans once hosts are marked in scope or suspected.</Empty>}
      <ul className="suggestions">
        {shown.map((s) => (
          <Suggestion key={s.key} incidentId={incidentId} suggestion={s} existing={activeFor(s) ?? undefined} canPropose={canPropose} onProposed={onProposed} />
        ))}
      </ul>
      {list.length > shown.length && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setShowAll(true)}>
          Show {list.length - shown.length} more suggestions
        </button>
      )}
      {notes.length > 0 && (
        <ul className="notes-list faint small">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </>
  );
}
