/**
 * Turns a CSV of hosts into `{ hosts: [...] }`. The header row names the columns:
 * `hostname,ips,os,role,criticality,entity,segment,tags` (any order; `ips`, `criticality` and `tags` may be
 * left out). `ips` and `tags` hold several values separated by `;` or spaces (commas work inside a quoted cell).
 */
import type { Issue } from '../../shared/errors.js';
import { readCsv } from './csv.js';
import type { CsvCell, CsvRecord } from './csv.js';
import type { FieldPath, ParsedEstateFile, SourceLocation, SourceMap } from './types.js';

/** The columns of a hosts CSV, in the documented order. */
export const CSV_HOST_COLUMNS = ['hostname', 'ips', 'os', 'role', 'criticality', 'entity', 'segment', 'tags'] as const;
type Column = (typeof CSV_HOST_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['hostname', 'os', 'role', 'entity', 'segment'];
const LIST_COLUMNS: ReadonlySet<Column> = new Set(['ips', 'tags']);
const HEADER_HINT = `the header row is ${CSV_HOST_COLUMNS.join(',')}`;

interface Row {
  line: number;
  cells: Map<Column, CsvCell>;
}

/** Parses a hosts CSV into raw data and a source map (one row per host), or the problems that stop it. */
export function parseHostsCsv(text: string, file: string): ParsedEstateFile {
  const { records, problems } = readCsv(text);
  const issues: Issue[] = problems.map((problem) => ({ file, ...problem }));
  const [header, ...body] = records;
  if (header === undefined) {
    issues.push({ file, line: 1, column: 1, message: 'the file has no header row', hint: HEADER_HINT });
    return { ok: false, file, issues };
  }
  const columns = readHeader(header, file, issues);
  if (issues.length > 0 || columns === undefined) return { ok: false, file, issues };
  const rows: Row[] = [];
  for (const record of body) {
    if (record.cells.length !== columns.length) {
      issues.push(widthIssue(record, columns.length, file));
      continue;
    }
    rows.push({ line: record.line, cells: new Map(columns.map((column, i) => [column, record.cells[i] as CsvCell])) });
  }
  if (issues.length > 0) return { ok: false, file, issues };
  return { ok: true, file, format: 'csv', data: { hosts: rows.map(rowToHost) }, sourceMap: csvSourceMap(rows) };
}

function readHeader(header: CsvRecord, file: string, issues: Issue[]): Column[] | undefined {
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const cell of header.cells) {
    const name = cell.value.trim().toLowerCase();
    const where = { file, line: cell.line, column: cell.column };
    if (!isColumn(name)) {
      const message = name === '' ? 'a column has no name' : `unknown column \`${cell.value.trim()}\``;
      issues.push({ ...where, message, hint: `remove it or fix its name; ${HEADER_HINT}` });
    } else if (seen.has(name)) {
      issues.push({ ...where, message: `column \`${name}\` appears twice`, hint: 'keep one of the two columns' });
    } else {
      columns.push(name);
    }
    seen.add(name);
  }
  for (const name of REQUIRED.filter((column) => !seen.has(column))) {
    issues.push({
      file,
      line: header.line,
      column: 1,
      message: `missing column \`${name}\``,
      hint: `add it to the header row; ${HEADER_HINT}`,
    });
  }
  return issues.length > 0 ? undefined : columns;
}

function isColumn(name: string): name is Column {
  return (CSV_HOST_COLUMNS as readonly string[]).includes(name);
}

function widthIssue(record: CsvRecord, expected: number, file: string): Issue {
  return {
    file,
    line: record.line,
    column: 1,
    message: `this row has ${record.cells.length} fields but the header has ${expected}`,
    hint: 'check for a missing or extra comma; put values that contain commas in double quotes',
  };
}

function rowToHost(row: Row): Record<string, unknown> {
  const host: Record<string, unknown> = {};
  for (const [column, cell] of row.cells) {
    if (LIST_COLUMNS.has(column)) host[column] = splitList(cell.value).map((token) => token.value);
    else if (cell.value.trim() !== '') host[column] = cell.value.trim();
  }
  return host;
}

/** Splits a list cell on `;`, `,` and whitespace, keeping each token's offset in the cell. */
function splitList(value: string): { value: string; offset: number }[] {
  return [...value.matchAll(/[^;,\s]+/g)].map((match) => ({ value: match[0], offset: match.index }));
}

function csvSourceMap(rows: Row[]): SourceMap {
  return {
    locate(path: FieldPath): SourceLocation | undefined {
      const [, index, field, item] = path;
      const row = typeof index === 'number' ? rows[index] : undefined;
      if (row === undefined) return rows.length > 0 ? { line: 1, column: 1 } : undefined;
      const cell = typeof field === 'string' && isColumn(field) ? row.cells.get(field) : undefined;
      if (cell === undefined) return { line: row.line, column: 1 };
      return typeof item === 'number' ? tokenLocation(cell, item) : { line: cell.line, column: cell.column };
    },
  };
}

function tokenLocation(cell: CsvCell, item: number): SourceLocation {
  const token = splitList(cell.value)[item];
  const exact = token !== undefined && !cell.value.includes('\n') && !(cell.quoted && cell.value.includes('"'));
  if (!exact) return { line: cell.line, column: cell.column };
  return { line: cell.line, column: cell.column + (cell.quoted ? 1 : 0) + token.offset };
}
