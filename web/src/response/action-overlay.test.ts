import { describe, expect, it } from 'vitest';
import type { ActionRecordView } from '../api/response-schemas';
import { applyLogEvent, applyRecords, countStates, liveRecords, overlayKey, type Overlay } from './action-overlay';

const PLAN = 'INC-0001-P-0001';

function record(actionId: string, state: ActionRecordView['state'], updatedAt: string, extra: Partial<ActionRecordView> = {}): ActionRecordView {
  return {
    planId: PLAN, actionId, direction: 'forward', connector: 'agent', operation: 'isolate', target: { kind: 'host', ref: `h-${actionId}`, entity: 'uk-ltd' },
    label: `isolate h-${actionId}`, state, attempts: 1, evidence: null, error: null, updatedAt, ...extra,
  };
}

const progressed = (actionId: string, state: string, at: string) => ({ planId: PLAN, direction: 'forward', transitions: [{ actionId, label: 'x', state, at }] });

describe('the live overlay of action states', () => {
  it('moves a fetched record on with newer stream records and log transitions, never back', () => {
    const overlay: Overlay = new Map();
    const base = [record('a0001', 'requested', '2026-01-01T00:00:00.000Z'), record('a0002', 'sent', '2026-01-01T00:00:01.000Z')];
    expect(applyRecords(overlay, [record('a0001', 'verified', '2026-01-01T00:00:03.000Z', { evidence: { probes: [] }, attempts: 2 })])).toBe(true);
    expect(applyLogEvent(overlay, 'actions.progressed', progressed('a0001', 'applied', '2026-01-01T00:00:02.000Z'))).toBe(false);
    expect(applyLogEvent(overlay, 'actions.progressed', progressed('a0002', 'applied', '2026-01-01T00:00:02.000Z'))).toBe(true);
    const live = liveRecords(PLAN, base, overlay);
    expect(live.map((r) => [r.actionId, r.state, r.attempts])).toEqual([['a0001', 'verified', 2], ['a0002', 'applied', 1]]);
    expect(live[0]?.evidence).toEqual({ probes: [] });
    expect(countStates(live)).toMatchObject({ verified: 1, applied: 1, sent: 0 });
  });

  it('keeps a fetched record that is newer than what the overlay knows', () => {
    const overlay: Overlay = new Map();
    applyLogEvent(overlay, 'actions.progressed', progressed('a0001', 'sent', '2026-01-01T00:00:01.000Z'));
    const live = liveRecords(PLAN, [record('a0001', 'verified', '2026-01-01T00:00:05.000Z')], overlay);
    expect(live[0]?.state).toBe('verified');
  });

  it('prefers the further state at the same instant, adds records only the stream knows, and records failures', () => {
    const overlay: Overlay = new Map();
    const at = '2026-01-01T00:00:01.000Z';
    applyLogEvent(overlay, 'actions.progressed', progressed('a0001', 'applied', at));
    applyLogEvent(overlay, 'actions.progressed', progressed('a0001', 'sent', at));
    expect(overlay.get(overlayKey(PLAN, 'a0001', 'forward'))?.state).toBe('applied');
    applyRecords(overlay, [record('a0003', 'failed', at, { error: { code: 'timeout', message: 'no answer' } })]);
    applyLogEvent(overlay, 'action.failed', { planId: PLAN, actionId: 'a0001', direction: 'forward', attempts: 5, error: { code: 'offline', message: 'agent offline' } });
    const live = liveRecords(PLAN, [record('a0001', 'requested', '2026-01-01T00:00:00.000Z')], overlay);
    expect(live.map((r) => r.actionId)).toEqual(['a0001', 'a0003']);
    expect(live[0]).toMatchObject({ attempts: 5, error: { code: 'offline' } });
    expect(liveRecords('INC-0001-P-0002', [], overlay)).toEqual([]);
  });

  it('ignores events it does not know and malformed payloads', () => {
    const overlay: Overlay = new Map();
    expect(applyLogEvent(overlay, 'note.added', { text: 'x' })).toBe(false);
    expect(applyLogEvent(overlay, 'actions.progressed', { planId: PLAN })).toBe(false);
    expect(overlay.size).toBe(0);
  });
});
