/**
 * Live updates: one Server-Sent Events stream per view. The browser reconnects by itself after a network blip;
 * `onOpen` runs on every (re)connection so the view can catch up on what it missed.
 */
import { useEffect, useRef, useState } from 'react';

/** connecting: first attempt; live: receiving; reconnecting: lost, the browser retries; stopped: refused or closed. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface StreamHandlers {
  /** One parsed `data:` payload of the named event. */
  onMessage: (data: unknown) => void;
  onOpen?: () => void;
}

export function useEventStream(
  url: string | null,
  event: string,
  handlers: StreamHandlers,
): { status: LiveStatus; restart: () => void } {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (url === null) return;
    setStatus('connecting');
    const source = new EventSource(url); // same origin: the session cookie goes along
    source.onopen = () => {
      setStatus('live');
      handlersRef.current.onOpen?.();
    };
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting');
    source.addEventListener(event, (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data) as unknown;
      } catch {
        return; // not JSON: nothing a view can use
      }
      handlersRef.current.onMessage(data);
    });
    return () => source.close();
  }, [url, event, attempt]);

  return { status, restart: () => setAttempt((n) => n + 1) };
}
