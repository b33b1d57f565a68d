/**
 * The obligations view of an incident and its notices, kept current: refetched when the incident's log grows
 * (the incident page streams it), every minute (statuses move with time), and after each action here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchObligations, listNotices, type IncidentEvent } from '../api/endpoints';
import { useQuery } from '../api/use-query';

export type Exfiltration = 'unknown' | 'suspected' | 'confirmed' | 'excluded';

const REFRESH_MS = 60_000;

export function useObligations(id: string, events: readonly IncidentEvent[]) {
  const [exfiltration, setExfiltration] = useState<Exfiltration>('unknown');
  const view = useQuery(`obligations:${id}:${exfiltration}`, (signal) => fetchObligations(id, exfiltration, signal), {
    keepPrevious: true,
  });
  const notices = useQuery(`notices:${id}`, (signal) => listNotices(id, signal));
  const { reload: reloadView } = view;
  const { reload: reloadNotices } = notices;
  const reload = useCallback(() => {
    reloadView();
    reloadNotices();
  }, [reloadView, reloadNotices]);

  const lastSeq = events.at(-1)?.seq;
  const seen = useRef(lastSeq);
  useEffect(() => {
    if (lastSeq === seen.current) return;
    seen.current = lastSeq;
    reload();
  }, [lastSeq, reload]);

  useEffect(() => {
    const timer = window.setInterval(reloadView, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reloadView]);

  return { view, notices, exfiltration, setExfiltration, reload };
}

export type ObligationsModel = ReturnType<typeof useObligations>;
