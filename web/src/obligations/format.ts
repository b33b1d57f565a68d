/** Pure helpers for the obligations view: live status, time left, grouping and words. */
import type { ObligationsAnswer } from '../../../src/contracts/obligations';

export type Obligation = ObligationsAnswer['obligations'][number];
export type Assessment = ObligationsAnswer['assessment'][number];
export type Determination = ObligationsAnswer['determinations'][number];

const RUNNING = new Set(['running', 'due_soon', 'overdue']);

/**
 * The status as of `now` (the server computed it at its `now`): a running clock whose deadline has passed is
 * overdue, even before the next refresh.
 */
export function liveStatus(o: Obligation, now: number): Obligation['status'] {
  if (o.deadline !== null && RUNNING.has(o.status) && Date.parse(o.deadline) <= now) return 'overdue';
  return o.status;
}

/** "2 d 4 h", "3 h 05 min", "12 min 30 s": what is left (or how late), with seconds in the last hour. */
export function timeLeft(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min ${String(rest).padStart(2, '0')} s`;
}

const STATUS_WORDS: Record<Obligation['status'], string> = {
  not_applicable: 'not applicable',
  not_required: 'not required',
  not_started: 'not started',
  running: 'running',
  due_soon: 'due soon',
  overdue: 'overdue',
  filed: 'filed',
};
export const statusWords = (status: Obligation['status']): string => STATUS_WORDS[status];

export const DECISION_WORDS = {
  notifiable: 'notifiable',
  not_notifiable: 'not notifiable',
  undetermined: 'undetermined',
} as const;

/** Obligations by entity, most urgent first within each (overdue, due soon, running, ...), entities by name. */
export function byEntity(obligations: readonly Obligation[], showAll: boolean, now: number): [string, Obligation[]][] {
  const rank: Record<string, number> = {
    overdue: 0,
    due_soon: 1,
    running: 2,
    not_started: 3,
    filed: 4,
    not_required: 5,
    not_applicable: 6,
  };
  const groups = new Map<string, Obligation[]>();
  for (const o of obligations) {
    if (!showAll && o.status === 'not_applicable') continue;
    groups.set(o.entity, [...(groups.get(o.entity) ?? []), o]);
  }
  const deadline = (o: Obligation) => (o.deadline === null ? Number.POSITIVE_INFINITY : Date.parse(o.deadline));
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([entity, list]) => [
      entity,
      list.sort(
        (a, b) => (rank[liveStatus(a, now)] ?? 9) - (rank[liveStatus(b, now)] ?? 9) || deadline(a) - deadline(b),
      ),
    ]);
}

/** The recorded determination for an assessment's entity and regime, if any. */
export function determinationFor(
  determinations: readonly Determination[],
  a: Pick<Assessment, 'entity' | 'regime'>,
): Determination | undefined {
  return determinations.find((d) => d.entity === a.entity && d.regime === a.regime);
}

/** `2021-06-04 22:30 +09:00` from an ISO time with offset (the clock's wall time). */
export function wallTime(local: string | null): string {
  if (local === null) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(local);
  return match ? `${match[1]} ${match[2]} ${match[3] === 'Z' ? 'UTC' : match[3]}` : local;
}
