/**
 * The one place that reads indicator files: a STIX, MISP or CSV file (gunzipped when it ends in `.gz`), or a
 * MISP feed (a folder holding manifest.json and one `<uuid>.json` per event, or the manifest itself). A file
 * that cannot be read becomes a problem; nothing throws.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Issue } from '../../shared/errors.js';
import type { ParseResult } from './indicator.js';
import { parseMispEvent, parseMispManifest } from './misp.parser.js';
import { parseIndicatorText, type ParseIndicatorOptions } from './parse-indicators.js';

export interface ReadIndicatorOptions extends Omit<ParseIndicatorOptions, 'file'> {
  /** Largest file accepted, after gunzip (default 256 MiB). */
  maxBytes?: number | undefined;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readText(file: string, maxBytes: number): Promise<string | Issue> {
  try {
    const bytes = await readFile(file);
    const plain = file.toLowerCase().endsWith('.gz') ? gunzipSync(bytes, { maxOutputLength: maxBytes }) : bytes;
    if (plain.length > maxBytes)
      return { file, message: `larger than ${maxBytes} bytes; not read`, hint: 'split the file' };
    return plain.toString('utf8');
  } catch (error) {
    return {
      file,
      message: `cannot read: ${reason(error)}`,
      hint: file.endsWith('.gz') ? 'is the gzip file complete?' : undefined,
    };
  }
}

async function readFeed(dir: string, options: ReadIndicatorOptions, maxBytes: number): Promise<ParseResult> {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = await readText(manifestFile, maxBytes);
  if (typeof manifest !== 'string') return { indicators: [], problems: [manifest] };
  const { events, problems } = parseMispManifest(manifest, manifestFile);
  const out: ParseResult = { indicators: [], problems };
  for (const uuid of events) {
    const file = path.join(dir, `${uuid}.json`);
    const text = await readText(file, maxBytes);
    if (typeof text !== 'string') {
      out.problems.push(text);
      continue;
    }
    const result = parseMispEvent(text, { file, includeNonIds: options.includeNonIds });
    out.indicators.push(...result.indicators);
    out.problems.push(...result.problems);
  }
  return out;
}

/**
 * Reads one indicator file or MISP feed.
 *
 * @example
 * const { indicators, problems } = await readIndicatorFile('feeds/qbot.stix.json.gz');
 * const index = IndicatorIndex.from(indicators);
 */
export async function readIndicatorFile(target: string, options: ReadIndicatorOptions = {}): Promise<ParseResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const info = await stat(target);
    if (info.isDirectory()) return await readFeed(target, options, maxBytes);
  } catch (error) {
    return { indicators: [], problems: [{ file: target, message: `cannot read: ${reason(error)}` }] };
  }
  if (path.basename(target).toLowerCase() === 'manifest.json') return readFeed(path.dirname(target), options, maxBytes);
  const text = await readText(target, maxBytes);
  if (typeof text !== 'string') return { indicators: [], problems: [text] };
  return parseIndicatorText(text, { ...options, file: target });
}
