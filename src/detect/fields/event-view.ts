/**
 * Field access for one event at a time. Every field name used by any rule gets a slot number at compile time;
 * per event, a slot is resolved once (with the fallback names of the event's log source, and dotted paths into
 * nested objects) and its value and lower-cased text are cached until the next event. No allocation per event
 * except for the lower-cased text of fields that a rule actually looks at.
 */

/** Interns field names as slot numbers. */
export class FieldRegistry {
  private readonly slots = new Map<string, number>();
  readonly names: string[] = [];

  /** The slot of a field name, created on first use. */
  slot(name: string): number {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = this.names.length;
      this.slots.set(name, slot);
      this.names.push(name);
    }
    return slot;
  }

  /** The slot of a field name if some rule uses it. */
  find(name: string): number | undefined {
    return this.slots.get(name);
  }

  get size(): number {
    return this.names.length;
  }
}

/** A flat event: field name -> value, as produced by JSON.parse or by flattening nested layouts. */
export type EventRecord = Readonly<Record<string, unknown>>;

const EMPTY: EventRecord = Object.freeze({});

/** Text of a scalar value, or undefined for absent, null, objects and arrays. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

function walk(record: EventRecord, path: readonly string[]): unknown {
  let node: unknown = record;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The current event seen through the field slots.
 *
 * @example
 * const view = new EventView(registry);
 * view.bind({ Image: 'C:\\Windows\\cmd.exe' });
 * view.lower(registry.slot('Image')); // 'c:\\windows\\cmd.exe'
 */
export class EventView {
  record: EventRecord = EMPTY;
  private epoch = 1;
  private readonly names: readonly string[];
  private readonly paths: readonly (readonly string[] | undefined)[];
  private readonly rawStamp: Uint32Array;
  private readonly rawValue: unknown[];
  private readonly lowerStamp: Uint32Array;
  private readonly lowerValue: (string | undefined)[];
  private fallbacks: readonly (string | undefined)[] | undefined;
  /** Slots resolved for the current event, so that release() drops exactly their cached values. */
  private readonly touched: Int32Array;
  private touchedCount = 0;

  constructor(registry: FieldRegistry) {
    this.names = [...registry.names];
    this.paths = this.names.map((n) => (n.includes('.') ? n.split('.') : undefined));
    const size = this.names.length;
    this.rawStamp = new Uint32Array(size);
    this.rawValue = new Array<unknown>(size).fill(undefined);
    this.lowerStamp = new Uint32Array(size);
    this.lowerValue = new Array<string | undefined>(size).fill(undefined);
    this.touched = new Int32Array(size);
  }

  /** Starts a new event. `fallbacks[slot]` names the field to read when the slot's own field is absent. */
  bind(record: EventRecord, fallbacks?: readonly (string | undefined)[]): void {
    this.release();
    this.record = record;
    this.fallbacks = fallbacks;
  }

  /**
   * Forgets the current event: the view keeps no reference to it (so that a long-lived engine does not keep
   * event data alive across garbage collections).
   */
  release(): void {
    for (let i = 0; i < this.touchedCount; i += 1) {
      const slot = this.touched[i]!;
      this.rawValue[slot] = undefined;
      this.lowerValue[slot] = undefined;
    }
    this.touchedCount = 0;
    this.record = EMPTY;
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) {
      this.rawStamp.fill(0);
      this.lowerStamp.fill(0);
    }
  }

  /** The value of a field (undefined when absent). */
  value(slot: number): unknown {
    if (this.rawStamp[slot] === this.epoch) return this.rawValue[slot];
    const record = this.record;
    let value = record[this.names[slot]!];
    if (value === undefined) {
      const fallback = this.fallbacks?.[slot];
      if (fallback !== undefined) value = record[fallback];
      const path = this.paths[slot];
      if (value === undefined && path !== undefined) value = walk(record, path);
    }
    this.rawStamp[slot] = this.epoch;
    this.rawValue[slot] = value;
    this.touched[this.touchedCount++] = slot;
    return value;
  }

  /** The field's text as written (numbers and booleans as text); undefined for absent, null and non-scalars. */
  text(slot: number): string | undefined {
    return scalarText(this.value(slot));
  }

  /** The field's text in lower case, cached for the event. */
  lower(slot: number): string | undefined {
    if (this.lowerStamp[slot] === this.epoch) return this.lowerValue[slot];
    const text = this.text(slot);
    const lower = text === undefined ? undefined : text.toLowerCase();
    this.lowerStamp[slot] = this.epoch;
    this.lowerValue[slot] = lower;
    return lower;
  }
}
