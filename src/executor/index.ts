/**
 * The durable executor (edge): runs plans' actions through connectors, exactly once in effect, across crashes
 * and server nodes. See README.md for states, keys, resume, rollback and batching.
 */
export { DurableExecutor, DEFAULT_EXECUTOR_OPTIONS, WAKE_SUBJECT, type ExecutorDeps, type ExecutorOptions } from './executor.js';
export { DEFAULT_RETRY, retryDelay, type RetryPolicy } from './policy.js';
export { planSubject, toActionRecord, type ActionsMessage, type Recorder } from './log-pump.js';
export { registerExecutorEventTypes, actionsProgressedSchema, actionFailedSchema, planFinishedSchema } from './events.js';
export { EXECUTOR_ALERT_RULE } from './log-drafts.js';
export { toExecutable, type ConnectorLookup } from './dispatch.js';
export { actionKey } from '../store/action-rows.js';
