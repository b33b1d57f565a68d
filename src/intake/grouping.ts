/**
 * Which incident an alert belongs to. Related alerts within a time window group into one incident: alerts on
 * the same host, on hosts of the same segment, or of the same ATT&CK technique in the same entity (all
 * configurable). An alert related to no open incident opens a new one.
 */
import { levelRank, type Alert, type AlertLevel } from './alert.js';

export interface GroupingPolicy {
  /** An alert joins an incident whose latest alert is at most this many minutes older (or newer). */
  windowMinutes: number;
  relateBy: { host: boolean; segment: boolean; entityTechnique: boolean };
  /** Alerts below this level never open an incident (they still join one they relate to). */
  minLevelToOpen: AlertLevel;
}

export const DEFAULT_GROUPING: GroupingPolicy = {
  windowMinutes: 24 * 60,
  relateBy: { host: true, segment: true, entityTechnique: true },
  minLevelToOpen: 'low',
};

/** What grouping needs to know of an open incident: the keys of its alerts and when the latest came. */
export interface GroupTarget {
  /** Incident id, or null for a group this batch opens. */
  incidentId: string | null;
  lastAlertAt: number;
  keys: Set<string>;
  alerts: Alert[];
}

/** The relation keys of one alert under a policy. */
export function alertKeys(alert: Alert, policy: GroupingPolicy): string[] {
  const keys: string[] = [];
  if (policy.relateBy.host && alert.host) keys.push(`host:${alert.host}`);
  if (policy.relateBy.host && !alert.host && alert.hostReported) keys.push(`reported:${alert.hostReported}`);
  if (policy.relateBy.segment && alert.segment) keys.push(`segment:${alert.segment}`);
  if (policy.relateBy.entityTechnique && alert.entity) {
    for (const t of alert.techniques) keys.push(`technique:${alert.entity}:${t}`);
  }
  if (!alert.host && !alert.hostReported) keys.push(`rule:${alert.rule.id}`);
  return keys;
}

/**
 * Assigns each alert (in time order) to an open incident, to a new group, or to `unassigned` (below the level
 * that opens incidents and related to nothing). Existing targets get the alerts appended; new groups are
 * returned with `incidentId: null`.
 *
 * @example
 * const { groups } = groupAlerts(alerts, openIncidents, DEFAULT_GROUPING);
 * groups.filter((g) => g.incidentId === null).length; // incidents to open
 */
export function groupAlerts(alerts: readonly Alert[], open: readonly GroupTarget[], policy: GroupingPolicy): { groups: GroupTarget[]; unassigned: Alert[] } {
  const windowMs = policy.windowMinutes * 60_000;
  const targets: GroupTarget[] = open.map((t) => ({ ...t, keys: new Set(t.keys), alerts: [] }));
  const unassigned: Alert[] = [];
  const sorted = [...alerts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const alert of sorted) {
    const at = Date.parse(alert.at);
    const keys = alertKeys(alert, policy);
    const target = targets.find((t) => Math.abs(at - t.lastAlertAt) <= windowMs && keys.some((k) => t.keys.has(k)));
    if (target) {
      target.alerts.push(alert);
      target.lastAlertAt = Math.max(target.lastAlertAt, at);
      for (const k of keys) target.keys.add(k);
    } else if (levelRank(alert.rule.level) >= levelRank(policy.minLevelToOpen)) {
      targets.push({ incidentId: null, lastAlertAt: at, keys: new Set(keys), alerts: [alert] });
    } else {
      unassigned.push(alert);
    }
  }
  return { groups: targets.filter((t) => t.alerts.length > 0), unassigned };
}
