/**
 * Brings the event layouts we read to one flat record of Sigma field names:
 * - flat events (Winlogbeat/NXLog-like, OTRF): used as they are;
 * - evtx_dump events (`{ Event: { System, EventData | UserData } }`): System values at the top level, XML
 *   attributes joined with `_` (`Provider_Name`, `Execution_ProcessID`, `TimeCreated_SystemTime`), EventData
 *   and UserData fields at the top level, `#text` unwrapped; data names with spaces (Defender's "Threat Name")
 *   are also given without spaces ("ThreatName"), as rules write them.
 */
import type { EventRecord } from './event-view.js';

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unwrap(value: unknown): unknown {
  return isObject(value) && '#text' in value ? value['#text'] : value;
}

function addSystem(out: Obj, system: Obj): void {
  for (const [key, value] of Object.entries(system)) {
    if (!isObject(value)) {
      out[key] = value;
      continue;
    }
    const attributes = value['#attributes'];
    if (isObject(attributes)) {
      for (const [name, attr] of Object.entries(attributes)) out[`${key}_${name}`] = attr;
    }
    if ('#text' in value) out[key] = value['#text'];
  }
}

function addData(out: Obj, data: Obj): void {
  for (const [key, value] of Object.entries(data)) {
    if (key === '#attributes') continue;
    if (key === 'Data' && Array.isArray(value)) {
      addNamedData(out, value);
      continue;
    }
    const plain = unwrap(value);
    out[key] = plain;
    // Defender and other providers name data with spaces ("Threat Name"); rules write them without.
    if (key.includes(' ')) out[key.replace(/ /g, '')] ??= plain;
  }
}

/** `Data: [{ '#attributes': { Name }, '#text': value }, ...]` as written by some converters. */
function addNamedData(out: Obj, items: unknown[]): void {
  const unnamed: unknown[] = [];
  for (const item of items) {
    const name = isObject(item) && isObject(item['#attributes']) ? item['#attributes']['Name'] : undefined;
    if (typeof name === 'string') out[name] = unwrap(item);
    else unnamed.push(unwrap(item));
  }
  if (unnamed.length > 0) out['Data'] = unnamed;
}

/**
 * A flat record for any supported layout; undefined when the input is not an object.
 *
 * @example
 * normaliseEvent({ Event: { System: { Provider: { '#attributes': { Name: 'X' } }, EventID: 1 } } });
 * // { Provider_Name: 'X', EventID: 1 }
 */
export function normaliseEvent(event: unknown): EventRecord | undefined {
  if (!isObject(event)) return undefined;
  const inner = event['Event'];
  if (!isObject(inner) || !isObject(inner['System'])) return event;
  const out: Obj = {};
  addSystem(out, inner['System']);
  if (isObject(inner['EventData'])) addData(out, inner['EventData']);
  const userData = inner['UserData'];
  if (isObject(userData)) {
    for (const [key, child] of Object.entries(userData)) {
      if (isObject(child)) addData(out, child);
      else if (key !== '#attributes') out[key] = child;
    }
  }
  return out;
}
