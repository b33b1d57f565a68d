/**
 * Plain indicator lists. Either a header with `type` and `value` columns (and optionally description, source,
 * name, tags, confidence, valid_from, valid_until, id), or one `indicator` column whose type is guessed from
 * the value (hash length, IPv4/IPv6/CIDR, URL, registry key, file name, domain), or no header at all (one
 * indicator per line, guessed). Lines starting with `#` and blank lines are skipped; a bad line is reported
 * with its number and the rest is read. Defanged values (`hxxp`, `[.]`) are accepted.
 */
import type { Issue } from '../../shared/errors.js';
import { INDICATOR_TYPES, timeOf, type Indicator, type IndicatorType, type ParseResult } from './indicator.js';
import { HASH_LENGTHS, checkIndicatorValue, inferIndicatorType } from './indicator-value.js';
import { splitCsvLine } from './csv-line.js';

export interface CsvOptions {
  /** The file name put on indicators and problems. */
  file?: string | undefined;
}

type Column =
  'type' | 'value' | 'description' | 'source' | 'name' | 'labels' | 'confidence' | 'validFrom' | 'validUntil' | 'id';

const COLUMN_NAMES: Readonly<Record<string, Column>> = {
  type: 'type',
  indicator_type: 'type',
  ioc_type: 'type',
  value: 'value',
  indicator: 'value',
  ioc: 'value',
  observable: 'value',
  description: 'description',
  comment: 'description',
  notes: 'description',
  source: 'source',
  author: 'source',
  provider: 'source',
  reporter: 'source',
  name: 'name',
  title: 'name',
  threat: 'name',
  malware: 'name',
  tags: 'labels',
  labels: 'labels',
  confidence: 'confidence',
  valid_from: 'validFrom',
  first_seen: 'validFrom',
  valid_until: 'validUntil',
  expires: 'validUntil',
  expiration: 'validUntil',
  expiry: 'validUntil',
  id: 'id',
};

const TYPE_NAMES: Readonly<Record<string, IndicatorType | 'hash'>> = {
  ...Object.fromEntries(INDICATOR_TYPES.map((t) => [t, t])),
  hash: 'hash',
  'sha-1': 'sha1',
  'sha-256': 'sha256',
  'sha-512': 'sha512',
  ip: 'ipv4',
  'ip-src': 'ipv4',
  'ip-dst': 'ipv4',
  'ipv4-addr': 'ipv4',
  'ipv6-addr': 'ipv6',
  cidr: 'ipv4',
  address: 'ipv4',
  hostname: 'domain',
  fqdn: 'domain',
  'domain-name': 'domain',
  uri: 'url',
  regkey: 'registry-key',
  registry: 'registry-key',
  'windows-registry-key': 'registry-key',
  filename: 'file-name',
  file: 'file-name',
  process: 'file-name',
  'process-name': 'file-name',
};

type Layout = { delimiter: string; columns: ReadonlyMap<Column, number>; headerLine: number | undefined };

interface Row {
  text: string;
  line: number;
}

function rowsOf(text: string): Row[] {
  const rows: Row[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const trimmed = raw.trim();
      if (trimmed !== '' && !trimmed.startsWith('#')) rows.push({ text: raw, line: i + 1 });
    });
  return rows;
}

/** The columns named by the header line, or a single guessed column when the first line is already data. */
function layoutOf(first: Row): Layout | Issue {
  const delimiter = first.text.includes('\t') ? '\t' : ',';
  const names = splitCsvLine(first.text, delimiter) ?? [];
  const columns = new Map<Column, number>();
  names.forEach((name, i) => {
    const column = COLUMN_NAMES[name.toLowerCase().replace(/[\s-]/g, '_')];
    if (column !== undefined && !columns.has(column)) columns.set(column, i);
  });
  if (columns.has('value')) return { delimiter, columns, headerLine: first.line };
  if (names.length > 0 && inferIndicatorType(names[0]!) !== undefined)
    return { delimiter, columns: new Map([['value', 0]]), headerLine: undefined };
  return {
    line: first.line,
    message: `the header '${first.text.trim()}' has no value column`,
    hint: 'start the file with "type,value" (optionally description,source,tags,confidence,valid_until) or "indicator"',
  };
}

function cell(cells: readonly string[], layout: Layout, column: Column): string | undefined {
  const index = layout.columns.get(column);
  const value = index === undefined ? undefined : cells[index];
  return value === undefined || value === '' ? undefined : value;
}

