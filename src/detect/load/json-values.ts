/**
 * Splitting event files into JSON values without reading them as one string: JSON lines (one value per line,
 * parsed from the Buffer slice) and files holding several pretty-printed objects one after another (as in
 * SigmaHQ's regression data), which are neither an array nor JSON lines.
 */

/** A line or object that is not valid JSON, with its 1-based line. */
export interface JsonProblem {
  line: number;
  reason: string;
}

/**
 * Calls `onValue` for each JSON line of the buffer; empty lines are skipped, bad lines reported.
 *
 * @example
 * forEachJsonLine(gunzipSync(bytes), (value) => engine.evaluate(value), (p) => problems.push(p));
 */
export function forEachJsonLine(buffer: Buffer, onValue: (value: unknown, line: number) => void, onProblem: (problem: JsonProblem) => void): number {
  let start = 0;
  let line = 0;
  let count = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    line += 1;
    const stop = end > start && buffer[end - 1] === 13 ? end - 1 : end;
    if (stop > start) {
      const text = buffer.toString('utf8', start, stop);
      try {
        onValue(JSON.parse(text), line);
        count += 1;
      } catch (error) {
        if (text.trim() !== '') onProblem({ line, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    start = end + 1;
  }
  return count;
}

function objectEnd(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if ((c === '}' || c === ']') && (depth -= 1) === 0) return i + 1;
  }
  return -1;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * The JSON values of a text: one array's items, or one or more values written one after another.
 *
 * @example
 * parseJsonValues('{"a":1}\n{"a":2}').values; // [{ a: 1 }, { a: 2 }]
 */
export function parseJsonValues(text: string): { values: unknown[]; problems: JsonProblem[] } {
  const values: unknown[] = [];
  const problems: JsonProblem[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && /\s/.test(text[at]!)) at += 1;
    if (at >= text.length) break;
    const structured = text[at] === '{' || text[at] === '[';
    const newline = text.indexOf('\n', at);
    const end = structured ? objectEnd(text, at) : newline < 0 ? text.length : newline;
    const slice = text.slice(at, end < 0 ? text.length : end);
    try {
      const value: unknown = JSON.parse(slice);
      if (Array.isArray(value) && at === 0 && end >= text.trimEnd().length) values.push(...(value as unknown[]));
      else values.push(value);
    } catch (error) {
      problems.push({ line: lineAt(text, at), reason: error instanceof Error ? error.message : String(error) });
    }
    if (end < 0) break;
    at = end;
  }
  return { values, problems };
}
