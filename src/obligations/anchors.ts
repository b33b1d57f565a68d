/**
 * The start of each of a rule's clocks for one entity, and the deadline it gives: awareness, the current
 * notifiable determination, the matching classification, the ransom payment, or the filing of the previous
 * report in a chain. Several anchors: the earliest deadline wins.
 */
import { holidayCalendar, isCalendarId } from './calendars/calendar.js';
import { addDuration } from './deadline.js';
import { parseDuration } from './duration.js';
import {
  currentClassification,
  currentDetermination,
  filingsFor,
  paymentFor,
  type ObligationFacts,
} from './incident-facts.js';
import type { Anchor, AnchorKind, Rule } from './pack.schema.js';

export interface AnchorView {
  from: AnchorKind;
  /** For chained clocks: the previous report's rule. */
  rule?: string | undefined;
  /** When this clock started; null while its event is missing. */
  at: string | null;
  /** The duration as written (`72h`), or null when the anchor sets no fixed deadline. */
  after: string | null;
  deadline: string | null;
  /** What is missing, or what the anchor is ("filing of eu-dora-initial"). */
  note: string;
}

export interface AnchorInput {
  rule: Rule;
  entity: string;
  facts: ObligationFacts;
  timeZone: string;
}

function anchorTime(anchor: Anchor, input: AnchorInput): { at: string | null; note: string } {
  const { rule, entity, facts } = input;
  switch (anchor.from) {
    case 'awareness':
      return {
        at: facts.awareness?.at ?? null,
        note: facts.awareness ? `awareness (${facts.awareness.source})` : 'awareness not recorded',
      };
    case 'determination': {
      const key = rule.applies.determination ?? rule.regime;
      const current = currentDetermination(facts, entity, key);
      return current?.value === 'notifiable'
        ? { at: current.since, note: `determination under ${key} by ${current.record.by}` }
        : { at: null, note: `starts when ${key} is determined notifiable` };
    }
    case 'classification': {
      const wanted = rule.applies.classified;
      const current = wanted ? currentClassification(facts, wanted.regime, entity) : undefined;
      return wanted && current && wanted.as.includes(current.value)
        ? { at: current.since, note: `classified ${current.value} under ${wanted.regime}` }
        : {
            at: null,
            note: `starts when classified ${wanted?.as.join(' or ') ?? ''} under ${wanted?.regime ?? rule.regime}`,
          };
    }
    case 'payment': {
      const payment = paymentFor(facts, entity);
      return payment
        ? { at: payment.effectiveAt, note: 'ransom payment' }
        : { at: null, note: 'starts if a ransom is paid' };
    }
    case 'report': {
      const filings = filingsFor(facts, entity, anchor.rule ?? '');
      const filing = anchor.filing === 'latest' ? filings[filings.length - 1] : filings[0];
      const which = anchor.filing === 'latest' ? 'latest filing' : 'filing';
      return filing
        ? { at: filing.effectiveAt, note: `${which} of ${anchor.rule ?? ''}` }
        : { at: null, note: `starts when ${anchor.rule ?? ''} is filed` };
    }
  }
}

/**
 * Every anchor of the rule with its start and deadline, plus warnings from the calendars.
 *
 * @example
 * resolveAnchors({ rule, entity: 'fuji-bank-de', facts, timeZone: 'Europe/Berlin' }).anchors.map((a) => a.deadline);
 */
export function resolveAnchors(input: AnchorInput): { anchors: AnchorView[]; warnings: string[] } {
  const { clock } = input.rule;
  const calendar =
    clock.calendar !== undefined && isCalendarId(clock.calendar) ? holidayCalendar(clock.calendar) : undefined;
  const warnings: string[] = [];
  const anchors = clock.anchors.map((anchor): AnchorView => {
    const { at, note } = anchorTime(anchor, input);
    const duration = anchor.after === undefined ? undefined : parseDuration(anchor.after);
    let deadline: string | null = null;
    if (at !== null && duration) {
      const computed = addDuration(Date.parse(at), duration, {
        timeZone: input.timeZone,
        calendar,
        endOfDay: clock.endOfDay,
      });
      warnings.push(...computed.warnings);
      deadline = new Date(computed.at).toISOString();
    }
    return { from: anchor.from, rule: anchor.rule, at, after: anchor.after ?? null, deadline, note };
  });
  return { anchors, warnings };
}
