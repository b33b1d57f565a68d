/**
 * The board's data: one page of incidents from the server (which filters and scopes them), kept live by the
 * board stream. Each streamed summary marks its row as fresh and refetches the page, so filters, paging and
 * entity scope stay exactly the server's.
 */
import { useEffect, useRef, useState } from 'react';
import { incidentSummarySchema } from '../../../src/contracts/incidents';
import { listIncidents } from '../api/endpoints';
import { useEventStream } from '../api/use-event-stream';
import { useQuery } from '../api/use-query';
import { apiFilters, type BoardFilters } from './filters';

const REFETCH_DELAY_MS = 250;
const FRESH_MS = 3000;

export function useBoard(filters: BoardFilters) {
  const params = apiFilters(filters);
  const page = useQuery(JSON.stringify(params), (signal) => listIncidents(params, signal), { keepPrevious: true });
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
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
      const id = summary.data.id;
      setFresh((previous) => new Set(previous).add(id));
      window.setTimeout(
        () =>
          setFresh((previous) => {
            const next = new Set(previous);
            next.delete(id);
            return next;
          }),
        FRESH_MS,
      );
      schedule();
    },
    onOpen: () => {
      // After a reconnection, catch up on whatever changed while the stream was down.
      if (opened.current) schedule();
      opened.current = true;
    },
  });

  return { page, fresh, stream };
}
