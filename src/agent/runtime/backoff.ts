/**
 * Reconnect delays: exponential from `baseMs`, capped at `capMs`, with full jitter (a random delay between
 * half and all of the step), so thousands of agents cut off together do not reconnect in one burst.
 *
 * @example
 * backoffDelay(0, { baseMs: 500, capMs: 30_000 }, Math.random); // 250..500 ms
 * backoffDelay(10, { baseMs: 500, capMs: 30_000 }, Math.random); // 15..30 s
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const step = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (step / 2) * random());
}
