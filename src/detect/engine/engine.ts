/**
 * The detection engine: evaluates every loaded rule against one event at a time. Per event: flatten the
 * layout if needed, find the plan for its channel and event id, bind the view, and for each applicable rule
 * group collect prefilter candidates and run their predicates.
 */
import { EventView, type FieldRegistry } from '../fields/event-view.js';
import { normaliseEvent } from '../fields/normalise-event.js';
import type { CorrelationRule } from '../sigma/types.js';
import type { DeclaredSource, Match, RuleInfo } from './match.js';
import type { CompiledRule } from './rule-group.js';
import type { SourceIndex } from './source-index.js';

/** Counts and sizes of a loaded rule set. */
export interface EngineStats {
  rules: number;
  correlations: number;
  filters: number;
  /** Rules per logsource (`product/category/service`), most first. */
  byLogsource: Readonly<Record<string, number>>;
  /** Rules whose logsource the mapping table does not know (they run only on events with a declared source). */
  unmapped: number;
  /** Rules evaluated on every event of their source because no literal requirement could be derived. */
  alwaysEvaluated: number;
  /** Distinct literals and exact values in the prefilters. */
  literals: number;
  /** Bytes held by the prefilter tables (automata, tries, maps), counted exactly. */
  prefilterBytes: number;
  /**
   * Estimate of the whole rule set's memory: the prefilter tables plus about 8 KB per rule for predicates and
   * metadata (measured on SigmaHQ's Windows rules; `npm run bench -- sigma` prints the measured figure).
   */
  memoryEstimateBytes: number;
}

/** Memory per compiled rule outside the prefilter tables, measured on SigmaHQ's Windows rules. */
const BYTES_PER_RULE = 8_000;

export interface EngineParts {
  registry: FieldRegistry;
  index: SourceIndex;
  rules: readonly CompiledRule[];
  correlations: readonly CorrelationRule[];
  filters: number;
  prefilter: boolean;
}

const NONE: readonly Match[] = Object.freeze([]);

/**
 * A compiled rule set. Not re-entrant: evaluate one event at a time (each worker compiles its own engine).
 *
 * @example
 * const { engine } = compileRules(sources);
 * const matches = engine.evaluate(JSON.parse(line));
 */
export class Engine {
  /** Every loaded detection rule, in evaluation order. */
  readonly rules: readonly RuleInfo[];
  /** Correlation rules whose references resolved; run them with a Correlator. */
  readonly correlations: readonly CorrelationRule[];
  private readonly view: EventView;
  private readonly hits: CompiledRule[] = [];

  constructor(private readonly parts: EngineParts) {
    this.rules = parts.rules.map((r) => r.info);
    this.correlations = parts.correlations;
    this.view = new EventView(parts.registry);
  }

  /**
   * The rules matching one event (a shared empty array when none match). `declared` names the event's log
   * source when the caller knows it, which also enables rules the mapping table does not cover.
   */
  evaluate(event: unknown, declared?: DeclaredSource): readonly Match[] {
    const record = normaliseEvent(event);
    if (record === undefined) return NONE;
    const plan = this.parts.index.plan(record, declared);
    if (plan === undefined) return NONE;
    const view = this.view;
    const hits = this.hits;
    hits.length = 0;
    view.bind(record, plan.fallbacks);
    for (const entry of plan.entries) {
      if (entry.guard !== undefined && !entry.guard(view)) continue;
      if (this.parts.prefilter) entry.group.run(view, hits);
      else entry.group.runAll(view, hits);
    }
    view.release();
    if (hits.length === 0) return NONE;
    if (hits.length > 1) hits.sort((a, b) => a.order - b.order);
    const matches = hits.map((rule): Match => ({ rule: rule.info, event, record }));
    hits.length = 0;
    return matches;
  }

  /** Counts and memory of the loaded rules. */
  stats(): EngineStats {
    const groups = this.parts.index.groupList();
    const byLogsource: Record<string, number> = {};
    let alwaysEvaluated = 0;
    let literals = 0;
    let prefilterBytes = 0;
    for (const group of [...groups].sort((a, b) => b.rules.length - a.rules.length)) {
      byLogsource[group.key] = group.rules.length;
      const s = group.stats();
      alwaysEvaluated += s.alwaysEvaluated;
      literals += s.literals + s.exactValues;
      prefilterBytes += s.bytes;
    }
    const unmapped = this.parts.index.unmappedGroups().reduce((n, g) => n + g.rules.length, 0);
    return {
      rules: this.rules.length,
      correlations: this.correlations.length,
      filters: this.parts.filters,
      byLogsource,
      unmapped,
      alwaysEvaluated,
      literals,
      prefilterBytes,
      memoryEstimateBytes: prefilterBytes + this.rules.length * BYTES_PER_RULE,
    };
  }
}
