/**
 * Domain indicators in a trie of reversed labels (`a.evil.com` is stored as com -> evil -> a), so that a name
 * in an event finds every indicator for itself and for each of its parent domains in one walk from the
 * top-level label down: `evil.com` matches `a.b.evil.com`, never `notevil.com`.
 */
import { collectLive, type Entry } from './entries.js';
import type { Indicator } from './indicator.js';

interface Node {
  children: Map<string, Node> | undefined;
  entries: Entry[] | undefined;
}

function newNode(): Node {
  return { children: undefined, entries: undefined };
}

export class DomainTrie {
  private readonly root = newNode();
  private count = 0;

  /** Adds a normalised domain (lower-case, no trailing dot). */
  add(domain: string, entry: Entry): void {
    let node = this.root;
    for (const label of domain.split('.').reverse()) {
      node.children ??= new Map();
      let child = node.children.get(label);
      if (!child) {
        child = newNode();
        node.children.set(label, child);
      }
      node = child;
    }
    if (!node.entries) this.count += 1;
    (node.entries ??= []).push(entry);
  }

  /**
   * Pushes the live indicators for the name and each of its parents, the widest domain first.
   *
   * @example
   * trie.lookup('a.b.evil.com', now, out); // indicators for evil.com, b.evil.com, a.b.evil.com
   */
  lookup(name: string, now: number, out: Indicator[]): void {
    let node: Node | undefined = this.root;
    let end = name.length;
    while (node?.children !== undefined && end > 0) {
      const start = name.lastIndexOf('.', end - 1) + 1;
      node = node.children.get(name.slice(start, end));
      if (node) collectLive(node.entries, now, out);
      end = start - 1;
    }
  }

  /** The number of distinct domains held. */
  get size(): number {
    return this.count;
  }
}
