import { describe, expect, it } from 'vitest';
import { behaviourSchema, delayOf, faultFor } from './behaviour.js';

describe('fleet behaviour', () => {
  it('applies defaults and refuses unknown fields', () => {
    expect(behaviourSchema.parse({})).toMatchObject({ latencyMs: 0, heartbeatMs: 15_000, faults: [], infected: { hosts: [] } });
    expect(behaviourSchema.safeParse({ latency: 5 }).success).toBe(false);
    expect(behaviourSchema.safeParse({ faults: [{ effect: 'explode' }] }).success).toBe(false);
  });

  it('hits faults by host, type, share and count, the same way for the same seed', () => {
    const b = behaviourSchema.parse({ seed: 7, faults: [{ effect: 'fail', hosts: ['h1'], types: ['isolate'], times: 1 }, { effect: 'drop', rate: 0.5 }] });
    const hits: number[] = [];
    expect(faultFor(b, 'h1', 'isolate', 'c1', hits)?.effect).toBe('fail');
    expect(faultFor(b, 'h1', 'isolate', 'c2', hits)?.effect).not.toBe('fail');
    const drops = Array.from({ length: 1000 }, (_, i) => faultFor(b, 'h2', 'ping', `x${i}`, []) !== undefined).filter(Boolean).length;
    expect(drops).toBeGreaterThan(400);
    expect(drops).toBeLessThan(600);
    expect(faultFor(b, 'h2', 'ping', 'x1', [])).toEqual(faultFor(b, 'h2', 'ping', 'x1', []));
  });

  it('draws delays within their range', () => {
    const d = delayOf([10, 20], 1, 'c');
    expect(d).toBeGreaterThanOrEqual(10);
    expect(d).toBeLessThanOrEqual(20);
    expect(delayOf(5, 1, 'c')).toBe(5);
  });
});
