/**
 * Reads a YAML file (rule pack, policy, scenario) keeping its syntax tree, so that a field path (`rules[2].clock.anchors[0].from`)
 * can be mapped back to the line and column where it was written.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Issue } from './errors.js';

export type FieldPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

export type YamlSource =
  | { ok: true; data: unknown; locate: (path: FieldPath, at?: 'key' | 'value') => SourcePosition | undefined }
  | { ok: false; issues: Issue[] };

/**
 * Parses YAML text; syntax errors come back as issues with their line and column.
 *
 * @example
 * const source = readYamlSource('rules:\n  - id: x\n', 'eu.yaml');
 * if (source.ok) source.locate(['rules', 0, 'id']); // { line: 2, column: 9 }
 */
export function readYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({
        file,
        ...position(error.pos[0]),
        message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}`,
        hint: 'check the indentation and quoting near this point',
      })),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return { ok: true, data, locate: (path, at = 'value') => locate(doc, path, at, position) };
}

function locate(
  doc: Document,
  path: FieldPath,
  at: 'key' | 'value',
  position: (offset: number) => SourcePosition,
): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let best = offsetOf(node);
  for (const [depth, part] of path.entries()) {
    const step = stepInto(node, part);
    if (!step) break;
    if (at === 'key' && depth === path.length - 1 && step.keyOffset !== undefined) return position(step.keyOffset);
    node = step.node;
    best = offsetOf(node) ?? step.keyOffset ?? best;
  }
  return best === undefined ? undefined : position(best);
}

function offsetOf(node: unknown): number | undefined {
  return isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
}

function stepInto(node: unknown, part: string | number): { node: unknown; keyOffset?: number } | undefined {
  if (isSeq(node) && typeof part === 'number') {
    const item: unknown = node.items[part];
    return item === undefined ? undefined : { node: item };
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find(
    (candidate) => isPair(candidate) && isScalar(candidate.key) && String(candidate.key.value) === String(part),
  );
  if (!pair) return undefined;
  const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
  return keyOffset === undefined ? { node: pair.value } : { node: pair.value, keyOffset };
}
