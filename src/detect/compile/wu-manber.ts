/**
 * Wu-Manber multi-literal search (block size 2) over lower-case ASCII literals, for literal sets whose shortest
 * member is long: a window of `m` characters slides over the text and a table of shifts for the window's last
 * two characters skips up to m-1 characters at a time, so most of a long value is never looked at. Folding is
 * the same as in the Aho-Corasick automaton (ASCII letters to lower case, KELVIN SIGN to k, LATIN CAPITAL I
 * WITH DOT to i), so both find exactly what `text.toLowerCase().includes(literal)` finds.
 */
import type { PatternSink } from './aho-corasick.js';

const KELVIN = 0x212a;
const DOTTED_I = 0x130;

function fold(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  if (code === KELVIN) return 107;
  if (code === DOTTED_I) return 105;
  return 128;
}

/** Index of a block of two folded characters. */
function blockOf(a: number, b: number): number {
  return (a << 8) | b;
}

/**
 * @example
 * const wm = WuManber.build(['sekurlsa::', 'lsadump::']);
 * wm.scan('mimikatz # SEKURLSA::logonpasswords', sink); // reports 0
 */
export class WuManber {
  private constructor(
    private readonly patterns: readonly string[],
    private readonly window: number,
    private readonly shift: Uint8Array,
    private readonly candidates: ReadonlyMap<number, Int32Array>,
  ) {}

  /** The length of the shortest literal; Wu-Manber pays off when it is long (say 5 or more). */
  static shortest(patterns: readonly string[]): number {
    return patterns.reduce((min, p) => Math.min(min, p.length), Infinity);
  }

  static build(patterns: readonly string[]): WuManber {
    const m = WuManber.shortest(patterns);
    if (!(m >= 2)) throw new Error('Wu-Manber needs literals of at least two characters');
    const shift = new Uint8Array(129 << 8).fill(Math.min(255, m - 1));
    const lists = new Map<number, number[]>();
    patterns.forEach((pattern, index) => {
      for (let j = 1; j < m; j += 1) {
        const block = blockOf(fold(pattern.charCodeAt(j - 1)), fold(pattern.charCodeAt(j)));
        const distance = m - 1 - j;
        if (distance < shift[block]!) shift[block] = distance;
        if (distance === 0) lists.set(block, [...(lists.get(block) ?? []), index]);
      }
    });
    const candidates = new Map([...lists].map(([block, list]) => [block, Int32Array.from(list)]));
    return new WuManber(patterns, m, shift, candidates);
  }

  /** The longest list of literals sharing one final block: long lists make verification slow. */
  get crowding(): number {
    let most = 0;
    for (const list of this.candidates.values()) most = Math.max(most, list.length);
    return most;
  }

  /** Bytes held by the tables. */
  get bytes(): number {
    let bytes = this.shift.byteLength;
    for (const list of this.candidates.values()) bytes += list.byteLength + 24;
    return bytes + this.patterns.reduce((n, p) => n + p.length * 2 + 16, 0);
  }

  /** Reports every literal occurring in `text` (case-insensitively) to the sink; a literal may repeat. */
  scan(text: string, sink: PatternSink): void {
    const { window, shift } = this;
    const end = text.length;
    let pos = window - 1;
    while (pos < end) {
      const block = blockOf(fold(text.charCodeAt(pos - 1)), fold(text.charCodeAt(pos)));
      const skip = shift[block]!;
      if (skip > 0) {
        pos += skip;
        continue;
      }
      this.verify(text, pos - window + 1, this.candidates.get(block)!, sink);
      pos += 1;
    }
  }

  private verify(text: string, start: number, list: Int32Array, sink: PatternSink): void {
    for (const index of list) {
      const pattern = this.patterns[index]!;
      if (start + pattern.length > text.length) continue;
      let i = 0;
      while (i < pattern.length && fold(text.charCodeAt(start + i)) === pattern.charCodeAt(i)) i += 1;
      if (i === pattern.length) sink.hit(index);
    }
  }
}
