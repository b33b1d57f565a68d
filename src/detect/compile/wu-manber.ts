/**
 * Wu-Manber multi-literal search (block size 2) over lower-case ASCII literals, for literal sets whose shortest
 * member is long: a window of `m` characters slides over the text and a table of shifts for the window's last
 * two characters skips up to m-1 characters at a time, so most of a long value is never looked at. Folding is
 * the same as in the Aho-Corasick automaton (fold.ts).
 */
import type { PatternSink } from './aho-corasick.js';
import { fold } from './fold.js';

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
  /** The shift for two raw ASCII characters (case folded in), so the hot loop needs no folding. */
  private readonly asciiShift: Uint8Array;

  private constructor(
    private readonly patterns: readonly string[],
    private readonly window: number,
    private readonly shift: Uint8Array,
    /** Block -> index in `lists` where its literals start (each list ends with -1). */
    private readonly candidates: ReadonlyMap<number, number>,
    private readonly lists: Int32Array,
  ) {
    this.asciiShift = new Uint8Array(128 * 128);
    for (let a = 0; a < 128; a += 1) {
      for (let b = 0; b < 128; b += 1) this.asciiShift[(a << 7) | b] = shift[blockOf(fold(a), fold(b))]!;
    }
  }

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
    const candidates = new Map<number, number>();
    const flat: number[] = [];
    for (const [block, list] of lists) {
      candidates.set(block, flat.length);
      flat.push(...list, -1);
    }
    return new WuManber(patterns, m, shift, candidates, Int32Array.from(flat));
  }

  /** The longest list of literals sharing one final block: long lists make verification slow. */
  get crowding(): number {
    let most = 0;
    let run = 0;
    for (const index of this.lists) {
      run = index < 0 ? 0 : run + 1;
      most = Math.max(most, run);
    }
    return most;
  }

  /** Bytes held by the tables. */
  get bytes(): number {
    const bytes = this.shift.byteLength + this.asciiShift.byteLength + this.lists.byteLength + this.candidates.size * 24;
    return bytes + this.patterns.reduce((n, p) => n + p.length * 2 + 16, 0);
  }

  /** Reports every literal occurring in `text` (case-insensitively) to the sink; a literal may repeat. */
  scan(text: string, sink: PatternSink): void {
    const { window, shift, asciiShift } = this;
    const end = text.length;
    let pos = window - 1;
    while (pos < end) {
      const a = text.charCodeAt(pos - 1);
      const b = text.charCodeAt(pos);
      const skip = (a | b) < 128 ? asciiShift[(a << 7) | b]! : shift[blockOf(fold(a), fold(b))]!;
      if (skip > 0) {
        pos += skip;
        continue;
      }
      this.verify(text, pos - window + 1, this.candidates.get(blockOf(fold(a), fold(b)))!, sink);
      pos += 1;
    }
  }

  private verify(text: string, start: number, from: number, sink: PatternSink): void {
    const lists = this.lists;
    for (let at = from; lists[at]! >= 0; at += 1) {
      const index = lists[at]!;
      const pattern = this.patterns[index]!;
      if (start + pattern.length > text.length) continue;
      let i = 0;
      while (i < pattern.length && fold(text.charCodeAt(start + i)) === pattern.charCodeAt(i)) i += 1;
      if (i === pattern.length) sink.hit(index);
    }
  }
}
