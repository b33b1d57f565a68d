/**
 * A trie of lower-case ASCII literals that must sit at the start (prefix) or at the end (suffix, stored
 * reversed) of a value. Checking a value walks the trie from that end and stops at the first character no
 * literal continues with, so a `startswith`/`endswith` need costs a few character reads, not a scan of the
 * whole value. Characters are folded like in the other literal searches.
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

/**
 * @example
 * const suffixes = AffixTrie.build(['\\cmd.exe', '.dll'], 'suffix');
 * suffixes.walk('C:\\Windows\\CMD.EXE', sink); // reports 0
 */
export class AffixTrie {
  private constructor(
    private readonly fromEnd: boolean,
    private readonly next: readonly Map<number, number>[],
    private readonly outputs: readonly (Int32Array | undefined)[],
  ) {}

  static build(literals: readonly string[], side: 'prefix' | 'suffix'): AffixTrie {
    const next: Map<number, number>[] = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    literals.forEach((literal, index) => {
      let node = 0;
      for (let i = 0; i < literal.length; i += 1) {
        const code = fold(literal.charCodeAt(side === 'prefix' ? i : literal.length - 1 - i));
        let child = next[node]!.get(code);
        if (child === undefined) {
          child = next.length;
          next.push(new Map<number, number>());
          outputs.push([]);
          next[node]!.set(code, child);
        }
        node = child;
      }
      outputs[node]!.push(index);
    });
    return new AffixTrie(side === 'suffix', next, outputs.map((o) => (o.length > 0 ? Int32Array.from(o) : undefined)));
  }

  /** Approximate bytes held by the trie. */
  get bytes(): number {
    return this.next.reduce((n, m) => n + 64 + m.size * 24, 0) + this.outputs.reduce((n, o) => n + (o?.byteLength ?? 0), 0);
  }

  /** Reports every literal the value starts (or ends) with. */
  walk(text: string, sink: PatternSink): void {
    const length = text.length;
    let node = 0;
    for (let i = 0; i < length; i += 1) {
      const child = this.next[node]!.get(fold(text.charCodeAt(this.fromEnd ? length - 1 - i : i)));
      if (child === undefined) return;
      node = child;
      const out = this.outputs[node];
      if (out !== undefined) for (const index of out) sink.hit(index);
    }
  }
}
