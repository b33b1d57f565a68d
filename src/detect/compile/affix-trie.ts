/**
 * A trie of lower-case ASCII literals that must sit at the start (prefix) or at the end (suffix, stored
 * reversed) of a value. Checking a value walks the trie from that end and stops at the first character no
 * literal continues with, so a `startswith`/`endswith` need costs a few character reads, not a scan of the
 * whole value. Characters are folded like in the other literal searches. The trie lives in typed arrays (no
 * objects for the garbage collector to trace): a dense table for the root, sorted edge lists below it.
 */
import type { PatternSink } from './aho-corasick.js';
import { fold } from './fold.js';

interface Building {
  next: Map<number, number>[];
  outputs: number[][];
}

function insertAll(literals: readonly string[], fromEnd: boolean): Building {
  const trie: Building = { next: [new Map<number, number>()], outputs: [[]] };
  literals.forEach((literal, index) => {
    let node = 0;
    for (let i = 0; i < literal.length; i += 1) {
      const code = fold(literal.charCodeAt(fromEnd ? literal.length - 1 - i : i));
      let child = trie.next[node]!.get(code);
      if (child === undefined) {
        child = trie.next.length;
        trie.next.push(new Map<number, number>());
        trie.outputs.push([]);
        trie.next[node]!.set(code, child);
      }
      node = child;
    }
    trie.outputs[node]!.push(index);
  });
  return trie;
}

/**
 * @example
 * const suffixes = AffixTrie.build(['\\cmd.exe', '.dll'], 'suffix');
 * suffixes.walk('C:\\Windows\\CMD.EXE', sink); // reports 0
 */
export class AffixTrie {
  private constructor(
    private readonly fromEnd: boolean,
    private readonly root: Int32Array,
    private readonly edgeStart: Int32Array,
    private readonly edgeCode: Uint8Array,
    private readonly edgeTarget: Int32Array,
    private readonly outStart: Int32Array,
    private readonly outList: Int32Array,
  ) {}

  static build(literals: readonly string[], side: 'prefix' | 'suffix'): AffixTrie {
    const trie = insertAll(literals, side === 'suffix');
    const nodes = trie.next.length;
    const root = new Int32Array(129).fill(-1);
    for (const [code, child] of trie.next[0]!) root[code] = child;
    const edgeStart = new Int32Array(nodes + 1);
    const outStart = new Int32Array(nodes + 1);
    const codes: number[] = [];
    const targets: number[] = [];
    const outs: number[] = [];
    for (let node = 0; node < nodes; node += 1) {
      edgeStart[node] = codes.length;
      const edges = node === 0 ? [] : [...trie.next[node]!].sort((a, b) => a[0] - b[0]);
      for (const [code, child] of edges) {
        codes.push(code);
        targets.push(child);
      }
      outStart[node] = outs.length;
      outs.push(...trie.outputs[node]!);
    }
    edgeStart[nodes] = codes.length;
    outStart[nodes] = outs.length;
    return new AffixTrie(side === 'suffix', root, edgeStart, Uint8Array.from(codes), Int32Array.from(targets), outStart, Int32Array.from(outs));
  }

  /** Bytes held by the trie. */
  get bytes(): number {
    return this.root.byteLength + this.edgeStart.byteLength + this.edgeCode.byteLength + this.edgeTarget.byteLength + this.outStart.byteLength + this.outList.byteLength;
  }

  private child(node: number, code: number): number {
    if (node === 0) return this.root[code]!;
    const end = this.edgeStart[node + 1]!;
    for (let e = this.edgeStart[node]!; e < end; e += 1) {
      const edge = this.edgeCode[e]!;
      if (edge === code) return this.edgeTarget[e]!;
      if (edge > code) return -1;
    }
    return -1;
  }

  /** Reports every literal the value starts (or ends) with. */
  walk(text: string, sink: PatternSink): void {
    const length = text.length;
    let node = 0;
    for (let i = 0; i < length; i += 1) {
      node = this.child(node, fold(text.charCodeAt(this.fromEnd ? length - 1 - i : i)));
      if (node < 0) return;
      const end = this.outStart[node + 1]!;
      for (let o = this.outStart[node]!; o < end; o += 1) sink.hit(this.outList[o]!);
    }
  }
}
