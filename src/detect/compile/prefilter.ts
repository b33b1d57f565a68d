/**
 * The literal prefilter of a rule group: per field, one Aho-Corasick automaton over every `contains` literal
 * the group's rules need and one hash map over every exact value; per event, the fields are scanned once and
 * the rules whose need was seen become candidates. Rules without a usable requirement are always candidates.
 * Per event nothing is allocated: candidates go into a preallocated array, marked with an epoch.
 */
import { scalarText, type EventView } from '../fields/event-view.js';
import { AhoCorasick, type PatternSink } from './aho-corasick.js';
import { ANY_FIELD, type Requirement } from './requirement.js';

interface FieldScan {
  slot: number;
  automaton: AhoCorasick | undefined;
  /** Pattern index -> rules needing it. */
  patternRules: Int32Array[];
  equals: Map<string, Int32Array> | undefined;
}

interface Builder {
  patterns: Map<string, number[]>;
  equals: Map<string, number[]>;
}

function freeze(map: Map<string, number[]>): Map<string, Int32Array> {
  return new Map([...map].map(([k, v]) => [k, Int32Array.from(new Set(v))]));
}

/** What the prefilter holds, for stats. */
export interface PrefilterStats {
  fields: number;
  literals: number;
  exactValues: number;
  alwaysEvaluated: number;
  bytes: number;
}

/**
 * @example
 * const pre = new Prefilter(requirements);
 * const n = pre.collect(view); // candidates in pre.candidates[0..n)
 */
export class Prefilter implements PatternSink {
  readonly candidates: Int32Array;
  private readonly always: Int32Array;
  private readonly scans: FieldScan[];
  private readonly mark: Uint32Array;
  private epoch = 0;
  private count = 0;
  private current: Int32Array[] = [];

  constructor(requirements: readonly Requirement[]) {
    const bySlot = new Map<number, Builder>();
    const always: number[] = [];
    requirements.forEach((req, rule) => {
      if (req === undefined) return void always.push(rule);
      for (const need of req) {
        let builder = bySlot.get(need.slot);
        if (!builder) bySlot.set(need.slot, (builder = { patterns: new Map(), equals: new Map() }));
        const map = need.kind === 'equals' ? builder.equals : builder.patterns;
        map.set(need.text, [...(map.get(need.text) ?? []), rule]);
      }
    });
    this.always = Int32Array.from(always);
    this.scans = [...bySlot].map(([slot, b]) => {
      const texts = [...b.patterns.keys()];
      return {
        slot,
        automaton: texts.length > 0 ? AhoCorasick.build(texts) : undefined,
        patternRules: texts.map((t) => Int32Array.from(new Set(b.patterns.get(t)))),
        equals: b.equals.size > 0 ? freeze(b.equals) : undefined,
      };
    });
    this.mark = new Uint32Array(requirements.length);
    this.candidates = new Int32Array(requirements.length);
  }

  /** Collects the candidate rules for the event in the view; returns how many there are. */
  collect(view: EventView): number {
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.mark.fill(0);
    this.count = 0;
    for (const rule of this.always) this.add(rule);
    for (const scan of this.scans) {
      if (scan.slot === ANY_FIELD) this.scanEverything(view, scan);
      else this.scanField(view, scan);
    }
    return this.count;
  }

  /** PatternSink: a literal of the field being scanned was found. */
  hit(pattern: number): void {
    for (const rule of this.current[pattern]!) this.add(rule);
  }

  private add(rule: number): void {
    if (this.mark[rule] === this.epoch) return;
    this.mark[rule] = this.epoch;
    this.candidates[this.count++] = rule;
  }

  private scanField(view: EventView, scan: FieldScan): void {
    const raw = view.value(scan.slot);
    if (raw === undefined || raw === null) return;
    if (Array.isArray(raw)) {
      for (const element of raw as unknown[]) this.scanValue(element, undefined, scan);
      return;
    }
    this.scanValue(raw, scan.equals ? view.lower(scan.slot) : undefined, scan);
  }

  private scanValue(raw: unknown, lower: string | undefined, scan: FieldScan): void {
    const text = scalarText(raw);
    if (text === undefined) return;
    if (scan.equals) {
      const rules = scan.equals.get(lower ?? text.toLowerCase());
      if (rules) for (const rule of rules) this.add(rule);
    }
    if (scan.automaton) {
      this.current = scan.patternRules;
      scan.automaton.scan(text, this);
    }
  }

  private scanEverything(view: EventView, scan: FieldScan): void {
    const record = view.record;
    for (const key in record) {
      const raw = record[key];
      if (Array.isArray(raw)) for (const element of raw as unknown[]) this.scanValue(element, undefined, scan);
      else this.scanValue(raw, undefined, scan);
    }
  }

  stats(): PrefilterStats {
    let literals = 0;
    let exactValues = 0;
    let bytes = this.mark.byteLength * 2 + this.always.byteLength;
    for (const scan of this.scans) {
      literals += scan.patternRules.length;
      exactValues += scan.equals?.size ?? 0;
      bytes += scan.automaton?.bytes ?? 0;
      for (const rules of scan.patternRules) bytes += rules.byteLength + 16;
      for (const [text, rules] of scan.equals ?? []) bytes += text.length * 2 + rules.byteLength + 32;
    }
    return { fields: this.scans.length, literals, exactValues, alwaysEvaluated: this.always.length, bytes };
  }
}
