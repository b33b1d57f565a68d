/**
 * The incident lifecycle, after NIST SP 800-61r3 and the CSF 2.0 functions: detect; respond (analyse,
 * contain, eradicate); recover; then lessons learned and closure.
 */
import { UserError } from '../shared/errors.js';

export const INCIDENT_STATES = [
  'detect',
  'analyse',
  'contain',
  'eradicate',
  'recover',
  'lessons_learned',
  'closed',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/**
 * Forward moves, plus the moves back that real incidents need:
 * - straight from detect to contain, when the signal is unambiguous (ransom notes, mass encryption);
 * - back to analyse whenever new scope is found (contain, eradicate, recover, lessons learned);
 * - back to contain on reinfection (eradicate, recover, lessons learned);
 * - back to eradicate when recovery finds remaining persistence;
 * - closing a false positive from detect or analyse;
 * - reopening a closed incident into analyse.
 */
const TRANSITIONS: Readonly<Record<IncidentState, readonly IncidentState[]>> = {
  detect: ['analyse', 'contain', 'closed'],
  analyse: ['contain', 'closed'],
  contain: ['eradicate', 'analyse'],
  eradicate: ['recover', 'contain', 'analyse'],
  recover: ['lessons_learned', 'eradicate', 'contain', 'analyse'],
  lessons_learned: ['closed', 'contain', 'analyse'],
  closed: ['analyse'],
};

/**
 * True when `value` is one of the lifecycle states.
 *
 * @example
 * isIncidentState('contain'); // true
 * isIncidentState('triage'); // false
 */
export function isIncidentState(value: unknown): value is IncidentState {
  return typeof value === 'string' && (INCIDENT_STATES as readonly string[]).includes(value);
}

/**
 * The states an incident may move to from `from`.
 *
 * @example
 * allowedTransitions('recover'); // ['lessons_learned', 'eradicate', 'contain', 'analyse']
 */
export function allowedTransitions(from: IncidentState): IncidentState[] {
  return [...TRANSITIONS[from]];
}

/**
 * Throws `UserError('forbidden_transition')` unless the incident may move from `from` to `to`; the error's
 * details carry `{ from, to, allowed }` and its message lists the allowed moves.
 *
 * @example
 * assertTransition('contain', 'eradicate'); // ok
 * assertTransition('detect', 'recover'); // throws: "cannot move ... from detect to recover; allowed: analyse, contain, closed"
 */
export function assertTransition(from: IncidentState, to: IncidentState): void {
  const allowed = allowedTransitions(from);
  if (allowed.includes(to)) return;
  const why = from === to ? `the incident is already in ${to}` : `cannot move the incident from ${from} to ${to}`;
  throw new UserError('forbidden_transition', `${why}; allowed from ${from}: ${allowed.join(', ')}`, [], {
    from,
    to,
    allowed,
  });
}
