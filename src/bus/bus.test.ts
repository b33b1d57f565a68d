import { describe, expect, it } from 'vitest';
import { MemoryBus, subjectMatches } from './index.js';

describe('subjectMatches', () => {
  it('matches NATS-style wildcards', () => {
    expect(subjectMatches('incident.*.events', 'incident.INC-0001.events')).toBe(true);
    expect(subjectMatches('incident.>', 'incident.INC-0001.events')).toBe(true);
    expect(subjectMatches('incident.>', 'incident')).toBe(false);
    expect(subjectMatches('incident.*', 'incident.a.b')).toBe(false);
    expect(subjectMatches('a.b', 'a.b')).toBe(true);
    expect(subjectMatches('a.b', 'a.c')).toBe(false);
  });
});

describe('MemoryBus', () => {
  it('delivers to matching subscribers until they unsubscribe, and survives a throwing one', async () => {
    const bus = new MemoryBus();
    const seen: string[] = [];
    bus.subscribe('x.>', () => {
      throw new Error('bad subscriber');
    });
    const stop = bus.subscribe('x.*', (message, subject) => seen.push(`${subject}:${String(message)}`));
    await bus.publish('x.1', 'a');
    await bus.publish('y.1', 'b');
    stop();
    await bus.publish('x.2', 'c');
    expect(seen).toEqual(['x.1:a']);
  });
});
