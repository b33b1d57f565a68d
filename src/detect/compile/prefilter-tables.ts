/**
 * The tables of a rule group's prefilter, built once per group: for every field the rules need, a hash map of
 * exact values, tries of prefixes and suffixes, and one substring search (Wu-Manber when every literal is
 * long, Aho-Corasick otherwise). Each literal maps to the (rule, clause) codes that need it.
 */
import { AffixTrie } from './affix-trie.js';
import { AhoCorasick, type PatternSink } from './aho-corasick.js';
import type { Need, Requirement } from './requirement.js';
import { WuManber } from './wu-manber.js';

/** Finds literals in a text: Wu-Manber for long literals (it skips), Aho-Corasick otherwise. */
export interface LiteralScanner {
  scan(text: string, sink: PatternSink): void;
  readonly bytes: number;
}

/** Shortest literal for which the skipping Wu-Manber search beats the automaton. */
const SKIP_SEARCH_MIN = 5;
/** Most literals that may end in the same two characters before Wu-Manber's verification gets too slow. */
const SKIP_SEARCH_CROWDING = 4;

function scannerFor(texts: readonly string[]): LiteralScanner {
  if (WuManber.shortest(texts) >= SKIP_SEARCH_MIN) {
    const skipping = WuManber.build(texts);
    if (skipping.crowding <= SKIP_SEARCH_CROWDING) return skipping;
  }
  return AhoCorasick.build(texts);
}

/**
 * Per literal, the (rule, clause) codes that need it (`rule * 2 + clause`), flattened: the codes of literal i
 * are `codes[starts[i]]` to `codes[starts[i + 1] - 1]`. One pair of typed arrays per table, not one array per
 * literal, keeps the garbage collector's work independent of the number of literals.
 */
export interface CodeLists {
  starts: Int32Array;
  codes: Int32Array;
}

/** A literal finder and the codes of its literals. */
export interface Finder<T> extends CodeLists {
  finder: T;
}

export interface FieldScan {
  /** The field's slot, or ANY_FIELD for keywords. */
  slot: number;
  /** Exact value -> its index in `exact`. */
  equals: Map<string, number> | undefined;
  exact: CodeLists;
  /** Longest exact value: longer texts are not lower-cased for the lookup. */
  equalsMax: number;
  prefixes: Finder<AffixTrie> | undefined;
  suffixes: Finder<AffixTrie> | undefined;
  contains: Finder<LiteralScanner> | undefined;
  /** Length of the shortest substring literal (shorter values cannot contain one). */
  shortest: number;
  /** Whether a substring literal could occur in the text of a number or boolean. */
  scalars: boolean;
}

type Builder = Record<Need['kind'], Map<string, number[]>>;

function codeLists(map: Map<string, number[]>): CodeLists {
  const lists = [...map.values()].map((codes) => [...new Set(codes)]);
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (starts[i + 1] = starts[i]! + list.length));
  return { starts, codes: Int32Array.from(lists.flat()) };
}

function finder<T>(map: Map<string, number[]>, build: (texts: string[]) => T): Finder<T> | undefined {
  return map.size > 0 ? { finder: build([...map.keys()]), ...codeLists(map) } : undefined;
}

/** Whether a (lower-case) literal could occur in the text of a number or a boolean. */
function inScalarText(literal: string): boolean {
  return /^[-+.0-9e]+$/.test(literal) || ['true', 'false', 'infinity', 'nan'].some((word) => word.includes(literal));
}

function fieldScan(slot: number, b: Builder): FieldScan {
  const exact = [...b.equals.keys()];
  const substrings = [...b.contains.keys()];
  return {
    slot,
    equals: exact.length > 0 ? new Map(exact.map((k, i) => [k, i])) : undefined,
    exact: codeLists(b.equals),
    equalsMax: exact.reduce((max, k) => Math.max(max, k.length), 0),
    prefixes: finder(b.prefix, (texts) => AffixTrie.build(texts, 'prefix')),
    suffixes: finder(b.suffix, (texts) => AffixTrie.build(texts, 'suffix')),
    contains: finder(b.contains, scannerFor),
    shortest: substrings.reduce((min, k) => Math.min(min, k.length), Infinity),
    scalars: substrings.some(inScalarText),
  };
}

export interface PrefilterTables {
  scans: FieldScan[];
  /** Rules without a requirement: always candidates. */
  always: Int32Array;
  /** Per rule, the bit mask of all its clauses. */
  full: Uint8Array;
}

/**
 * Builds the tables for the requirements of a group's rules (index = rule number in the group).
 *
 * @example
 * const tables = buildPrefilterTables(rules.map((r) => r.requirement));
 */
export function buildPrefilterTables(requirements: readonly Requirement[]): PrefilterTables {
  const bySlot = new Map<number, Builder>();
  const always: number[] = [];
  const full = new Uint8Array(requirements.length);
  requirements.forEach((req, rule) => {
    if (req === undefined || req.length === 0) return void always.push(rule);
    full[rule] = (1 << req.length) - 1;
    req.forEach((clause, index) => {
      for (const need of clause) {
        let b = bySlot.get(need.slot);
        if (!b) bySlot.set(need.slot, (b = { equals: new Map(), prefix: new Map(), suffix: new Map(), contains: new Map() }));
        const map = b[need.kind];
        map.set(need.text, [...(map.get(need.text) ?? []), rule * 2 + index]);
      }
    });
  });
  return { scans: [...bySlot].map(([slot, b]) => fieldScan(slot, b)), always: Int32Array.from(always), full };
}

/** What the prefilter holds, for stats. */
export interface PrefilterStats {
  fields: number;
  literals: number;
  exactValues: number;
  alwaysEvaluated: number;
  bytes: number;
}

/** Counts and bytes of the tables. */
export function tableStats(tables: PrefilterTables): PrefilterStats {
  let literals = 0;
  let exactValues = 0;
  let bytes = tables.full.byteLength * 10 + tables.always.byteLength;
  for (const scan of tables.scans) {
    exactValues += scan.equals?.size ?? 0;
    bytes += scan.exact.starts.byteLength + scan.exact.codes.byteLength;
    for (const text of scan.equals?.keys() ?? []) bytes += text.length * 2 + 32;
    for (const f of [scan.prefixes, scan.suffixes, scan.contains]) {
      if (!f) continue;
      literals += f.starts.length - 1;
      bytes += f.finder.bytes + f.starts.byteLength + f.codes.byteLength;
    }
  }
  return { fields: tables.scans.length, literals, exactValues, alwaysEvaluated: tables.always.length, bytes };
}
