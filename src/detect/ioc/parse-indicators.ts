/**
 * One entry point for indicator text of any supported format: STIX bundles, MISP events and CSV lists, told
 * apart by the file's extension and, for JSON, by its shape.
 */
import { parseIndicatorCsv } from './csv.parser.js';
import type { ParseResult } from './indicator.js';
import { readMispJson } from './misp.parser.js';
import { readStixJson } from './stix.parser.js';

export type IndicatorTextFormat = 'stix' | 'misp' | 'csv';

export interface ParseIndicatorOptions {
  /** The file name put on indicators and problems; its extension helps tell the format. */
  file?: string | undefined;
  /** Skip the guessing. */
  format?: IndicatorTextFormat | undefined;
  /** MISP: also read attributes whose to_ids flag is off. */
  includeNonIds?: boolean | undefined;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksStix(json: unknown): boolean {
  if (isObject(json)) return json['type'] === 'bundle' || json['type'] === 'indicator';
  return (
    Array.isArray(json) &&
    json.some((item) => isObject(item) && typeof item['type'] === 'string' && typeof item['id'] === 'string')
  );
}

function looksMisp(json: unknown): boolean {
  if (isObject(json)) return 'Event' in json || 'response' in json;
  return Array.isArray(json) && json.some((item) => isObject(item) && 'Event' in item);
}

/** The JSON formats, told apart by shape; a feed manifest is named so that the caller reads the folder instead. */
function parseJsonText(text: string, options: ParseIndicatorOptions): ParseResult {
  const file = options.file;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      indicators: [],
      problems: [{ file, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  if (options.format === 'stix' || (options.format === undefined && looksStix(json)))
    return readStixJson(json, { file });
  if (options.format === 'misp' || looksMisp(json))
    return readMispJson(json, { file, includeNonIds: options.includeNonIds });
  const manifest = isObject(json) && Object.values(json).some((v) => isObject(v) && 'info' in v);
  const message = manifest
    ? 'this is a MISP feed manifest; read the feed folder (or manifest.json) with readIndicatorFile'
    : 'neither a STIX bundle nor a MISP event';
  return { indicators: [], problems: [{ file, message }] };
}

/**
 * The indicators of a text in any supported format.
 *
 * @example
 * parseIndicatorText(body, { file: 'upload.json' });           // STIX or MISP, by shape
 * parseIndicatorText('indicator\nevil.example.com\n', { file: 'list.txt' }); // CSV with guessed types
 */
export function parseIndicatorText(text: string, options: ParseIndicatorOptions = {}): ParseResult {
  const byName = options.file?.toLowerCase().replace(/\.gz$/, '');
  const csvName = byName !== undefined && /\.(csv|tsv|txt)$/.test(byName);
  if (options.format === 'csv' || (options.format === undefined && csvName))
    return parseIndicatorCsv(text, { file: options.file });
  const head = text.trimStart()[0];
  if (options.format !== undefined || head === '{' || head === '[') return parseJsonText(text, options);
  return parseIndicatorCsv(text, { file: options.file });
}
