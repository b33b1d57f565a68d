/** The shapes `computeObligations` returns: one view per entity and rule. */
import type { AnchorView } from './anchors.js';
import type { PackRule } from './pack-parse.js';
import type { RecipientKind } from './pack.schema.js';

/**
 * - `not_applicable`: the rule does not cover this entity (country, flags, data, threshold, dates).
 * - `not_required`: a person decided it is not needed (not notifiable; classified below the threshold).
 * - `not_started`: no clock has started (its anchor event is missing).
 * - `running`, `due_soon`, `overdue`: a clock runs; `due_soon` and `overdue` raise alerts.
 * - `filed`: a filing is recorded (see `filedLate`).
 */
export type ObligationStatus =
  'not_applicable' | 'not_required' | 'not_started' | 'running' | 'due_soon' | 'overdue' | 'filed';

export interface FilingView {
  seq: number;
  at: string;
  recipient: string;
  reference: string | null;
  document: { name: string; sha256?: string | undefined; uri?: string | undefined } | null;
  recordedBy: string;
}

export interface ObligationView {
  entity: string;
  ruleId: string;
  title: string;
  regime: string;
  jurisdiction: string;
  recipient: { kind: RecipientKind; name: string };
  applicable: boolean;
  status: ObligationStatus;
  /** Why it applies or not, what was decided, what is awaited. */
  reasons: string[];
  /** True while a determination, classification or payment is still awaited: the clock runs in case it is needed. */
  provisional: boolean;
  /** The earliest started anchor. */
  startedAt: string | null;
  /** The earliest deadline over the anchors (UTC ISO), or null when none is fixed. */
  deadline: string | null;
  /** The deadline on the clock's wall time, with offset. */
  deadlineLocal: string | null;
  timeZone: string;
  /** Deadline minus `now` (negative when overdue); null without a deadline. */
  timeLeftMs: number | null;
  /** The law's words when it asks for speed ("without undue delay"): file before the deadline if possible. */
  promptly: string | null;
  basis: 'law' | 'guidance';
  anchors: AnchorView[];
  filings: FilingView[];
  /** Whether the first filing came after the deadline; null when not filed or no deadline. */
  filedLate: boolean | null;
  /** Rules whose filing starts this clock (`after`) and rules this filing starts (`next`). */
  chain: { after: string[]; next: string[] };
  alert: 'due_soon' | 'overdue' | null;
  warnings: string[];
  rule: Pick<PackRule, 'content' | 'source' | 'checked' | 'notes' | 'unverified' | 'origin'>;
}
