/** Alerts for obligations that are due soon or overdue, most urgent first, with a line for the incident board. */
import type { ObligationView } from './obligation.types.js';

export interface ObligationAlert {
  entity: string;
  ruleId: string;
  level: 'due_soon' | 'overdue';
  deadline: string;
  deadlineLocal: string;
  timeLeftMs: number;
  provisional: boolean;
  message: string;
}

/**
 * "1 d 4 h", "3 h 05 min", "12 min" (the sign is dropped).
 *
 * @example
 * formatTimeLeft(-(27 * 3_600_000)); // '1 d 3 h'
 */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${rest} min`;
}

/**
 * The alerts among the views: overdue first, then by deadline.
 *
 * @example
 * obligationAlerts(views)[0]?.message; // 'fujifilm-jp: jp-appi-preliminary overdue by 2 h 10 min (deadline 2021-06-04T22:30:00.000+09:00)'
 */
export function obligationAlerts(views: readonly ObligationView[]): ObligationAlert[] {
  const alerts: ObligationAlert[] = [];
  for (const view of views) {
    if (view.alert === null || view.deadline === null || view.timeLeftMs === null) continue;
    const when =
      view.alert === 'overdue'
        ? `overdue by ${formatTimeLeft(view.timeLeftMs)}`
        : `due in ${formatTimeLeft(view.timeLeftMs)}`;
    const provisional = view.provisional ? ' (provisional: awaiting a decision)' : '';
    alerts.push({
      entity: view.entity,
      ruleId: view.ruleId,
      level: view.alert,
      deadline: view.deadline,
      deadlineLocal: view.deadlineLocal ?? view.deadline,
      timeLeftMs: view.timeLeftMs,
      provisional: view.provisional,
      message: `${view.entity}: ${view.ruleId} ${when} (deadline ${view.deadlineLocal ?? view.deadline})${provisional}`,
    });
  }
  return alerts.sort((a, b) =>
    a.level === b.level ? Date.parse(a.deadline) - Date.parse(b.deadline) : a.level === 'overdue' ? -1 : 1,
  );
}
