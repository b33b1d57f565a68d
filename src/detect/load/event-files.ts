/**
 * Reads one event file: JSON lines (`.jsonl`, `.ndjson`), optionally gzipped (`.gz`), or `.json` holding an
 * array or several objects one after another (evtx_dump output). Bad lines and unreadable files become
 * problems with file and line; the rest is still delivered.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { forEachJsonLine, parseJsonValues, type JsonProblem } from './json-values.js';

export interface EventFileProblem extends JsonProblem {
  file: string;
}

export interface EventFileResult {
  events: number;
  problems: EventFileProblem[];
}

function decompress(file: string, bytes: Buffer): Buffer {
  return file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/**
 * Calls `onEvent` for every event of the file, in order.
 *
 * @example
 * const { events, problems } = await readEventFile('logs/a.jsonl.gz', (e) => engine.evaluate(e));
 */
export async function readEventFile(file: string, onEvent: (event: unknown, line: number) => void): Promise<EventFileResult> {
  const problems: EventFileProblem[] = [];
  let buffer: Buffer;
  try {
    buffer = decompress(file, await readFile(file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { events: 0, problems: [{ file, line: 0, reason: `cannot read: ${reason}` }] };
  }
  const report = (p: JsonProblem): void => void problems.push({ file, ...p });
  if (/\.json(\.gz)?$/i.test(file)) {
    const { values, problems: bad } = parseJsonValues(buffer.toString('utf8'));
    bad.forEach(report);
    values.forEach((v) => onEvent(v, 0));
    return { events: values.length, problems };
  }
  const events = forEachJsonLine(buffer, onEvent, report);
  return { events, problems };
}
