/** Triage collection with bounded evidence. */
export { capList, fitToBytes } from './bound.js';
export type { Truncation } from './bound.js';
export { collectTriage, TRIAGE_LIMITS } from './triage.js';
export type { TriageInput } from './triage.js';
