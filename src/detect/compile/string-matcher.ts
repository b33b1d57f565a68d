/**
 * Matching of Sigma strings (wildcards `*` and `?`) without regular expressions: equality, prefix, suffix,
 * substring, and a glob walk for the general case. Patterns of one item are grouped so that a list of 40
 * `endswith` values costs one loop, and exact values one Set lookup.
 */
import { ONE, STAR, type SigmaString, type StringPart } from '../sigma/sigma-string.js';

/** Tests one string (already lower-cased when matching case-insensitively). */
export type StringTest = (text: string) => boolean;

type Segment = readonly (string | typeof ONE)[];

function segmentLength(segment: Segment): number {
  let n = 0;
  for (const piece of segment) n += piece === ONE ? 1 : piece.length;
  return n;
}

function matchesAt(text: string, at: number, segment: Segment): boolean {
  let pos = at;
  for (const piece of segment) {
    if (piece === ONE) {
      pos += 1;
    } else {
      if (!text.startsWith(piece, pos)) return false;
      pos += piece.length;
    }
  }
  return pos <= text.length;
}

function findFrom(text: string, from: number, segment: Segment, length: number): number {
  for (let at = from; at + length <= text.length; at += 1) if (matchesAt(text, at, segment)) return at;
  return -1;
}

function splitSegments(pattern: SigmaString): Segment[] {
  const segments: (string | typeof ONE)[][] = [[]];
  for (const part of pattern) {
    if (part === STAR) segments.push([]);
    else segments[segments.length - 1]!.push(part);
  }
  return segments;
}

/**
 * A general glob: the first segment anchors at the start, the last at the end, and the middle ones are found
 * leftmost in order (correct because every segment has a fixed length).
 *
 * @example
 * globTest(['a', STAR, 'b', ONE, 'c'])('axxbyc'); // true
 */
export function globTest(pattern: SigmaString): StringTest {
  const segments = splitSegments(pattern);
  const lengths = segments.map(segmentLength);
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (segments.length === 1) return (text) => text.length === lengths[0] && matchesAt(text, 0, first);
  const minimum = lengths.reduce((a, b) => a + b, 0);
  const lastLength = lengths[lengths.length - 1]!;
  return (text) => {
    if (text.length < minimum || !matchesAt(text, 0, first)) return false;
    const end = text.length - lastLength;
    if (!matchesAt(text, end, last)) return false;
    let pos = lengths[0]!;
    for (let i = 1; i < segments.length - 1; i += 1) {
      const at = findFrom(text, pos, segments[i]!, lengths[i]!);
      if (at < 0 || at + lengths[i]! > end) return false;
      pos = at + lengths[i]!;
    }
    return pos <= end;
  };
}

type Shape = 'equals' | 'prefix' | 'suffix' | 'contains' | 'any' | 'glob';

/** Classifies a pattern by where its wildcards are. */
export function shapeOf(pattern: SigmaString): Shape {
  const inner = pattern.filter((p) => p !== STAR);
  if (inner.length === 0) return pattern.length === 0 ? 'equals' : 'any';
  if (inner.length > 1 || typeof inner[0] !== 'string') return 'glob';
  const lead = pattern[0] === STAR;
  const trail = pattern[pattern.length - 1] === STAR;
  const stars = pattern.length - 1;
  if (stars !== Number(lead) + Number(trail)) return 'glob';
  if (lead && trail) return 'contains';
  return lead ? 'suffix' : trail ? 'prefix' : 'equals';
}

function literalOf(pattern: SigmaString): string {
  const part = pattern.find((p): p is string => typeof p === 'string');
  return part ?? '';
}

/**
 * One test for a list of patterns (OR), grouped by shape: a Set for exact values, loops for prefixes,
 * suffixes and substrings, globs last.
 *
 * @example
 * const test = compileStringSet([['cmd.exe'], [STAR, '\\powershell.exe']]);
 * test('c:\\windows\\powershell.exe'); // true
 */
export function compileStringSet(patterns: readonly SigmaString[]): StringTest {
  const equals = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  const contains: string[] = [];
  const globs: StringTest[] = [];
  for (const pattern of patterns) {
    const shape = shapeOf(pattern);
    if (shape === 'any') return () => true;
    if (shape === 'equals') equals.add(literalOf(pattern));
    else if (shape === 'prefix') prefixes.push(literalOf(pattern));
    else if (shape === 'suffix') suffixes.push(literalOf(pattern));
    else if (shape === 'contains') contains.push(literalOf(pattern));
    else globs.push(globTest(pattern));
  }
  return (text) => {
    if (equals.size > 0 && equals.has(text)) return true;
    for (const p of prefixes) if (text.startsWith(p)) return true;
    for (const s of suffixes) if (text.endsWith(s)) return true;
    for (const c of contains) if (text.includes(c)) return true;
    for (const g of globs) if (g(text)) return true;
    return false;
  };
}

/** Lower-cases the literal parts of a pattern (for case-insensitive matching). */
export function lowerPattern(pattern: SigmaString): SigmaString {
  return pattern.map((p: StringPart) => (typeof p === 'string' ? p.toLowerCase() : p));
}
