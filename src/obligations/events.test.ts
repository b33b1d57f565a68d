import { describe, expect, it } from 'vitest';
import { buildTimeline, recordEvents, registeredEventTypes } from '../incident/index.js';
import { UserError } from '../shared/errors.js';
import { decisionDraft, OFAC_SANCTIONS_NOTE, projectDecisionLog } from './decision-log.js';
import { registerObligationEventTypes } from './events.register.js';
import { TestIncident } from './obligations.testing.js';

const AT = '2021-06-02T01:00:00.000Z';

function incident(): TestIncident {
  return new TestIncident(
    { title: 'Ransomware', severity: 'critical', entities: ['fujifilm-jp'] },
    '2021-06-01T14:00:00.000Z',
  );
}

describe('obligation event types', () => {
  it('register once and again without complaint', () => {
    registerObligationEventTypes();
    registerObligationEventTypes();
    expect(registeredEventTypes()).toEqual(
      expect.arrayContaining([
        'breach.determined',
        'decision.recorded',
        'incident.classified',
        'obligation.filed',
        'ransom.paid',
      ]),
    );
  });

  it('describe themselves in the timeline', () => {
    const test = incident()
      .record(
        'breach.determined',
        {
          entity: 'fgs-uk',
          regime: 'uk-gdpr',
          decision: 'not_notifiable',
          reasoning: ['No personal data.'],
          by: 'dpo.jones',
          proposed: 'not_notifiable',
        },
        AT,
      )
      .record(
        'breach.determined',
        {
          entity: 'fujifilm-jp',
          regime: 'appi',
          decision: 'notifiable',
          reasoning: ['Override.'],
          by: 'counsel',
          proposed: 'undetermined',
        },
        AT,
      )
      .record('incident.classified', { regime: 'appi', classification: 'wrongful-purpose', at: AT }, AT)
      .record(
        'obligation.filed',
        { ruleId: 'jp-appi-preliminary', entity: 'fujifilm-jp', recipient: 'PPC', at: AT, reference: 'PPC-2021-0001' },
        AT,
        'user:bob',
      )
      .record('ransom.paid', { at: AT, amount: 2, currency: 'BTC', paidBy: 'insurer' }, AT)
      .record(
        'decision.recorded',
        decisionDraft({
          kind: 'ransom',
          decision: 'Refuse to pay',
          rationale: 'Backups intact',
          approvers: ['ceo', 'general-counsel'],
        }).payload,
        AT,
      );
    expect(
      buildTimeline(test.log)
        .slice(1)
        .map((entry) => entry.description),
    ).toEqual([
      "alice recorded dpo.jones's determination: fgs-uk not notifiable under uk-gdpr (confirms the proposal)",
      "alice recorded counsel's determination: fujifilm-jp notifiable under appi (overrides the proposal: undetermined)",
      'alice classified the incident under appi as wrongful-purpose',
      `bob recorded jp-appi-preliminary for fujifilm-jp filed with PPC at ${AT} (ref PPC-2021-0001)`,
      `alice recorded a ransom of 2 BTC paid at ${AT} by insurer`,
      'alice recorded a ransom decision: Refuse to pay (approved by ceo, general-counsel)',
    ]);
  });

  it('refuse payloads that do not fit, naming the field', () => {
    const test = incident();
    const ctx = { actor: 'user:alice', now: new Date(AT), newId: () => '00000000-0000-4000-8000-00000000ffff' };
    const attempt = (type: string, payload: unknown) => () => recordEvents(test.summary, [{ type, payload }], ctx);
    expect(
      attempt('breach.determined', {
        entity: 'fgs-uk',
        regime: 'uk-gdpr',
        decision: 'maybe',
        reasoning: ['x'],
        by: 'dpo',
      }),
    ).toThrow(UserError);
    expect(
      attempt('obligation.filed', { ruleId: 'uk-gdpr-33', entity: 'fgs-uk', recipient: 'ICO', at: 'yesterday' }),
    ).toThrow(UserError);
    try {
      attempt('decision.recorded', { kind: 'ransom', decision: 'Pay', rationale: 'Fast', approvers: ['ceo'] })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).issues.map((issue) => issue.field)).toContain('notes');
    }
  });
});

describe('the decision log', () => {
  it('adds the OFAC sanctions-screening note to ransom decisions, and keeps one already given', () => {
    const refused = decisionDraft({
      kind: 'ransom',
      decision: 'Refuse to pay',
      rationale: 'Backups intact',
      approvers: ['ceo'],
    });
    expect(refused.payload).toMatchObject({ notes: [{ topic: 'sanctions', text: OFAC_SANCTIONS_NOTE }] });
    const own = decisionDraft({
      kind: 'ransom',
      decision: 'Refuse',
      rationale: 'r',
      approvers: ['ceo'],
      notes: [{ topic: 'sanctions', text: 'Screened: SDN match' }],
    });
    expect(own.payload).toMatchObject({ notes: [{ topic: 'sanctions', text: 'Screened: SDN match' }] });
    expect(
      decisionDraft({
        kind: 'shutdown',
        decision: 'EMEA offline',
        rationale: 'Precaution',
        approvers: ['ciso', 'emea-it'],
      }).payload,
    ).toMatchObject({ notes: [], entities: [] });
  });

  it('reads decisions and payments back, with who recorded them and when they were decided', () => {
    const test = incident()
      .record(
        'decision.recorded',
        decisionDraft({
          kind: 'shutdown',
          decision: 'Take all EMEA networks offline',
          rationale: 'Precaution until EMEA is proven clean',
          approvers: ['ciso', 'emea-it-lead'],
          entities: ['fgs-uk'],
          decidedAt: '2021-06-01T20:00:00.000Z',
        }).payload,
        AT,
      )
      .record(
        'decision.recorded',
        decisionDraft({
          kind: 'ransom',
          decision: 'Refuse to pay',
          rationale: 'Backups intact; sanctions risk',
          approvers: ['ceo', 'general-counsel'],
        }).payload,
        AT,
        'user:carol',
      )
      .record('ransom.paid', { at: AT }, AT);
    const log = projectDecisionLog(test.log);
    expect(log.decisions.map((d) => [d.seq, d.at, d.recordedBy, d.kind, d.decision, d.approvers.join('+')])).toEqual([
      [2, '2021-06-01T20:00:00.000Z', 'user:alice', 'shutdown', 'Take all EMEA networks offline', 'ciso+emea-it-lead'],
      [3, AT, 'user:carol', 'ransom', 'Refuse to pay', 'ceo+general-counsel'],
    ]);
    expect(log.decisions[1]?.notes[0]?.topic).toBe('sanctions');
    expect(log.payments).toEqual([
      { seq: 4, at: AT, recordedBy: 'user:alice', entity: null, amount: null, currency: null, paidBy: null },
    ]);
  });
});
