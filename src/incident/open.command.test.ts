import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import { GENESIS_HASH } from './event.js';
import { sequentialIds } from './incident.testing.js';
import { openIncident } from './open.command.js';
import { verifyChain } from './verify.js';

const ctx = () => ({ incidentId: 'INC-0001', actor: 'user:alice', now: new Date('2021-06-01T14:00:00.000Z'), newId: sequentialIds() });

describe('openIncident', () => {
  it('writes incident.opened with the validated input and starts the summary in detect', () => {
    const { events, summary } = openIncident(
      {
        title: 'Ransomware at Tokyo HQ',
        severity: 'critical',
        summary: 'Possible ransomware attack',
        awarenessAt: '2021-06-01T22:30:00+09:00',
        commander: 'alice',
        entities: ['fujifilm-jp', 'FGS-UK', 'fujifilm-jp'],
      },
      ctx(),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      incidentId: 'INC-0001',
      seq: 1,
      id: '00000000-0000-4000-8000-000000000001',
      at: '2021-06-01T14:00:00.000Z',
      actor: 'user:alice',
      type: 'incident.opened',
      prevHash: GENESIS_HASH,
      payload: {
        title: 'Ransomware at Tokyo HQ',
        severity: 'critical',
        summary: 'Possible ransomware attack',
        awarenessAt: '2021-06-01T13:30:00.000Z',
        commander: 'alice',
        entities: ['fgs-uk', 'fujifilm-jp'],
      },
    });
    expect(summary).toEqual({
      id: 'INC-0001',
      title: 'Ransomware at Tokyo HQ',
      state: 'detect',
      severity: 'critical',
      entities: ['fgs-uk', 'fujifilm-jp'],
      commander: 'alice',
      openedAt: '2021-06-01T14:00:00.000Z',
      updatedAt: '2021-06-01T14:00:00.000Z',
      lastSeq: 1,
      lastHash: events[0]!.hash,
    });
    expect(verifyChain('INC-0001', events, summary).ok).toBe(true);
  });

  it('leaves optional fields out of the payload and starts without a commander', () => {
    const { events, summary } = openIncident({ title: 'Odd logins', severity: 'low' }, ctx());
    expect(events[0]!.payload).toEqual({ title: 'Odd logins', severity: 'low', entities: [] });
    expect(summary.commander).toBeNull();
    expect(summary.entities).toEqual([]);
  });

  it('rejects invalid input with validation_failed and one issue per field', () => {
    try {
      openIncident({ title: '', severity: 'severe' as 'low' }, ctx());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const userError = error as UserError;
      expect(userError.code).toBe('validation_failed');
      expect(userError.message).toMatch(/^cannot open the incident: field `title`: must not be empty \(and 1 more\)$/);
      expect(userError.issues.map((issue) => issue.field)).toEqual(['title', 'severity']);
    }
  });

  it('rejects an awareness time in the future, allowing a few minutes of clock skew', () => {
    expect(() => openIncident({ title: 'x', severity: 'low', awarenessAt: '2021-06-01T15:00:00Z' }, ctx())).toThrow(
      /awarenessAt 2021-06-01T15:00:00.000Z is in the future.*HINT/,
    );
    expect(openIncident({ title: 'x', severity: 'low', awarenessAt: '2021-06-01T14:04:00Z' }, ctx()).events).toHaveLength(1);
  });
});
