import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import { INCIDENT_STATES, allowedTransitions, assertTransition, isIncidentState, type IncidentState } from './lifecycle.js';

function reachable(from: IncidentState): Set<IncidentState> {
  const seen = new Set<IncidentState>([from]);
  const queue = [from];
  for (let state = queue.shift(); state; state = queue.shift()) {
    for (const next of allowedTransitions(state)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('lifecycle', () => {
  it('walks the NIST phases forward', () => {
    const path: IncidentState[] = ['detect', 'analyse', 'contain', 'eradicate', 'recover', 'lessons_learned', 'closed'];
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });

  it.each<[IncidentState, IncidentState, string]>([
    ['detect', 'contain', 'contain at once when the signal is unambiguous'],
    ['recover', 'contain', 'reinfection during recovery'],
    ['eradicate', 'contain', 'reinfection during eradication'],
    ['contain', 'analyse', 'new scope found'],
    ['eradicate', 'analyse', 'new scope found'],
    ['recover', 'analyse', 'new scope found'],
    ['recover', 'eradicate', 'persistence found on a restored host'],
    ['detect', 'closed', 'false positive'],
    ['analyse', 'closed', 'false positive'],
    ['closed', 'analyse', 'reopening'],
  ])('allows %s -> %s (%s)', (from, to) => {
    expect(allowedTransitions(from)).toContain(to);
  });

  it.each<[IncidentState, IncidentState]>([
    ['detect', 'recover'],
    ['contain', 'closed'],
    ['eradicate', 'closed'],
    ['recover', 'closed'],
    ['closed', 'contain'],
    ['analyse', 'lessons_learned'],
  ])('forbids %s -> %s', (from, to) => {
    expect(allowedTransitions(from)).not.toContain(to);
  });

  it('never allows staying in the same state', () => {
    for (const state of INCIDENT_STATES) expect(allowedTransitions(state)).not.toContain(state);
  });

  it('can reach closure from every state, and every state from detect', () => {
    for (const state of INCIDENT_STATES) expect(reachable(state).has('closed')).toBe(true);
    expect(reachable('detect')).toEqual(new Set(INCIDENT_STATES));
  });

  it('throws forbidden_transition with the allowed moves in message and details', () => {
    let error: unknown;
    try {
      assertTransition('detect', 'recover');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const userError = error as UserError;
    expect(userError.code).toBe('forbidden_transition');
    expect(userError.status).toBe(409);
    expect(userError.message).toBe('cannot move the incident from detect to recover; allowed from detect: analyse, contain, closed');
    expect(userError.details).toEqual({ from: 'detect', to: 'recover', allowed: ['analyse', 'contain', 'closed'] });
  });

  it('says so when the incident is already in the state', () => {
    expect(() => assertTransition('contain', 'contain')).toThrow(/already in contain; allowed from contain: eradicate, analyse/);
  });

  it('returns a copy that callers may change', () => {
    allowedTransitions('detect').push('recover');
    expect(allowedTransitions('detect')).not.toContain('recover');
  });

  it('recognises states', () => {
    expect(isIncidentState('lessons_learned')).toBe(true);
    expect(isIncidentState('triage')).toBe(false);
    expect(isIncidentState(3)).toBe(false);
  });
});
