/**
 * The decision log: executive decisions (ransom, precautionary shutdown, disclosure, other) with who decided,
 * when, why and who approved, read back from the incident log. Ransom decisions carry the sanctions-screening
 * note from the OFAC advisory.
 */
import type { EventDraft, IncidentEvent } from '../incident/index.js';
import { decisionRecordedSchema, ransomPaidSchema, type DecisionKind, type DecisionRecorded } from './events.schema.js';

/** The sanctions-screening note for ransom decisions (OFAC advisory of 21 September 2021). */
export const OFAC_SANCTIONS_NOTE =
  'OFAC "Updated Advisory on Potential Sanctions Risks for Facilitating Ransomware Payments" (21 Sep 2021): ' +
  'paying or facilitating a payment to a sanctioned person (SDN list) or jurisdiction is a strict-liability violation, ' +
  'also for insurers, DFIR and negotiation firms and banks; licence applications are reviewed case by case with a ' +
  'presumption of denial. Screen the recipient and wallets before any payment. A self-initiated, timely and complete ' +
  'report to law enforcement (FBI, CISA or USSS) as soon as possible after discovery, and full cooperation, are ' +
  'significant mitigating factors. Sources: https://www.insideprivacy.com/data-security/ofac-issues-updated-guidance-on-ransomware-payments/ ; ' +
  'https://www.securityprivacyandthelaw.com/2021/10/ransomware-payments-ofac-updates-its-advisory-and-congress-gets-involved/';

export type DecisionInput = Omit<DecisionRecorded, 'notes' | 'entities'> & {
  notes?: DecisionRecorded['notes'] | undefined;
  entities?: string[] | undefined;
};

/**
 * A `decision.recorded` draft. For a ransom decision without a sanctions note, the OFAC note is added.
 *
 * @example
 * decisionDraft({ kind: 'ransom', decision: 'Refuse to pay', rationale: 'Backups intact; sanctions risk',
 *   approvers: ['ceo', 'general-counsel'] });
 */
export function decisionDraft(input: DecisionInput): EventDraft {
  const notes = [...(input.notes ?? [])];
  if (input.kind === 'ransom' && !notes.some((note) => note.topic === 'sanctions')) {
    notes.push({ topic: 'sanctions', text: OFAC_SANCTIONS_NOTE });
  }
  const payload: DecisionRecorded = { ...input, notes, entities: input.entities ?? [] };
  return { type: 'decision.recorded', payload };
}

export interface DecisionLogEntry {
  seq: number;
  /** When it was decided (or recorded, when no time was given). */
  at: string;
  recordedBy: string;
  kind: DecisionKind;
  decision: string;
  rationale: string;
  approvers: string[];
  notes: DecisionRecorded['notes'];
  entities: string[];
}

export interface RansomPaymentEntry {
  seq: number;
  at: string;
  recordedBy: string;
  entity: string | null;
  amount: number | null;
  currency: string | null;
  paidBy: string | null;
}

export interface DecisionLog {
  decisions: DecisionLogEntry[];
  payments: RansomPaymentEntry[];
}

/**
 * The decision log of an incident, oldest first. Events that do not parse are skipped.
 *
 * @example
 * projectDecisionLog(log).decisions.filter((d) => d.kind === 'ransom').map((d) => d.decision); // ['Refuse to pay']
 */
export function projectDecisionLog(events: readonly IncidentEvent[]): DecisionLog {
  const log: DecisionLog = { decisions: [], payments: [] };
  for (const event of events) {
    if (event.type === 'decision.recorded') {
      const parsed = decisionRecordedSchema.safeParse(event.payload);
      if (!parsed.success) continue;
      const { decidedAt, ...rest } = parsed.data;
      log.decisions.push({ seq: event.seq, at: decidedAt ?? event.at, recordedBy: event.actor, ...rest });
    } else if (event.type === 'ransom.paid') {
      const parsed = ransomPaidSchema.safeParse(event.payload);
      if (!parsed.success) continue;
      const p = parsed.data;
      log.payments.push({
        seq: event.seq,
        at: p.at,
        recordedBy: event.actor,
        entity: p.entity ?? null,
        amount: p.amount ?? null,
        currency: p.currency ?? null,
        paidBy: p.paidBy ?? null,
      });
    }
  }
  return log;
}
