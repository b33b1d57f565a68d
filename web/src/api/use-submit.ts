/** Submitting a form: pending state, the error to show, and field errors from the client check or the server. */
import { useCallback, useState } from 'react';
import { fieldErrors } from './errors';

export interface Submit<A extends unknown[]> {
  /** Runs the action; resolves true on success, false when it failed (the error is then in `error`). */
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  error: unknown;
  fields: Record<string, string>;
  /** True when there is an error that the form's own fields (`shown`) do not already display. */
  unexplained: (shown: readonly string[]) => boolean;
  reset: () => void;
}

export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<unknown>): Submit<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(undefined);
      try {
        await action(...args);
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  const fields = fieldErrors(error);
  const unexplained = (shown: readonly string[]) => {
    const keys = Object.keys(fields);
    return error !== undefined && (keys.length === 0 || keys.some((key) => !shown.includes(key)));
  };
  return { run, pending, error, fields, unexplained, reset: useCallback(() => setError(undefined), []) };
}
