import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../shared/errors.js';
import { eventPayloadSchema, isBuiltInEventType, registerEventType, registeredEventTypes } from './event-types.js';
import { IncidentHarness } from './incident.testing.js';
import { projectIncident } from './projection.js';
import { recordEvents } from './record.command.js';
import { verifyChain } from './verify.js';

// The registry is process-wide: each test uses its own type names.
const alertSchema = z.object({ rule: z.string().min(1), host: z.string(), tags: z.array(z.string()).default([]) });

describe('event type registry', () => {
  it('knows the built-in types', () => {
    expect(registeredEventTypes()).toEqual(
      expect.arrayContaining(['incident.opened', 'note.added', 'task.added', 'task.updated', 'state.changed', 'scope.changed', 'severity.changed', 'commander.assigned', 'title.changed']),
    );
    expect(isBuiltInEventType('note.added')).toBe(true);
    expect(eventPayloadSchema('note.added')?.safeParse({ text: 'hi' }).success).toBe(true);
    expect(eventPayloadSchema('nothing.here')).toBeUndefined();
  });

  it('registers a new type; registering it again with the same schema is harmless', () => {
    registerEventType('test_alert.raised', alertSchema);
    registerEventType('test_alert.raised', alertSchema);
    expect(eventPayloadSchema('test_alert.raised')).toBe(alertSchema);
    expect(isBuiltInEventType('test_alert.raised')).toBe(false);
  });

  it('refuses another schema for a registered type, built-in types, and bad names', () => {
    registerEventType('test_plan.drafted', z.object({}));
    expect(() => registerEventType('test_plan.drafted', z.object({ x: z.string() }))).toThrow(/already registered with another schema/);
    expect(() => registerEventType('note.added', z.object({}))).toThrow(/already registered \(built in\)/);
    expect(() => registerEventType('Alert Raised', z.object({}))).toThrow(/dotted lower-case/);
    expect(() => registerEventType('alert', z.object({}))).toThrow(/dotted lower-case/);
  });

  it("uses a registered type's description in the timeline, and a generic one when it fails", () => {
    registerEventType('test_obligation.due', z.object({ regulator: z.string() }), {
      describe: (event, actor) => `${actor} noted a notice due to ${event.payload.regulator}`,
    });
    registerEventType('test_broken.described', z.object({}), {
      describe: () => {
        throw new Error('bug in a later capability');
      },
    });
    const h = new IncidentHarness({ title: 'x', severity: 'low' });
    h.raw('test_obligation.due', { regulator: 'ico' }, 'system:obligations');
    h.raw('test_obligation.due', { regulator: 7 }, 'system:obligations');
    h.raw('test_broken.described', {});
    expect(projectIncident(h.log).timeline.slice(1).map((entry) => entry.description)).toEqual([
      'system:obligations noted a notice due to ico',
      'system:obligations recorded test_obligation.due',
      'system:detect recorded test_broken.described',
    ]);
  });
});

describe('recordEvents', () => {
  registerEventType('test_ioc.matched', alertSchema, {
    describe: (event, actor) => `${actor} matched ${event.payload.rule} on ${event.payload.host}`,
  });
  const ctx = (h: IncidentHarness) => h.context('system:detect');

  it('validates payloads against their schema, stores the parsed payload and chains the events', () => {
    const h = new IncidentHarness({ title: 'x', severity: 'low' });
    const result = recordEvents(
      h.summary,
      [
        { type: 'test_ioc.matched', payload: { rule: 'Qbot', host: 'tk-fs01' } },
        { type: 'test_ioc.matched', payload: { rule: 'Cobalt', host: 'tk-fs02', tags: ['attack.t1055'] } },
      ],
      ctx(h),
    );
    expect(result.events.map((e) => [e.seq, e.type, e.actor])).toEqual([
      [2, 'test_ioc.matched', 'system:detect'],
      [3, 'test_ioc.matched', 'system:detect'],
    ]);
    expect(result.events[0]!.payload).toEqual({ rule: 'Qbot', host: 'tk-fs01', tags: [] });
    expect(result.summary).toMatchObject({ lastSeq: 3, lastHash: result.events[1]!.hash, state: 'detect' });
    const log = [...h.log, ...result.events];
    expect(verifyChain('INC-0001', log, result.summary).ok).toBe(true);
    expect(projectIncident(log).timeline[1]!.description).toBe('system:detect matched Qbot on tk-fs01');
  });

  it('rejects a payload that does not match, naming the field', () => {
    const h = new IncidentHarness({ title: 'x', severity: 'low' });
    try {
      recordEvents(h.summary, [{ type: 'test_ioc.matched', payload: { rule: '', host: 'tk-fs01' } }], ctx(h));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).issues[0]?.field).toBe('rule');
    }
  });

  it('refuses built-in and unregistered types (programming errors)', () => {
    const h = new IncidentHarness({ title: 'x', severity: 'low' });
    expect(() => recordEvents(h.summary, [{ type: 'state.changed', payload: { from: 'detect', to: 'closed' } }], ctx(h))).toThrow(
      /use appendToIncident/,
    );
    expect(() => recordEvents(h.summary, [{ type: 'never.registered', payload: {} }], ctx(h))).toThrow(/registerEventType first/);
  });
});
