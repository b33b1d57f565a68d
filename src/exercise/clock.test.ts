import { describe, expect, it } from 'vitest';
import { ScenarioClock } from './clock.js';

describe('ScenarioClock', () => {
  it('runs at real pace, jumps forward only, and scales waits by the speed', () => {
    let real = 1000;
    const clock = new ScenarioClock(Date.parse('2021-06-01T14:00:00Z'), () => real, 3600);
    real += 500;
    expect(clock.elapsed()).toBe(500);
    expect(clock.realDelayUntil(3_600_500)).toBe(1000);
    clock.jumpTo(3_600_500);
    expect(clock.elapsed()).toBe(3_600_500);
    clock.jumpTo(10);
    expect(clock.elapsed()).toBe(3_600_500);
    real += 250;
    expect(new Date(clock.now()).toISOString()).toBe('2021-06-01T15:00:00.750Z');
    expect(clock.realDelayUntil(0)).toBe(0);
  });
});
