/**
 * The alerts view's data: one page of alerts from the server, refetched when the board stream reports a changed
 * incident (a new alert updates its incident's summary) and after a reconnection.
 */
import { useEffect, useRef, useState } from 'react';
import { incidentSummarySchema } from '../../../src/contracts/incidents';
import { listAlerts } from '../api/endpoints';
import { useEventStream } from '../api/use-event-stream';
import { useQuery } from '../api/use-query';
import { apiFilters, type AlertFilters } from './alert-filters';

const REFETCH_DELAY_MS = 250;

export function useAlerts(filters: AlertFilters) {
  const params = apiFilters(filters);
  const page = useQuery(JSON.stringify(params), (signal) => listAlerts(params, signal), { keepPrevious: true });
  const [lastChange, setLastChange] = useState<string | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  const opened = useRef(false);
  const reload = page.reload;

  const schedule = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reload, REFETCH_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const stream = useEventStream('/api/stream/incidents', 'incident', {
    onMessage: (data) => {
      const summary = incidentSummarySchema.safeParse(data);
      if (!summary.success) return;
      if (filters.incident && summary.data.id !== filters.incident) return;
      setLastChange(summary.data.id);
      schedule();
    },
    onOpen: () => {
      if (opened.current) schedule();
      opened.current = true;
    },
  });

  return { page, stream, lastChange };
}
