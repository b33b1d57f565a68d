/** Metadata common to rules, correlations and filters: title, id, name, status, level, author, tags, ... */
import { ruleError } from './problems.js';
import type { Level, Logsource, RuleMeta, Status } from './types.js';

const LEVELS: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical'];
const STATUSES: readonly Status[] = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];

function optionalString(doc: Record<string, unknown>, key: string): string | undefined {
  const value = doc[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  throw ruleError(`"${key}" must be a string`, [key]);
}

function stringList(doc: Record<string, unknown>, key: string): string[] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(String);
  throw ruleError(`"${key}" must be a list of strings`, [key]);
}

function oneOf<T extends string>(doc: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(doc, key)?.toLowerCase();
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw ruleError(`"${key}" is "${value}"`, [key], `use one of ${allowed.join(', ')}`);
}

/** Every key of T, optional ones allowing undefined. */
export type Loose<T> = { [K in keyof T]-?: T[K] | undefined };

/** Drops the keys whose value is undefined (exactOptionalPropertyTypes). */
export function compact<T extends object>(value: Loose<T>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Reads the shared metadata of a Sigma document.
 *
 * @example
 * parseMeta({ title: 'x', level: 'high' }, 'a.yml', 1).level; // 'high'
 */
export function parseMeta(doc: Record<string, unknown>, file: string, line: number): RuleMeta {
  const title = optionalString(doc, 'title');
  if (!title) throw ruleError('the rule has no title', ['title'], 'every Sigma rule needs a title');
  return compact<RuleMeta>({
    title,
    id: optionalString(doc, 'id'),
    name: optionalString(doc, 'name'),
    status: oneOf(doc, 'status', STATUSES),
    level: oneOf(doc, 'level', LEVELS),
    description: optionalString(doc, 'description'),
    author: optionalString(doc, 'author'),
    date: optionalString(doc, 'date'),
    modified: optionalString(doc, 'modified'),
    tags: stringList(doc, 'tags'),
    references: stringList(doc, 'references'),
    falsepositives: stringList(doc, 'falsepositives'),
    file,
    line,
  });
}

/**
 * Reads a `logsource` map (product, category, service; other keys such as `definition` are ignored).
 *
 * @example
 * parseLogsource({ product: 'Windows', category: 'process_creation' }); // lower-cased
 */
export function parseLogsource(value: unknown): Logsource {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ruleError('the rule has no logsource map', ['logsource'], 'add logsource: { product, category or service }');
  }
  const source = value as Record<string, unknown>;
  const read = (key: string): string | undefined => {
    const v = source[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw ruleError(`logsource "${key}" must be a string`, ['logsource', key]);
    return v.toLowerCase();
  };
  return compact<Logsource>({ product: read('product'), category: read('category'), service: read('service') });
}
