/**
 * MISP events (`{"Event": {...}}`, a REST search result `{"response": [{"Event": ...}]}`, or an array of
 * them) and feed manifests. Attributes, including those inside objects, become indicators when their type is
 * one the index holds (see misp-types.ts); by default only `to_ids` attributes, as MISP intends for detection.
 * The event's info becomes the indicator's name, its creator organisation (Orgc) the author, and event and
 * attribute tags the labels. Problems are located by JSON path (`Event.Object[1].Attribute[0]`).
 */
import type { Issue } from '../../shared/errors.js';
import type { Indicator, IndicatorType, ParseResult } from './indicator.js';
import { checkIndicatorValue } from './indicator-value.js';
import { MISP_TYPES, splitComposite, type MispPart } from './misp-types.js';

export interface MispOptions {
  /** The file name put on indicators and problems. */
  file?: string | undefined;
  /** Also read attributes whose to_ids flag is off (default false: only to_ids attributes). */
  includeNonIds?: boolean | undefined;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(obj: Obj, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function list(obj: Obj, key: string): unknown[] {
  const value: unknown = obj[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function tagsOf(obj: Obj): string[] {
  return list(obj, 'Tag').flatMap((tag) => (isObject(tag) && typeof tag['name'] === 'string' ? [tag['name']] : []));
}

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

interface EventContext {
  options: MispOptions;
  out: ParseResult;
  event: Obj;
  author: string | undefined;
  tags: string[];
}

function problem(ctx: EventContext, field: string, message: string, hint?: string): void {
  ctx.out.problems.push({ file: ctx.options.file, field, message, hint });
}

function toIndicatorType(part: MispPart): IndicatorType | undefined {
  if (part.startsWith('context:')) return undefined;
  return part === 'ip' ? 'ipv4' : (part as IndicatorType);
}

function contextOf(
  parts: readonly MispPart[],
  values: readonly string[],
  objectName: string | undefined,
): string | undefined {
  const notes = parts.flatMap((part, i) =>
    part.startsWith('context:') ? [`${part.slice('context:'.length)}: ${values[i]}`] : [],
  );
  if (objectName !== undefined) notes.unshift(`object: ${objectName}`);
  return notes.length > 0 ? notes.join('; ') : undefined;
}

type Base = Omit<Indicator, 'type' | 'value'>;

/** The fields shared by the parts of one attribute. */
function baseOf(attr: Obj, id: string, pattern: string, context: string | undefined, ctx: EventContext): Base {
  return {
    id,
    pattern,
    name: text(ctx.event, 'info'),
    description: text(attr, 'comment') || undefined,
    labels: [...new Set([...ctx.tags, ...tagsOf(attr)])],
    context,
    origin: {
      format: 'misp',
      file: ctx.options.file,
      collection: text(ctx.event, 'uuid'),
      collectionName: text(ctx.event, 'info'),
      author: ctx.author,
    },
  };
}

function readAttribute(attr: Obj, path: string, objectName: string | undefined, ctx: EventContext): void {
  const type = text(attr, 'type') ?? '';
  const value = text(attr, 'value');
  const id = text(attr, 'uuid') ?? `${text(ctx.event, 'uuid') ?? 'event'}:${text(attr, 'id') ?? path}`;
  if (flag(attr['deleted'])) return;
  const toIds = flag(attr['to_ids']);
  if (!toIds && !ctx.options.includeNonIds) return;
  const parts = MISP_TYPES[type];
  if (!parts) {
    if (toIds) problem(ctx, `${path}.type`, `${id}: the attribute type '${type}' cannot be matched on events; skipped`);
    return;
  }
  const values = value === undefined ? undefined : splitComposite(parts, value);
  if (!values)
    return problem(
      ctx,
      `${path}.value`,
      `${id}: expected a '${type}' value${parts.length > 1 ? ' with two parts separated by |' : ''}; skipped`,
    );
  const base = baseOf(attr, id, `${type}: ${value ?? ''}`, contextOf(parts, values, objectName), ctx);
  parts.forEach((part, i) => {
    const indicatorType = toIndicatorType(part);
    if (indicatorType === undefined) return;
    const checked = checkIndicatorValue(indicatorType, values[i]!);
    if (checked.ok) ctx.out.indicators.push({ ...base, type: checked.type, value: checked.value } satisfies Indicator);
    else problem(ctx, `${path}.value`, `${id}: ${checked.reason}; skipped`, checked.hint);
  });
}

function readAttributes(owner: Obj, path: string, objectName: string | undefined, ctx: EventContext): void {
  list(owner, 'Attribute').forEach((attr, i) => {
    if (isObject(attr)) readAttribute(attr, `${path}.Attribute[${i}]`, objectName, ctx);
    else problem(ctx, `${path}.Attribute[${i}]`, 'an attribute must be an object; skipped');
  });
}

function readEvent(event: Obj, path: string, options: MispOptions, out: ParseResult): void {
  const orgc = event['Orgc'] ?? event['Org'];
  const author = isObject(orgc) ? text(orgc, 'name') : undefined;
  const ctx: EventContext = { options, out, event, author, tags: tagsOf(event) };
  readAttributes(event, path, undefined, ctx);
  list(event, 'Object').forEach((obj, i) => {
    if (isObject(obj)) readAttributes(obj, `${path}.Object[${i}]`, text(obj, 'name'), ctx);
  });
}

/** The events of a parsed MISP document with their JSON paths. */
function eventsOf(json: unknown): [Obj, string][] | undefined {
  if (isObject(json) && isObject(json['Event'])) return [[json['Event'], 'Event']];
  const items: unknown = isObject(json) ? json['response'] : json;
  const prefix = isObject(json) ? 'response' : '';
  if (!Array.isArray(items)) return undefined;
  return (items as unknown[]).flatMap((item, i): [Obj, string][] =>
    isObject(item) && isObject(item['Event']) ? [[item['Event'], `${prefix}[${i}].Event`]] : [],
  );
}

/**
 * The indicators of a parsed MISP event document.
 *
 * @example
 * readMispJson(JSON.parse(text), { file: 'event.json', includeNonIds: true }).indicators;
 */
export function readMispJson(json: unknown, options: MispOptions = {}): ParseResult {
  const out: ParseResult = { indicators: [], problems: [] };
  const events = eventsOf(json);
  if (!events) {
    out.problems.push({ file: options.file, message: 'not a MISP event (expected {"Event": {...}})' });
    return out;
  }
  for (const [event, path] of events) readEvent(event, path, options, out);
  return out;
}

function parseJson(text: string, file: string | undefined): { json: unknown } | { problem: Issue } {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: { file, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/**
 * The indicators of a MISP event given as JSON text, with located problems.
 *
 * @example
 * const { indicators, problems } = parseMispEvent(text, { file: 'misp-event.json' });
 */
export function parseMispEvent(text: string, options: MispOptions = {}): ParseResult {
  const parsed = parseJson(text, options.file);
  return 'problem' in parsed ? { indicators: [], problems: [parsed.problem] } : readMispJson(parsed.json, options);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event uuids of a MISP feed manifest (`manifest.json`: uuid -> event summary); the feed's events are the
 * files `<uuid>.json` beside it.
 *
 * @example
 * parseMispManifest(text, 'feed/manifest.json').events; // ['5f1c...', ...]
 */
export function parseMispManifest(text: string, file?: string): { events: string[]; problems: Issue[] } {
  const parsed = parseJson(text, file);
  if ('problem' in parsed) return { events: [], problems: [parsed.problem] };
  if (!isObject(parsed.json))
    return { events: [], problems: [{ file, message: 'a MISP manifest is an object of event uuids' }] };
  const events: string[] = [];
  const problems: Issue[] = [];
  for (const key of Object.keys(parsed.json)) {
    if (UUID.test(key)) events.push(key);
    else problems.push({ file, field: key, message: `'${key}' is not an event uuid; skipped` });
  }
  return { events, problems };
}
