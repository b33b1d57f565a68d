/**
 * One live connection for the containment and recovery views: the incident's stream with `?actions=1`, which
 * carries the incident's new events (`event`) and the executor's changed action records with their evidence
 * (`actions`). Events arriving together are handed over as one batch, so a burst of progress causes one update.
 * The browser reconnects by itself; `onOpen` runs on every (re)connection so the view can catch up.
 */
import { useEffect, useRef, useState } from 'react';
import { incidentEventSchema } from '../../../src/contracts/incidents';
import type { IncidentEvent } from '../api/endpoints';
import { actionsMessageSchema, type ActionRecordView } from '../api/response-schemas';
import type { LiveStatus } from '../api/use-event-stream';

export interface FeedHandlers {
  onEvents: (events: IncidentEvent[]) => void;
  onActions: (records: ActionRecordView[]) => void;
  onOpen: (reconnected: boolean) => void;
}

const BATCH_MS = 100;

function parse(message: MessageEvent<string>): unknown {
  try {
    return JSON.parse(message.data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * @example
 * const feed = useIncidentFeed(id, { onEvents: (events) => …, onActions: (records) => …, onOpen: () => reload() });
 * <LiveIndicator status={feed.status} onRestart={feed.restart} />
 */
export function useIncidentFeed(id: string, handlers: FeedHandlers): { status: LiveStatus; restart: () => void } {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    let events: IncidentEvent[] = [];
    let records: ActionRecordView[] = [];
    let timer: number | undefined;
    let opened = false;
    const flush = () => {
      timer = undefined;
      const [e, r] = [events, records];
      events = [];
      records = [];
      if (e.length > 0) handlersRef.current.onEvents(e);
      if (r.length > 0) handlersRef.current.onActions(r);
    };
    const later = () => {
      timer ??= window.setTimeout(flush, BATCH_MS);
    };
    setStatus('connecting');
    const source = new EventSource(`/api/incidents/${encodeURIComponent(id)}/stream?actions=1`);
    source.onopen = () => {
      setStatus('live');
      handlersRef.current.onOpen(opened);
      opened = true;
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting');
    source.addEventListener('event', (message: MessageEvent<string>) => {
      const event = incidentEventSchema.safeParse(parse(message));
      if (!event.success) return;
      events.push(event.data);
      later();
    });
    source.addEventListener('actions', (message: MessageEvent<string>) => {
      const parsed = actionsMessageSchema.safeParse(parse(message));
      if (!parsed.success) return;
      records.push(...parsed.data.actions);
      later();
    });
    return () => {
      source.close();
      window.clearTimeout(timer);
    };
  }, [id, attempt]);

  return { status, restart: () => setAttempt((n) => n + 1) };
}
