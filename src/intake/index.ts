/**
 * Intake (pure core): alerts as plain data and the policy that groups related alerts into incidents. The
 * server feeds it with matches from the detection engine, indicator hits and webhook alerts.
 */
export { alertSchema, alertLevelSchema, attackOf, boundedEvent, correlationFactsSchema, indicatorFactsSchema, levelRank, reportedHost, severityForLevel, MAX_EVENT_BYTES, type Alert, type AlertLevel, type CorrelationFacts, type IndicatorFacts } from './alert.js';
export { alertFromDetection, alertFromIndicator, boundedEvents, distinctHits, indicatorAuthor, indicatorLevel, indicatorTitle, type AlertContext, type Locate } from './from-detection.js';
export { alertKeys, DEFAULT_GROUPING, groupAlerts, type GroupTarget, type GroupingPolicy } from './grouping.js';
export { registerIntakeEventTypes } from './events.js';
