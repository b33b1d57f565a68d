/**
 * Keeping triage evidence small enough for one channel message (pure): each list is capped, and when the whole
 * still exceeds the byte budget the longest list is halved until it fits. Every cut is recorded, with the total
 * that was there, so nobody mistakes a capped list for the whole host.
 */
export interface Truncation {
  /** How many there were (at least, when `walkStopped` is set). */
  total: number;
  listed: number;
  /** The file walk stopped before the end (`maxFiles`, `maxVisited`, `time`): more may exist. */
  walkStopped?: string;
}

export type Lists = Record<string, unknown[]>;

/** The first `max` items, and a note when some were left out. */
export function capList<T>(list: readonly T[], max: number): { items: T[]; truncated?: Truncation } {
  if (list.length <= max) return { items: [...list] };
  return { items: list.slice(0, max), truncated: { total: list.length, listed: max } };
}

function size(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Shrinks the lists of `lists` (longest first, by half) until `{...rest, ...lists, truncated}` is at most
 * `maxBytes` as JSON. `truncated` keeps the original totals of lists already capped.
 */
export function fitToBytes<R extends Record<string, unknown>, L extends Lists>(rest: R, lists: L, truncated: Record<string, Truncation>, maxBytes: number): R & L & { truncated: Record<string, Truncation> } {
  const current: Lists = { ...lists };
  const notes: Record<string, Truncation> = { ...truncated };
  type Whole = R & L & { truncated: Record<string, Truncation> };
  const whole = (): Whole => ({ ...rest, ...current, truncated: notes }) as Whole;
  while (size(whole()) > maxBytes) {
    const [name, list] = Object.entries(current).sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    if (!name || !list || list.length === 0) break;
    const keep = Math.floor(list.length / 2);
    notes[name] = { total: notes[name]?.total ?? list.length, listed: keep };
    current[name] = list.slice(0, keep);
  }
  return whole();
}
