/**
 * The containment view's data, live: the plans (with approvals), the suggestions, the policy in force, and the
 * overlay of action states the stream keeps current. Plan events reload the list; `plan.started`,
 * `plan.rollback_requested` and `plan.finished` ask the plan's detail (its action records) again; the executor's
 * records and the log's `actions.progressed` move states on without any request. While a plan runs and the
 * stream is down, the view polls instead.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type IncidentEvent } from '../api/endpoints';
import { fetchPolicy, fetchSuggestions, listPlans } from '../api/response-endpoints';
import { useQuery } from '../api/use-query';
import { applyLogEvent, applyRecords, type Overlay } from './action-overlay';
import { useIncidentFeed } from './live';
import { useDebounced } from './use-debounced';

const DETAIL_EVENTS = new Set(['plan.started', 'plan.rollback_requested', 'plan.finished']);
const SUGGESTION_EVENTS = new Set(['scope.changed', 'alert.raised', 'plan.proposed', 'plan.cancelled', 'plan.rejected']);
const RELOAD_MS = 250;
const POLL_MS = 1500;


/** `P-0001` from a plan event (the executor's `plan.finished` names `INC-0001-P-0001`). */
function planOf(incidentId: string, event: IncidentEvent): string | undefined {
  const planId = (event.payload as { planId?: unknown } | null)?.planId;
  if (typeof planId !== 'string') return undefined;
  return planId.startsWith(`${incidentId}-`) ? planId.slice(incidentId.length + 1) : planId;
}

export function useContainment(id: string) {
  const plans = useQuery(`plans:${id}`, (signal) => listPlans(id, signal));
  const suggestions = useQuery(`suggestions:${id}`, (signal) => fetchSuggestions(id, signal));
  const policy = useQuery('policy', (signal) => fetchPolicy(signal));
  const overlay = useRef<Overlay>(new Map());
  const [overlayVersion, setOverlayVersion] = useState(0);
  /** Bumped per plan (P-0001) when its records must be fetched again; `*` for all. */
  const [ticks, setTicks] = useState<Record<string, number>>({});
  const reloadPlans = useDebounced(plans.reload, RELOAD_MS);
  const reloadSuggestions = useDebounced(suggestions.reload, RELOAD_MS * 2);

  const bump = useCallback((keys: Iterable<string>) => {
    setTicks((previous) => {
      const next = { ...previous };
      for (const key of keys) next[key] = (next[key] ?? 0) + 1;
      return next;
    });
  }, []);

  const onEvents = (events: IncidentEvent[]) => {
    const refetch = new Set<string>();
    let moved = false;
    for (const event of events) {
      if (applyLogEvent(overlay.current, event.type, event.payload)) moved = true;
      if (event.type.startsWith('plan.')) reloadPlans();
      if (SUGGESTION_EVENTS.has(event.type)) reloadSuggestions();
      const planId = planOf(id, event);
      if (planId && DETAIL_EVENTS.has(event.type)) refetch.add(planId);
    }
    if (moved) setOverlayVersion((v) => v + 1);
    if (refetch.size > 0) bump(refetch);
  };

  const feed = useIncidentFeed(id, {
    onEvents,
    onActions: (records) => {
      if (applyRecords(overlay.current, records)) setOverlayVersion((v) => v + 1);
    },
    onOpen: (reconnected) => {
      if (!reconnected) return;
      plans.reload();
      suggestions.reload();
      bump(['*']);
    },
  });

  // Polling while something runs and the stream cannot tell us.
  const running = (plans.data?.items ?? []).some((p) => p.status === 'running' || p.status === 'rolling_back');
  const polling = running && feed.status !== 'live';
  useEffect(() => {
    if (!polling) return;
    const timer = window.setInterval(() => {
      plans.reload();
      bump(['*']);
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [polling, plans.reload, bump]);

  const tickOf = (planId: string) => `${ticks[planId] ?? 0}.${ticks['*'] ?? 0}`;
  return { plans, suggestions, policy, feed, overlay: overlay.current, overlayVersion, tickOf, polling };
}

export type ContainmentModel = ReturnType<typeof useContainment>;
