/**
 * An Aho-Corasick automaton over lower-case ASCII literals, compiled to a dense DFA: one table lookup per
 * character of the scanned text, ASCII letters folded to lower case on the fly (no lower-cased copy of the
 * text is made). Characters outside ASCII fall into a class no literal contains, except the few that fold to
 * an ASCII letter (see fold.ts), so a scan never misses a literal a rule's own test could find.
 */
import { fold } from './fold.js';

/** Receives the index of every literal found; implemented by the caller to avoid allocating per scan. */
export interface PatternSink {
  hit(pattern: number): void;
}

interface Trie {
  next: Map<number, number>[];
  outputs: number[][];
}

function buildTrie(patterns: readonly string[], classOf: Uint8Array): Trie {
  const trie: Trie = { next: [new Map<number, number>()], outputs: [[]] };
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i += 1) {
      const cls = classOf[fold(pattern.charCodeAt(i))]!;
      let target = trie.next[state]!.get(cls);
      if (target === undefined) {
        target = trie.next.length;
        trie.next.push(new Map<number, number>());
        trie.outputs.push([]);
        trie.next[state]!.set(cls, target);
      }
      state = target;
    }
    trie.outputs[state]!.push(index);
  });
  return trie;
}

/** Renumbers the trie's states breadth first, so that the shallow states a scan visits most sit together. */
function breadthFirst(trie: Trie): Trie {
  const order: number[] = [0];
  for (let head = 0; head < order.length; head += 1) order.push(...trie.next[order[head]!]!.values());
  const id = new Int32Array(order.length);
  order.forEach((old, index) => (id[old] = index));
  return {
    next: order.map((old) => new Map([...trie.next[old]!].map(([cls, child]) => [cls, id[child]!]))),
    outputs: order.map((old) => trie.outputs[old]!),
  };
}

/**
 * The automaton. Build it once per field and rule group, then scan each event's field text.
 *
 * @example
 * const ac = AhoCorasick.build(['rundll32', 'comsvcs']);
 * ac.scan('C:\\Windows\\System32\\RUNDLL32.exe comsvcs.dll', { hit: (p) => console.log(p) }); // 0, 1
 */
export class AhoCorasick {
  private constructor(
    private readonly classOf: Uint8Array,
    private readonly width: number,
    private readonly table: Uint16Array | Int32Array,
    private readonly firstOut: Int32Array,
    private readonly outPattern: Int32Array,
    private readonly outNext: Int32Array,
    private readonly dict: Int32Array,
  ) {}

  static build(patterns: readonly string[]): AhoCorasick {
    const classOf = new Uint8Array(129);
    let width = 1;
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.length; i += 1) {
        const code = fold(pattern.charCodeAt(i));
        if (code < 128 && classOf[code] === 0) classOf[code] = width++;
      }
    }
    for (let code = 65; code <= 90; code += 1) classOf[code] = classOf[code + 32]!; // fold case in the table
    const trie = breadthFirst(buildTrie(patterns, classOf));
    const states = trie.next.length;
    const table = new Int32Array(states * width);
    const fail = new Int32Array(states);
    const dict = new Int32Array(states).fill(-1);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      for (let cls = 0; cls < width; cls += 1) {
        const child = trie.next[state]!.get(cls);
        const viaFail = state === 0 ? 0 : table[fail[state]! * width + cls]!;
        if (child === undefined) {
          table[state * width + cls] = viaFail;
          continue;
        }
        table[state * width + cls] = child;
        fail[child] = viaFail;
        dict[child] = trie.outputs[viaFail]!.length > 0 ? viaFail : dict[viaFail]!;
        queue.push(child);
      }
    }
    const { firstOut, outPattern, outNext } = flattenOutputs(trie.outputs);
    const compact = states <= 0xffff ? Uint16Array.from(table) : table;
    return new AhoCorasick(classOf, width, compact, firstOut, outPattern, outNext, dict);
  }

  /** Bytes held by the automaton's tables. */
  get bytes(): number {
    return this.table.byteLength + this.firstOut.byteLength * 2 + this.outPattern.byteLength * 2 + this.dict.byteLength;
  }

  /** Reports every literal occurring in `text` (case-insensitively) to the sink; a literal may repeat. */
  scan(text: string, sink: PatternSink): void {
    const { classOf, width, table, firstOut, dict } = this;
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      state = table[state * width + (code < 128 ? classOf[code]! : classOf[fold(code)]!)]!;
      let out = firstOut[state]! >= 0 ? state : dict[state]!;
      while (out >= 0) {
        this.emit(out, sink);
        out = dict[out]!;
      }
    }
  }

  private emit(state: number, sink: PatternSink): void {
    for (let o = this.firstOut[state]!; o >= 0; o = this.outNext[o]!) sink.hit(this.outPattern[o]!);
  }
}

function flattenOutputs(outputs: readonly number[][]): { firstOut: Int32Array; outPattern: Int32Array; outNext: Int32Array } {
  const total = outputs.reduce((n, o) => n + o.length, 0);
  const firstOut = new Int32Array(outputs.length).fill(-1);
  const outPattern = new Int32Array(total);
  const outNext = new Int32Array(total).fill(-1);
  let at = 0;
  outputs.forEach((list, state) => {
    for (const pattern of list) {
      outPattern[at] = pattern;
      outNext[at] = firstOut[state]!;
      firstOut[state] = at;
      at += 1;
    }
  });
  return { firstOut, outPattern, outNext };
}
