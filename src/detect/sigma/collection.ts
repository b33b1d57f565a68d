/**
 * Reads the YAML text of one rule file: one or several documents. Multi-document rule collections follow the
 * Sigma 1.0 rules: `action: global` is merged into every following document, `action: reset` clears it, and
 * `action: repeat` repeats the previous document with its own keys merged over it. Every document that cannot
 * be used becomes a LoadProblem with its line; the others are returned.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type ScalarTag, type Tags } from 'yaml';
import { parseDocument, type DocumentOptions } from './document.js';
import { errorHint, errorPath, errorReason, type LoadProblem } from './problems.js';
import type { DocPath, SigmaDocument } from './types.js';

type Plain = Record<string, unknown>;

/** PyYAML's YAML 1.1 decimal integers: no leading zeros, so `00000429` (a registry value) stays text. */
const DECIMAL_INT = /^[-+]?(?:0|[1-9][0-9_]*)$/;

function pyyamlTags(tags: Tags): Tags {
  return tags.map((tag) =>
    typeof tag === 'object' && tag.tag === 'tag:yaml.org,2002:int' && tag.format === undefined ? ({ ...tag, test: DECIMAL_INT } as ScalarTag) : tag,
  );
}

function isPlainMap(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Deep merge: maps merge key by key, anything else is replaced by the later value. */
function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isPlainMap(prior) && isPlainMap(value) ? merge(prior, value) : value;
  }
  return out;
}

/** The 1-based line of the key (or list item) at `path` in the document, or undefined. */
function lineOf(doc: Document, counter: LineCounter, path: DocPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      offset = (node as Node | undefined)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

export interface ParsedFile {
  documents: SigmaDocument[];
  problems: LoadProblem[];
}

interface Pending {
  doc: Document;
  start: number;
}

/**
 * Parses the text of one rule file into Sigma documents and problems.
 *
 * @example
 * const { documents, problems } = parseRuleFile('rules/x.yml', text, { placeholders: {} });
 */
export function parseRuleFile(file: string, text: string, options: DocumentOptions): ParsedFile {
  const counter = new LineCounter();
  // YAML 1.1 as PyYAML reads SigmaHQ's rules: `00000429` stays text, `0x10` is 16, `2024-01-01` a date.
  const docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: true, schema: 'yaml-1.1', customTags: pyyamlTags });
  const out: ParsedFile = { documents: [], problems: [] };
  if (!Array.isArray(docs)) return out;
  let global: Plain = {};
  let previous: Plain | undefined;
  for (const doc of docs) {
    const start = counter.linePos(doc.range[0]).line;
    const syntax = doc.errors[0];
    if (syntax) {
      out.problems.push({ file, line: syntax.linePos?.[0].line ?? start, reason: `YAML: ${syntax.message.split('\n')[0]}` });
      continue;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (!isPlainMap(value)) {
      out.problems.push({ file, line: start, reason: 'a rule document must be a YAML map' });
      continue;
    }
    const { action, ...body } = value;
    if (action === 'global') global = merge(global, body);
    else if (action === 'reset') global = {};
    else if (action === 'repeat') {
      if (!previous) out.problems.push({ file, line: start, reason: '"action: repeat" has no previous document' });
      else previous = build(merge(previous, body), { doc, start }, counter, file, options, out);
    } else if (action !== undefined) {
      out.problems.push({ file, line: start, reason: `unknown collection action ${JSON.stringify(action)}`, hint: 'use global, reset or repeat' });
    } else {
      previous = build(merge(global, body), { doc, start }, counter, file, options, out);
    }
  }
  return out;
}

function build(merged: Plain, at: Pending, counter: LineCounter, file: string, options: DocumentOptions, out: ParsedFile): Plain {
  try {
    out.documents.push(parseDocument(merged, file, at.start, options));
  } catch (error) {
    const id = typeof merged['id'] === 'string' ? merged['id'] : undefined;
    const hint = errorHint(error);
    out.problems.push({
      file,
      line: lineOf(at.doc, counter, errorPath(error)) ?? at.start,
      ...(id ? { ruleId: id } : {}),
      reason: errorReason(error),
      ...(hint ? { hint } : {}),
    });
  }
  return merged;
}
