/**
 * Reads YAML (rule packs, policies, scenarios, estates; JSON too, read as YAML 1.2, which it is a subset of)
 * keeping its syntax tree, so that a field path (`rules[2].clock.anchors[0].from`) can be mapped back to the
 * line and column where it was written. Syntax errors come back with their position and a hint.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type ErrorCode, type YAMLError } from 'yaml';
import type { Issue } from './errors.js';

export type FieldPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds where a field was written: its value (default) or its key. */
export type Locator = (path: FieldPath, at?: 'key' | 'value') => SourcePosition | undefined;

export type YamlSource = { ok: true; data: unknown; locate: Locator } | { ok: false; issues: Issue[] };

const HINTS: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'align keys of the same mapping at the same column and indent nested items with spaces',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each key may appear once per mapping; remove or rename one of them',
  MISSING_CHAR: 'close the quote, bracket or brace that was opened before this point',
  MULTIPLE_DOCS: 'put everything in one document: remove the extra `---` separator',
  BLOCK_AS_IMPLICIT_KEY: 'a key must fit on one line; check for a missing `:` or a stray indentation',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing `:` on the line before',
  UNEXPECTED_TOKEN: 'check for a stray character, a missing `:` after a key or a missing `- ` before a list item',
  BAD_DQ_ESCAPE: 'inside double quotes, write a backslash as `\\\\`, or use single quotes',
  BAD_SCALAR_START: 'quote values that start with a special character such as `@`, `` ` `` or `%`',
  BLOCK_IN_FLOW: 'inside `[ ]` or `{ }`, write items on the same style: no `- ` lists or indented mappings',
  RESOURCE_EXHAUSTION: 'the file expands too many aliases; write the values out instead of using `*aliases`',
};

/** What to check for a YAML syntax error, or undefined when there is nothing specific to say. */
export function yamlSyntaxHint(error: YAMLError): string | undefined {
  if (error.code === 'MISSING_CHAR' && error.message.includes('indicator')) {
    return 'check the indentation: items of a list start with `- ` at the same column and their fields line up';
  }
  if (error.code === 'BAD_INDENT' && error.message.startsWith('Flow')) return 'close the `[` or `{` opened before this point';
  return HINTS[error.code];
}

/** A YAML document with its positions: what both readers start from. */
export interface YamlDocument {
  doc: Document;
  position: (offset: number) => SourcePosition;
  locate: Locator;
}

/** Parses YAML text into a document whose fields can be located (check `doc.errors` before using it). */
export function parseYamlDocument(text: string): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  };
  return { doc, position, locate: (path, at = 'value') => locate(doc, path, at, position) };
}

/**
 * Parses YAML text; syntax errors come back as issues with their line and column.
 *
 * @example
 * const source = readYamlSource('rules:\n  - id: x\n', 'eu.yaml');
 * if (source.ok) source.locate(['rules', 0, 'id']); // { line: 2, column: 9 }
 */
export function readYamlSource(text: string, file: string): YamlSource {
  const { doc, position, locate: locator } = parseYamlDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({
        file,
        ...position(error.pos[0]),
        message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}`,
        hint: yamlSyntaxHint(error) ?? 'check the indentation and quoting near this point',
      })),
    };
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: 100 }), locate: locator };
  } catch (error) {
    return { ok: false, issues: [{ file, message: error instanceof Error ? error.message : String(error), hint: HINTS.RESOURCE_EXHAUSTION ?? '' }] };
  }
}

function locate(doc: Document, path: FieldPath, at: 'key' | 'value', position: (offset: number) => SourcePosition): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let best = offsetOf(node);
  for (const [depth, part] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const step = stepInto(node, part);
    if (!step) break;
    if (at === 'key' && depth === path.length - 1 && step.keyOffset !== undefined) return position(step.keyOffset);
    node = step.node;
    best = offsetOf(node) ?? step.keyOffset ?? best;
  }
  return best === undefined ? undefined : position(best);
}

function offsetOf(node: unknown): number | undefined {
  return isScalar(node) || isMap(node) || isSeq(node) || isAlias(node) ? node.range?.[0] : undefined;
}

function stepInto(node: unknown, part: string | number): { node: unknown; keyOffset?: number } | undefined {
  if (isSeq(node) && typeof part === 'number') {
    const item: unknown = node.items[part];
    if (item === undefined) return undefined;
    return isPair(item) ? { node: item.value, ...keyOffsetOf(item.key) } : { node: item };
  }
  if (!isMap(node)) return undefined;
  const pair = node.items.find((candidate) => keyText(candidate.key) === String(part));
  return pair ? { node: pair.value, ...keyOffsetOf(pair.key) } : undefined;
}

function keyOffsetOf(key: unknown): { keyOffset?: number } {
  const offset = isScalar(key) ? key.range?.[0] : undefined;
  return offset === undefined ? {} : { keyOffset: offset };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}
