/**
 * The recovery view's data, live: clearance per region (scope confirmation), the recovery plans with their gates
 * and steps, the plans list (for sweeps under way), and the backlog. Each reloads, shortly after, when an event
 * that changes it arrives; the backlog's time step follows the length of the outage (about 48 points).
 */
import { useEffect, useRef, useState } from 'react';
import { type IncidentEvent } from '../api/endpoints';
import { fetchBacklog, fetchClearance, listPlans, listRecoveries } from '../api/response-endpoints';
import { useQuery } from '../api/use-query';
import { applyLogEvent, applyRecords, type Overlay } from './action-overlay';
import { useIncidentFeed } from './live';
import { useDebounced } from './use-debounced';

const CLEARANCE = /^(scope\.|sweep\.|plan\.finished)/;
const RECOVERY = /^(recovery\.|sweep\.|scope\.|plan\.finished)/;
const BACKLOG = /^(actions\.progressed|plan\.finished|recovery\.step_)/;


/** Minutes per point so that the outage so far (and as much again for working it off) fits in ~48 points. */
export function stepFor(earliest: string | undefined, now: number): number {
  if (!earliest) return 60;
  const minutes = (now - Date.parse(earliest)) / 60_000;
  return Math.min(1440, Math.max(1, Math.ceil((minutes * 2) / 48)));
}

export function useRecovery(id: string) {
  const clearance = useQuery(`clearance:${id}`, (signal) => fetchClearance(id, signal));
  const recoveries = useQuery(`recoveries:${id}`, (signal) => listRecoveries(id, signal));
  const plans = useQuery(`plans:${id}`, (signal) => listPlans(id, signal));
  const [step, setStep] = useState(60);
  const backlog = useQuery(`backlog:${id}:${step}`, (signal) => fetchBacklog(id, step, signal), { keepPrevious: true });
  const overlay = useRef<Overlay>(new Map());
  const [overlayVersion, setOverlayVersion] = useState(0);

  const earliest = backlog.data?.services.map((s) => s.downSince).sort()[0];
  useEffect(() => {
    const wanted = stepFor(earliest, Date.now());
    if (earliest && Math.abs(wanted - step) / step > 0.5) setStep(wanted);
  }, [earliest, step]);

  const reloadClearance = useDebounced(clearance.reload, 300);
  const reloadRecoveries = useDebounced(recoveries.reload, 300);
  const reloadPlans = useDebounced(plans.reload, 300);
  const reloadBacklog = useDebounced(backlog.reload, 1000);

  const feed = useIncidentFeed(id, {
    onEvents: (events: IncidentEvent[]) => {
      let moved = false;
      for (const e of events) {
        if (applyLogEvent(overlay.current, e.type, e.payload)) moved = true;
        if (CLEARANCE.test(e.type)) reloadClearance();
        if (RECOVERY.test(e.type)) reloadRecoveries();
        if (e.type.startsWith('plan.')) reloadPlans();
        if (BACKLOG.test(e.type)) reloadBacklog();
      }
      if (moved) setOverlayVersion((v) => v + 1);
    },
    onActions: (records) => {
      if (applyRecords(overlay.current, records)) setOverlayVersion((v) => v + 1);
    },
    onOpen: (reconnected) => {
      if (!reconnected) return;
      clearance.reload();
      recoveries.reload();
      plans.reload();
      backlog.reload();
    },
  });

  return { clearance, recoveries, plans, backlog, feed, overlay: overlay.current, overlayVersion };
}

export type RecoveryModel = ReturnType<typeof useRecovery>;
