/**
 * The index of rule groups by log source: from an event's channel and event id to the groups that apply, with
 * the extra conditions (guards) and field fallbacks of the mapping table. The list for each (channel, event id)
 * pair is computed once and memoised, so per event the lookup is two Map reads.
 */
import type { EventRecord, FieldRegistry } from '../fields/event-view.js';
import type { LogsourceTable, SourceAlternative } from '../fields/logsource-table.js';
import type { Predicate } from '../compile/field-item.js';
import { compileTextTest } from '../compile/value-test.js';
import { logsourceCovers, logsourceKey, type DeclaredSource } from './match.js';
import type { RuleGroup } from './rule-group.js';

/** A group to run for an event, and the condition (from the mapping table) the event must also meet. */
export interface PlanEntry {
  group: RuleGroup;
  guard: Predicate | undefined;
}

/** What to run for one kind of event. `fallbacks[slot]` is the field read when the slot's field is absent. */
export interface Plan {
  entries: readonly PlanEntry[];
  fallbacks: readonly (string | undefined)[] | undefined;
}

const ANY = '\u0000any';
const PRESENT = '\u0000present';
const MEMO_LIMIT = 4096;

interface Registration {
  group: RuleGroup;
  guard: Predicate | undefined;
  fallbacks: Readonly<Record<string, string>> | undefined;
}

function eventIdOf(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) return Number(raw);
  return undefined;
}

export class SourceIndex {
  private readonly byChannel = new Map<string, Map<number | '*', Registration[]>>();
  private readonly groups: RuleGroup[] = [];
  private readonly unmapped: RuleGroup[] = [];
  private readonly memo = new Map<unknown, Map<unknown, Plan>>();
  private readonly declaredMemo = new Map<string, Plan>();
  private readonly channelField: string;
  private readonly eventIdField: string;

  constructor(
    table: LogsourceTable,
    private readonly registry: FieldRegistry,
  ) {
    this.channelField = table.channelField;
    this.eventIdField = table.eventIdField;
  }

  /** Registers a group under every alternative of its logsource; undefined alternatives: unmapped. */
  add(group: RuleGroup, alternatives: readonly SourceAlternative[] | undefined): void {
    this.groups.push(group);
    if (alternatives === undefined) this.unmapped.push(group);
    for (const alt of alternatives ?? []) {
      const channels = alt.channel === undefined ? [ANY] : alt.channel === '*' ? [PRESENT] : alt.channel.map((c) => c.toLowerCase());
      const ids: (number | '*')[] = alt.eventId ?? ['*'];
      const registration: Registration = { group, guard: this.guard(alt.conditions), fallbacks: alt.fallbacks };
      for (const channel of channels) {
        let byId = this.byChannel.get(channel);
        if (!byId) this.byChannel.set(channel, (byId = new Map<number | '*', Registration[]>()));
        for (const id of ids) byId.set(id, [...(byId.get(id) ?? []), registration]);
      }
    }
  }

  /** Every registered group. */
  groupList(): readonly RuleGroup[] {
    return this.groups;
  }

  /** Groups whose logsource the table does not know. */
  unmappedGroups(): readonly RuleGroup[] {
    return this.unmapped;
  }

  private guard(conditions: SourceAlternative['conditions']): Predicate | undefined {
    if (!conditions) return undefined;
    const tests = Object.entries(conditions).map(([field, values]) => {
      const slot = this.registry.slot(field);
      const test = compileTextTest(values.map((v) => [String(v)]), false);
      return (view: Parameters<Predicate>[0]) => test(view.value(slot), view.lower(slot), view);
    });
    return (view) => tests.every((t) => t(view));
  }

  /** The plan for an event, or undefined when no rule applies to it. */
  plan(record: EventRecord, declared?: DeclaredSource): Plan | undefined {
    const channel = record[this.channelField];
    const eventId = record[this.eventIdField];
    let byId = this.memo.get(channel);
    let plan = byId?.get(eventId);
    if (plan === undefined) {
      if (this.memo.size > MEMO_LIMIT) this.memo.clear();
      if (!byId) this.memo.set(channel, (byId = new Map<unknown, Plan>()));
      plan = this.build(this.lookup(channel, eventId));
      byId.set(eventId, plan);
    }
    if (declared) plan = this.withDeclared(plan, channel, eventId, declared);
    return plan.entries.length > 0 ? plan : undefined;
  }

  private lookup(channel: unknown, eventId: unknown): Registration[] {
    const id = eventIdOf(eventId);
    const keys = typeof channel === 'string' ? [channel.toLowerCase(), PRESENT, ANY] : [ANY];
    const out: Registration[] = [];
    for (const key of keys) {
      const byId = this.byChannel.get(key);
      if (!byId) continue;
      if (id !== undefined) out.push(...(byId.get(id) ?? []));
      out.push(...(byId.get('*') ?? []));
    }
    return out;
  }

  private build(registrations: readonly Registration[], extra: readonly RuleGroup[] = []): Plan {
    const guards = new Map<RuleGroup, Predicate[] | null>();
    const fallbacks: (string | undefined)[] = [];
    for (const r of registrations) {
      const prior = guards.get(r.group);
      guards.set(r.group, prior === null || r.guard === undefined ? null : [...(prior ?? []), r.guard]);
      for (const [field, fallback] of Object.entries(r.fallbacks ?? {})) {
        const slot = this.registry.find(field);
        if (slot !== undefined) fallbacks[slot] = fallback;
      }
    }
    for (const group of extra) guards.set(group, null);
    const entries = [...guards].map(([group, list]): PlanEntry => ({ group, guard: list === null ? undefined : anyOf(list) }));
    return { entries, fallbacks: fallbacks.length > 0 ? fallbacks : undefined };
  }

  private withDeclared(base: Plan, channel: unknown, eventId: unknown, declared: DeclaredSource): Plan {
    const key = `${logsourceKey(declared)}\u0000${String(channel)}\u0000${String(eventId)}`;
    let plan = this.declaredMemo.get(key);
    if (!plan) {
      if (this.declaredMemo.size > MEMO_LIMIT) this.declaredMemo.clear();
      const lower = Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, String(v).toLowerCase()]));
      const extra = this.groups.filter((g) => logsourceCovers(g.logsource, lower));
      plan = this.build(this.lookup(channel, eventId), extra);
      this.declaredMemo.set(key, plan);
    }
    return plan.entries.length > 0 ? plan : base;
  }
}

function anyOf(guards: readonly Predicate[]): Predicate {
  if (guards.length === 1) return guards[0]!;
  return (view) => guards.some((g) => g(view));
}
