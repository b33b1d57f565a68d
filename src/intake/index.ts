/**
 * Intake (pure core): alerts as plain data and the policy that groups related alerts into incidents. The
 * server feeds it with matches from the detection engine, indicator hits and webhook alerts.
 */
export { alertSchema, alertLevelSchema, attackOf, boundedEvent, levelRank, reportedHost, severityForLevel, MAX_EVENT_BYTES, type Alert, type AlertLevel } from './alert.js';
export { alertKeys, DEFAULT_GROUPING, groupAlerts, type GroupTarget, type GroupingPolicy } from './grouping.js';
export { registerIntakeEventTypes } from './events.js';