type Found<T> = { ok: true; value: T } | { ok: false; reason: string };

function typeFor(declared: string | undefined, value: string): Found<IndicatorType> {
  const fail = (reason: string): Found<IndicatorType> => ({ ok: false, reason });
  const inferred = inferIndicatorType(value);
  if (declared === undefined)
    return inferred ? { ok: true, value: inferred } : fail(`cannot tell the type of '${value}'`);
  const type = TYPE_NAMES[declared.toLowerCase()];
  if (type === undefined)
    return fail(`unknown type '${declared}' (expected one of ${INDICATOR_TYPES.join(', ')}, hash, ip)`);
  if (type !== 'hash') return { ok: true, value: type };
  if (inferred !== undefined && inferred in HASH_LENGTHS) return { ok: true, value: inferred };
  return fail(`'${value}' is not a hash (expected 32, 40, 64 or 128 hex digits)`);
}

type Described = Pick<Indicator, 'id' | 'name' | 'description' | 'labels' | 'confidence' | 'validFrom' | 'validUntil'>;

function optionalFields(cells: readonly string[], layout: Layout, where: string): Found<Described> {
  const validUntil = cell(cells, layout, 'validUntil');
  if (validUntil !== undefined && timeOf(validUntil) === undefined) {
    return {
      ok: false,
      reason: `valid_until '${validUntil}' is not a timestamp (write 2024-01-31 or 2024-01-31T00:00:00Z)`,
    };
  }
  const confidenceText = cell(cells, layout, 'confidence');
  const confidence = confidenceText === undefined ? undefined : Number(confidenceText);
  if (confidence !== undefined && !(Number.isInteger(confidence) && confidence >= 0 && confidence <= 100)) {
    return { ok: false, reason: `confidence '${confidenceText}' is not an integer from 0 to 100` };
  }
  const value: Described = {
    id: cell(cells, layout, 'id') ?? where,
    name: cell(cells, layout, 'name'),
    description: cell(cells, layout, 'description'),
    labels: (cell(cells, layout, 'labels') ?? '')
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter(Boolean),
    confidence,
    validFrom: cell(cells, layout, 'validFrom'),
    validUntil,
  };
  return { ok: true, value };
}

function readRow(row: Row, layout: Layout, options: CsvOptions): Indicator | Issue {
  const at = { file: options.file, line: row.line };
  const cells = splitCsvLine(row.text, layout.delimiter);
  if (!cells)
    return {
      ...at,
      message: 'a quoted field is not closed',
      hint: 'close the quote, or double a quote inside a field ("")',
    };
  const raw = cell(cells, layout, 'value');
  if (raw === undefined) return { ...at, field: 'value', message: 'the value is empty' };
  const type = typeFor(cell(cells, layout, 'type'), raw);
  if (!type.ok) return { ...at, field: 'type', message: type.reason, hint: 'name the type in a type column' };
  const checked = checkIndicatorValue(type.value, raw);
  if (!checked.ok) return { ...at, field: 'value', message: checked.reason, hint: checked.hint };
  const extra = optionalFields(cells, layout, `${options.file ?? 'csv'}:${row.line}`);
  if (!extra.ok) return { ...at, message: extra.reason };
  const origin = { format: 'csv' as const, file: options.file, author: cell(cells, layout, 'source') };
  return { ...extra.value, type: checked.type, value: checked.value, pattern: raw, origin };
}

/**
 * The indicators of a CSV list, with problems located by line.
 *
 * @example
 * parseIndicatorCsv('type,value\nsha256,zz\ndomain,evil.example.com\n', { file: 'iocs.csv' });
 * // indicators: [domain evil.example.com]; problems: [{ file: 'iocs.csv', line: 2, message: "'zz' is not a sha256 ..." }]
 */
export function parseIndicatorCsv(text: string, options: CsvOptions = {}): ParseResult {
  const out: ParseResult = { indicators: [], problems: [] };
  const rows = rowsOf(text);
  if (rows.length === 0) return out;
  const layout = layoutOf(rows[0]!);
  if (!('columns' in layout)) {
    out.problems.push({ file: options.file, ...layout });
    return out;
  }
  for (const row of rows) {
    if (row.line === layout.headerLine) continue;
    const result = readRow(row, layout, options);
    if ('origin' in result) out.indicators.push(result);
    else out.problems.push(result);
  }
  return out;
}
