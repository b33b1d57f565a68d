/**
 * STIX 2.1 bundles (and 2.0 ones, whose indicators have no pattern_type): every `indicator` object with a
 * `stix` pattern becomes one indicator per indexable comparison of the pattern. The name, description,
 * indicator_types and labels, confidence, valid_from/valid_until and the creator (created_by_ref resolved to
 * the identity's name when the bundle holds it) are kept. Problems are located by JSON path
 * (`objects[3].pattern`) and name the indicator; the other objects are still read.
 */
import type { Issue } from '../../shared/errors.js';
import { timeOf, type Indicator, type IndicatorType, type ParseResult } from './indicator.js';
import { checkIndicatorValue } from './indicator-value.js';
import { parseNetwork } from './ip.js';
import { PatternSyntaxError } from './stix-lexer.js';
import { parsePattern, type Comparison } from './stix-pattern.js';
import { termValues } from './stix-terms.js';

export interface StixOptions {
  /** The file name put on indicators and problems. */
  file?: string | undefined;
}

type Obj = Record<string, unknown>;

const MAX_PATTERN_LENGTH = 65_536;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(obj: Obj, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

function strings(obj: Obj, key: string): string[] {
  const value = obj[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

interface Context {
  file: string | undefined;
  bundleId: string | undefined;
  identities: ReadonlyMap<string, string>;
  out: ParseResult;
}

function problem(ctx: Context, field: string, message: string, hint?: string): void {
  ctx.out.problems.push({ file: ctx.file, field, message, hint });
}

/** STIX confidence: an integer from 0 to 100; anything else is reported and ignored. */
function confidenceOf(obj: Obj, field: string, id: string, ctx: Context): number | undefined {
  const value = obj['confidence'];
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100) return value;
  if (value !== undefined) problem(ctx, field, `${id}: confidence must be an integer from 0 to 100; ignored`);
  return undefined;
}

/** The indicator fields shared by every comparison of one pattern; undefined (with a problem) when unusable. */
function baseOf(obj: Obj, path: string, ctx: Context): Omit<Indicator, 'type' | 'value'> | undefined {
  const id = text(obj, 'id') ?? path;
  const validUntil = text(obj, 'valid_until');
  if (validUntil !== undefined && timeOf(validUntil) === undefined) {
    problem(
      ctx,
      `${path}.valid_until`,
      `${id}: '${validUntil}' is not a timestamp; skipped`,
      'write valid_until as 2024-01-31T00:00:00Z',
    );
    return undefined;
  }
  const confidence = confidenceOf(obj, `${path}.confidence`, id, ctx);
  const createdBy = text(obj, 'created_by_ref');
  const author = createdBy === undefined ? undefined : ctx.identities.get(createdBy);
  return {
    id,
    pattern: text(obj, 'pattern'),
    name: text(obj, 'name'),
    description: text(obj, 'description'),
    labels: [...new Set([...strings(obj, 'indicator_types'), ...strings(obj, 'labels')])],
    confidence,
    validFrom: text(obj, 'valid_from'),
    validUntil,
    origin: {
      format: 'stix',
      file: ctx.file,
      collection: ctx.bundleId,
      author,
      authorRef: author === undefined ? createdBy : undefined,
    },
  };
}

function typeOfValue(type: IndicatorType | 'ip-or-domain', raw: string): IndicatorType {
  if (type !== 'ip-or-domain') return type;
  const net = parseNetwork(raw);
  return net ? (net.family === 4 ? 'ipv4' : 'ipv6') : 'domain';
}

function addComparison(cmp: Comparison, base: Omit<Indicator, 'type' | 'value'>, path: string, ctx: Context): void {
  const terms = termValues(cmp);
  if (!terms.ok) {
    problem(ctx, `${path}.pattern`, `${base.id}: ${terms.reason} in "${cmp.text}"; skipped`);
    return;
  }
  for (const raw of terms.values) {
    const checked = checkIndicatorValue(typeOfValue(terms.type, raw), raw);
    if (checked.ok) ctx.out.indicators.push({ ...base, type: checked.type, value: checked.value });
    else problem(ctx, `${path}.pattern`, `${base.id}: ${checked.reason}; skipped`, checked.hint);
  }
}

function readPattern(obj: Obj, path: string, ctx: Context): void {
  const base = baseOf(obj, path, ctx);
  if (!base) return;
  const pattern = base.pattern;
  if (pattern === undefined || pattern.length > MAX_PATTERN_LENGTH) {
    problem(
      ctx,
      `${path}.pattern`,
      `${base.id}: the pattern is missing, not a string or longer than ${MAX_PATTERN_LENGTH} characters; skipped`,
    );
    return;
  }
  try {
    const { comparisons, unsupported } = parsePattern(pattern);
    const partly = comparisons.length > 0 ? 'this part is skipped, the rest of the OR is kept' : 'skipped';
    for (const reason of unsupported) problem(ctx, `${path}.pattern`, `${base.id}: ${reason}; ${partly}`);
    for (const cmp of comparisons) addComparison(cmp, base, path, ctx);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    problem(
      ctx,
      `${path}.pattern`,
      `${base.id}: column ${error.column}: ${error.message}; skipped`,
      'check the pattern against the STIX 2.1 patterning grammar',
    );
  }
}

function readIndicator(obj: Obj, path: string, ctx: Context): void {
  const id = text(obj, 'id') ?? path;
  if (obj['revoked'] === true) return problem(ctx, `${path}.revoked`, `${id}: the indicator is revoked; skipped`);
  const patternType = text(obj, 'pattern_type') ?? 'stix';
  if (patternType !== 'stix') {
    return problem(
      ctx,
      `${path}.pattern_type`,
      `${id}: pattern_type '${patternType}' is not supported (only stix patterns are); skipped`,
    );
  }
  readPattern(obj, path, ctx);
}

function objectsOf(json: unknown, ctx: Context): unknown[] | undefined {
  if (Array.isArray(json)) return json as unknown[];
  if (isObject(json) && json['type'] === 'bundle') {
    const objects: unknown = json['objects'];
    if (Array.isArray(objects)) return objects as unknown[];
    problem(ctx, 'objects', 'the bundle has no objects array');
    return undefined;
  }
  if (isObject(json) && json['type'] === 'indicator') return [json];
  problem(ctx, '', 'not a STIX bundle (expected {"type": "bundle", "objects": [...]})');
  return undefined;
}

function identitiesOf(objects: readonly unknown[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const obj of objects) {
    if (!isObject(obj) || obj['type'] !== 'identity') continue;
    const id = text(obj, 'id');
    const name = text(obj, 'name');
    if (id !== undefined && name !== undefined) names.set(id, name);
  }
  return names;
}

/**
 * The indicators of a parsed STIX document (a bundle, an array of objects, or one indicator).
 *
 * @example
 * readStixJson(JSON.parse(text), { file: 'feed.json' }).indicators;
 */
export function readStixJson(json: unknown, options: StixOptions = {}): ParseResult {
  const out: ParseResult = { indicators: [], problems: [] };
  const bundleId = isObject(json) ? text(json, 'id') : undefined;
  const ctx: Context = { file: options.file, bundleId, identities: new Map(), out };
  const objects = objectsOf(json, ctx);
  if (!objects) return out;
  ctx.identities = identitiesOf(objects);
  objects.forEach((obj, i) => {
    if (isObject(obj) && obj['type'] === 'indicator') readIndicator(obj, `objects[${i}]`, ctx);
  });
  return out;
}

/**
 * The indicators of a STIX 2.1 bundle given as JSON text, with located problems.
 *
 * @example
 * const { indicators, problems } = parseStixBundle(text, { file: 'apt.json' });
 * // problems[0]: { file: 'apt.json', field: 'objects[4].pattern', message: 'indicator--...: LIKE needs ...' }
 */
export function parseStixBundle(text: string, options: StixOptions = {}): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const issue: Issue = {
      file: options.file,
      message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
    return { indicators: [], problems: [issue] };
  }
  return readStixJson(json, options);
}
