/**
 * Reads YAML and JSON (JSON is read as YAML 1.2, which it is a subset of) with the `yaml` package, keeping
 * the syntax tree so that every field path can be mapped back to its line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, ErrorCode, YAMLError } from 'yaml';
import type { Issue } from '../../shared/errors.js';
import type { EstateFormat, FieldPath, ParsedEstateFile, SourceLocation, SourceMap } from './types.js';

const HINTS: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: 'align keys of the same mapping at the same column and indent nested items with spaces',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each key may appear once per mapping; remove or rename one of them',
  MISSING_CHAR: 'close the quote, bracket or brace that was opened before this point',
  MULTIPLE_DOCS: 'put the whole estate in one document: remove the extra `---` separator',
  BLOCK_AS_IMPLICIT_KEY: 'a key must fit on one line; check for a missing `:` or a stray indentation',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing `:` on the line before',
  UNEXPECTED_TOKEN: 'check for a stray character, a missing `:` after a key or a missing `- ` before a list item',
  BAD_DQ_ESCAPE: 'inside double quotes, write a backslash as `\\\\`, or use single quotes',
  BAD_SCALAR_START: 'quote values that start with a special character such as `@`, `` ` `` or `%`',
  BLOCK_IN_FLOW: 'inside `[ ]` or `{ }`, write items on the same style: no `- ` lists or indented mappings',
  RESOURCE_EXHAUSTION: 'the file expands too many aliases; write the values out instead of using `*aliases`',
};

const JSON_HINT = 'check for a missing or extra comma (JSON allows no trailing comma), bracket, brace or quote here';

/** Parses YAML or JSON text into raw data and a source map, or syntax issues with their positions. */
export function parseYamlSource(text: string, file: string, format: Exclude<EstateFormat, 'csv'>): ParsedEstateFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourceLocation => toLocation(lineCounter, offset);
  const jsonIssue = format === 'json' ? jsonSyntaxIssue(text, file, position) : undefined;
  if (jsonIssue !== undefined && (jsonIssue.line !== undefined || doc.errors.length === 0)) {
    return { ok: false, file, issues: [jsonIssue] };
  }
  if (doc.errors.length > 0) {
    return { ok: false, file, issues: doc.errors.map((error) => syntaxIssue(error, file, format, position)) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, file, issues: [{ file, message, hint: HINTS.RESOURCE_EXHAUSTION ?? '' }] };
  }
  return { ok: true, file, format, data, sourceMap: yamlSourceMap(doc, position) };
}

function toLocation(lineCounter: LineCounter, offset: number): SourceLocation {
  const { line, col } = lineCounter.linePos(offset);
  return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
}

function syntaxIssue(
  error: YAMLError,
  file: string,
  format: 'yaml' | 'json',
  position: (offset: number) => SourceLocation,
): Issue {
  const { line, column } = position(error.pos[0]);
  const hint = yamlHint(error) ?? (format === 'json' ? JSON_HINT : 'check the YAML syntax near this point');
  const kind = format === 'json' ? 'JSON' : 'YAML';
  return { file, line, column, message: `${kind} syntax error: ${error.message}`, hint };
}

function yamlHint(error: YAMLError): string | undefined {
  if (error.code === 'MISSING_CHAR' && error.message.includes('indicator')) {
    return 'check the indentation: items of a list start with `- ` at the same column and their fields line up';
  }
  if (error.code === 'BAD_INDENT' && error.message.startsWith('Flow'))
    return 'close the `[` or `{` opened before this point';
  return HINTS[error.code];
}

/**
 * JSON's own account of the first syntax error ("Expected ',' or '}' after property value"): the YAML
 * parser accepts some things JSON does not (trailing commas, comments) and words its errors for YAML.
 */
function jsonSyntaxIssue(text: string, file: string, position: (offset: number) => SourceLocation): Issue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = / in JSON at position (\d+)/.exec(message);
    const offset =
      match?.[1] !== undefined ? Number(match[1]) : message.includes('end of JSON') ? text.length : undefined;
    const issue: Issue = { file, message: `JSON syntax error: ${message.slice(0, match?.index)}`, hint: JSON_HINT };
    return offset === undefined ? issue : { ...issue, ...position(offset) };
  }
}

/** A source map that walks the syntax tree on demand, so that large files cost nothing up front. */
function yamlSourceMap(doc: Document, position: (offset: number) => SourceLocation): SourceMap {
  const offsetOf = (node: unknown): number | undefined => {
    if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
    return undefined;
  };
  return {
    locate(path: FieldPath, at: 'key' | 'value' = 'value') {
      let node: unknown = doc.contents;
      let best = offsetOf(node);
      for (const [depth, part] of path.entries()) {
        if (isAlias(node)) node = node.resolve(doc);
        const step = stepInto(node, part);
        if (!step) break;
        if (at === 'key' && depth === path.length - 1 && step.keyOffset !== undefined) {
          return position(step.keyOffset);
        }
        node = step.node;
        best = offsetOf(node) ?? step.keyOffset ?? best;
      }
      return best === undefined ? undefined : position(best);
    },
  };
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
