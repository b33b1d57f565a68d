/**
 * Regular expressions from rules run on re2js (RE2: linear time, no backtracking), so a hostile rule or event
 * cannot stall the engine. Sigma's flavour (a PCRE subset) mostly carries over; what RE2 cannot do (look-around,
 * back-references) rejects the rule with the reason. Matching is a search anywhere in the value.
 */
import { RE2JS } from 're2js';
import { ruleError } from '../sigma/problems.js';
import type { DocPath, RegexFlags } from '../sigma/types.js';

/** Tests one string against a compiled regular expression. */
export type RegexTest = (text: string) => boolean;

/**
 * Adapts PCRE spellings RE2 does not accept: `\Z` (end, before a final newline) becomes `(?:\n?\z)`, and the
 * possessive/atomic forms are left for RE2 to reject with its own message.
 *
 * @example
 * translateRegex('abc\\Z'); // 'abc(?:\\n?\\z)'
 */
export function translateRegex(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      out += next === 'Z' ? '(?:\\n?\\z)' : c + next;
      i += 1;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Compiles a rule's regular expression with its i/m/s flags.
 *
 * @example
 * compileRegex('\\s-e\\s', { ignoreCase: false, multiline: false, dotAll: false }, [])('x -e y'); // true
 */
export function compileRegex(source: string, flags: RegexFlags, path: DocPath): RegexTest {
  let mask = 0;
  if (flags.ignoreCase) mask |= RE2JS.CASE_INSENSITIVE;
  if (flags.multiline) mask |= RE2JS.MULTILINE;
  if (flags.dotAll) mask |= RE2JS.DOTALL;
  try {
    const re = RE2JS.compile(translateRegex(source), mask);
    return (text) => re.test(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw ruleError(`regular expression not supported by the linear-time engine: ${why}`, path, 'Sigma regexes may use . ^ $ * + ? {n,m} [..] | ( ) only');
  }
}

const META = new Set(['.', '^', '$', '*', '+', '?', '{', '}', '[', ']', '(', ')', '|']);
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'A', 'z', 'Z', 'p', 'P', 'Q', 'E', 'x', 'n', 'r', 't', 'f', 'v', '0', 'c', 'u']);

/** Index of the `]` closing the class that opens at `from` (a `]` first in the class is literal). */
function skipClass(source: string, from: number): number {
  let i = from + 1;
  if (source[i] === '^') i += 1;
  if (source[i] === ']') i += 1;
  for (; i < source.length; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** Index of the `)` closing the group that opens at `from`. */
function skipGroup(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (c === '[') i = skipClass(source, i);
    else if (c === '(') depth += 1;
    else if (c === ')' && (depth -= 1) === 0) return i;
  }
  return source.length;
}

/**
 * The longest run of literal characters that every match must contain, or '' when there is none that is
 * certain (an alternation at the top level, optional characters, groups and classes break runs). Used only as
 * a prefilter, so being conservative is always safe.
 *
 * @example
 * requiredLiteral('\\\\rundll32\\.exe.{1,30}(Shell|Control)'); // '\\rundll32.exe'
 */
export function requiredLiteral(source: string): string {
  let best = '';
  let run = '';
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    if (source[i] === '|') return '';
    const token = readToken(source, i);
    i = token.last;
    const after = source[i + 1];
    if (token.literal === undefined || after === '?' || after === '*' || (after === '{' && source.startsWith('{0', i + 1))) {
      end();
      continue;
    }
    run += token.literal;
    if (after === '+' || after === '{') end();
  }
  end();
  return best;
}

/**
 * The token starting at `i`: a literal character (`literal` set) or something that breaks a run (a group, a
 * class, a class escape, a metacharacter or a `{n,m}` quantifier); `last` is the index of its last character.
 */
function readToken(source: string, i: number): { literal?: string; last: number } {
  const c = source[i]!;
  if (c === '(') {
    const flag = source.startsWith('(?i)', i) || source.startsWith('(?s)', i) || source.startsWith('(?m)', i);
    return { last: flag ? i + 3 : skipGroup(source, i) };
  }
  if (c === '[') return { last: skipClass(source, i) };
  if (c === '\\') {
    const next = source[i + 1];
    if (next === undefined || CLASS_ESCAPES.has(next) || /[a-zA-Z0-9]/.test(next)) return { last: i + 1 };
    return { literal: next, last: i + 1 };
  }
  if (!META.has(c)) return { literal: c, last: i };
  const close = source.indexOf('}', i);
  return { last: c === '{' && close > i ? close : i };
}
