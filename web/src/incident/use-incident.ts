/**
 * One incident, live: the server's projection (state, timeline, tasks, notes, scope) and the raw log (for the
 * timeline's entity filter). The incident stream (?after=SEQ, so nothing is missed between loading and
 * connecting) adds each new event to the log and refetches the projection, which the server computes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { incidentEventSchema } from '../../../src/contracts/incidents';
import type { AppendInput } from '../../../src/incident/input.schema';
import { appendEvent, fetchEvents, fetchIncident, type IncidentEvent } from '../api/endpoints';
import { useEventStream } from '../api/use-event-stream';
import { useQuery } from '../api/use-query';

const REFETCH_DELAY_MS = 150;

export function useIncident(id: string) {
  const view = useQuery(`incident:${id}`, (signal) => fetchIncident(id, signal));
  const log = useQuery(`events:${id}`, (signal) => fetchEvents(id, signal));
  const [live, setLive] = useState<ReadonlyMap<number, IncidentEvent>>(new Map());
  const [after, setAfter] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const opened = useRef(false);
  const reloadView = view.reload;

  // Connect once the log is loaded, from its last seq; later reloads of the log do not reconnect.
  useEffect(() => {
    if (after === null && log.data) setAfter(log.data.items.at(-1)?.seq ?? 0);
  }, [after, log.data]);

  const schedule = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(reloadView, REFETCH_DELAY_MS);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const add = (events: readonly IncidentEvent[]) =>
    setLive((previous) => {
      const next = new Map(previous);
      for (const event of events) next.set(event.seq, event);
      return next;
    });

  const stream = useEventStream(
    after === null ? null : `/api/incidents/${encodeURIComponent(id)}/stream?after=${after}`,
    'event',
    {
      onMessage: (data) => {
        const event = incidentEventSchema.safeParse(data);
        if (!event.success) return;
        add([event.data]);
        schedule();
      },
      onOpen: () => {
        if (opened.current) schedule();
        opened.current = true;
      },
    },
  );

  const events = useMemo(() => {
    const all = new Map<number, IncidentEvent>();
    for (const event of log.data?.items ?? []) all.set(event.seq, event);
    for (const [seq, event] of live) all.set(seq, event);
    return [...all.values()].sort((a, b) => a.seq - b.seq);
  }, [log.data, live]);

  /** Appends an entry; the result shows at once, without waiting for the stream. */
  const append = async (entry: AppendInput): Promise<void> => {
    const result = await appendEvent(id, entry);
    add(result.events);
    schedule();
  };

  return { view, log, events, stream, append };
}

export type IncidentModel = ReturnType<typeof useIncident>;
