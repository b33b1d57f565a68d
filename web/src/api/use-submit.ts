/** Submitting a form: pending state, the error to show, and field errors from the client check or the server. */
import { useCallback, useState } from 'react';
import { fieldErrors } from './errors';

export interface Submit<A extends unknown[]> {
  /** Runs the action; resolves true on success, false when it failed (the error is then in `error`). */
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  error: unknown;
  fields: Record<string, string>;
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
  return { run, pending, error, fields: fieldErrors(error), reset: useCallback(() => setError(undefined), []) };
}
