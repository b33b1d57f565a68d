/**
 * Scenario durations: one or more whole numbers with units, largest first: `90s`, `15m`, `2h30m`, `3d`,
 * `1d12h`, `250ms`. Scenario time, unless said otherwise.
 */

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
const PART = /(\d{1,7})(ms|d|h|m|s)/g;
const WHOLE = /^(?:\d{1,7}(?:ms|d|h|m|s))+$/;

export const SCENARIO_DURATION_HINT = 'write whole numbers with units d, h, m, s or ms, largest first, e.g. 15m, 2h30m, 3d, 250ms';

/**
 * Milliseconds, or undefined when the text is not a duration.
 *
 * @example
 * parseScenarioDuration('2h30m'); // 9000000
 * parseScenarioDuration('2 hours'); // undefined
 */
export function parseScenarioDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  let previous = Infinity;
  for (const match of text.matchAll(PART)) {
    const unit = UNIT_MS[match[2] as keyof typeof UNIT_MS];
    if (unit >= previous) return undefined;
    previous = unit;
    total += Number(match[1]) * unit;
  }
  return total;
}

/**
 * A duration for people: `2 d 4 h`, `35 min`, `12 s`.
 *
 * @example
 * formatScenarioDuration(9_000_000); // '2 h 30 min'
 */
export function formatScenarioDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const parts = [days && `${days} d`, hours && `${hours} h`, minutes && `${minutes} min`, !days && !hours && seconds && `${seconds} s`].filter(Boolean);
  return sign + (parts.length > 0 ? parts.slice(0, 2).join(' ') : '0 s');
}
