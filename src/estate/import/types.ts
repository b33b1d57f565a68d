/**
 * Shared shapes of the import pipeline: formats, field paths, source locations and located problems.
 */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument } from '../schema.js';

/** The file formats an estate can be imported from. */
export type EstateFormat = 'yaml' | 'json' | 'csv';

/** The path of a field inside a document: keys and list indexes, e.g. `['hosts', 3, 'ips', 0]`. */
export type FieldPath = readonly (string | number)[];

/** A 1-based position in a file. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** Finds where a field sits in the file it was read from. */
export interface SourceMap {
  /**
   * Where the value at `path` starts (or, with `at: 'key'`, its key). A path that does not exist in the
   * file (a missing field) resolves to the nearest enclosing field that does.
   */
  locate(path: FieldPath, at?: 'key' | 'value'): SourceLocation | undefined;
}

/** The outcome of reading a file: raw data plus a source map, or the syntax problems that stopped it. */
export type ParsedEstateFile =
  | { ok: true; file: string; format: EstateFormat; data: unknown; sourceMap: SourceMap }
  | { ok: false; file: string; issues: Issue[] };

/** A problem found by a check, located by field path; turned into an `Issue` with line and column later. */
export interface PathIssue {
  path: FieldPath;
  message: string;
  hint: string;
  /** Point at the key rather than the value (unknown keys). */
  at?: 'key' | 'value';
}

/** The lists of an estate document, by the name they have in the file. */
export type EstateKind = Exclude<keyof EstateDocument, 'version'>;

/** Every list of an estate document, in file order. */
export const ESTATE_KINDS: readonly EstateKind[] = [
  'regions',
  'entities',
  'sites',
  'segments',
  'links',
  'hosts',
  'services',
  'dataStores',
];

/** An item of the incoming file with its index in its list, so that problems can point at it. */
export interface Located<T> {
  index: number;
  value: T;
}

/**
 * Formats a field path the way users read it: `hosts[3].ips[0]`.
 *
 * @example formatPath(['hosts', 3, 'ips', 0]) // 'hosts[3].ips[0]'
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
