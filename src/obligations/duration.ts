/**
 * Clock durations as written in the rule pack: a whole number and a unit. `h` hours (elapsed time, weekends
 * and holidays included), `d` calendar days, `bd` business days (needs a holiday calendar), `mo` calendar
 * months. Days and months are counted on the wall clock of the rule's time zone.
 */

export type DurationUnit = 'h' | 'd' | 'bd' | 'mo';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** The accepted form: `72h`, `30d`, `4bd`, `1mo`. */
export const DURATION_PATTERN = /^([0-9]{1,4})(h|d|bd|mo)$/;

/** What to tell someone who wrote `72x` or `3 days`. */
export const DURATION_HINT =
  'write a whole number followed by a unit: h (hours), d (calendar days), bd (business days, with `calendar`) ' +
  'or mo (calendar months), e.g. 72h, 30d, 4bd, 1mo';

const UNIT_WORDS: Record<DurationUnit, [string, string]> = {
  h: ['hour', 'hours'],
  d: ['calendar day', 'calendar days'],
  bd: ['business day', 'business days'],
  mo: ['month', 'months'],
};

/**
 * Parses a duration, or returns undefined when the text is not one.
 *
 * @example
 * parseDuration('72h'); // { amount: 72, unit: 'h' }
 * parseDuration('72x'); // undefined
 */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { amount: Number(match[1]), unit: match[2] as DurationUnit };
}

/**
 * A duration in words, for notices and the UI.
 *
 * @example
 * formatDuration({ amount: 4, unit: 'bd' }); // '4 business days'
 */
export function formatDuration(duration: Duration): string {
  const [one, many] = UNIT_WORDS[duration.unit];
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}

/**
 * An approximate length in milliseconds (months as 30 days, business days as 1.4 calendar days), for
 * thresholds such as "due soon"; deadlines use `addDuration`.
 *
 * @example
 * approximateMs({ amount: 12, unit: 'h' }); // 43_200_000
 */
export function approximateMs(duration: Duration): number {
  const hour = 3_600_000;
  const perUnit: Record<DurationUnit, number> = { h: hour, d: 24 * hour, bd: 1.4 * 24 * hour, mo: 30 * 24 * hour };
  return duration.amount * perUnit[duration.unit];
}
