/**
 * The current exercise run, kept fresh by polling `GET /api/exercises/current?after=N`: every second while a
 * run is on (only the new progress lines come back), more slowly otherwise so a run someone else starts still
 * appears. Polling survives dropped connections and server restarts without any reconnection logic.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExerciseLine, ExerciseRunView } from '../../../src/contracts/exercises';
import { fetchCurrentExercise } from '../api/endpoints';

const RUNNING_MS = 1000;
const MAX_LINES = 5000;

export interface ExerciseRun {
  /** undefined while the first answer is awaited; null when no exercise ever ran here. */
  run: ExerciseRunView | null | undefined;
  /** Every progress line of the run so far. */
  lines: ExerciseLine[];
  /** The last polling failure (the last good answer stays on screen). */
  error: unknown;
  /** Takes a run the caller just started, and polls it from now on. */
  adopt: (run: ExerciseRunView) => void;
  /** Polls again now (after the caller changed the run, for example stopped it). */
  refresh: () => void;
}

export function useExerciseRun(idleMs = 5000): ExerciseRun {
  const [run, setRun] = useState<ExerciseRunView | null | undefined>(undefined);
  const [lines, setLines] = useState<ExerciseLine[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [nudge, setNudge] = useState(0);
  const known = useRef<{ runId: string | null; last: number }>({ runId: null, last: 0 });

  const take = useCallback((next: ExerciseRunView | null, fresh: boolean) => {
    setRun(next);
    if (!next) {
      known.current = { runId: null, last: 0 };
      setLines([]);
      return;
    }
    const incoming = next.lines;
    known.current = { runId: next.runId, last: fresh ? next.lineCount : Math.max(known.current.last, next.lineCount) };
    if (fresh) setLines(incoming.slice(-MAX_LINES));
    else if (incoming.length > 0)
      setLines((previous) =>
        [...previous, ...incoming.filter((l) => l.n > (previous.at(-1)?.n ?? 0))].slice(-MAX_LINES),
      );
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const controller = new AbortController();
    const poll = async () => {
      let delay = idleMs;
      try {
        const { runId, last } = known.current;
        let answer = await fetchCurrentExercise(last, controller.signal);
        // Another run started since: its lines from the first one.
        if (answer.run && answer.run.runId !== runId && last > 0)
          answer = await fetchCurrentExercise(0, controller.signal);
        if (stopped) return;
        take(answer.run, answer.run?.runId !== runId);
        setError(undefined);
        if (answer.run?.status === 'running') delay = RUNNING_MS;
      } catch (caught) {
        if (stopped) return;
        setError(caught);
        delay = Math.min(idleMs, 3000);
      }
      if (!stopped) timer = window.setTimeout(() => void poll(), delay);
    };
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [idleMs, take, nudge]);

  const adopt = useCallback(
    (started: ExerciseRunView) => {
      take(started, true);
      setNudge((n) => n + 1);
    },
    [take],
  );

  const refresh = useCallback(() => setNudge((n) => n + 1), []);

  return { run, lines, error, adopt, refresh };
}
