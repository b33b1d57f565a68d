/**
 * The scenario clock of a run. It runs at real pace (machines work in real time) and jumps ahead when the
 * driver waits for the next thing people or the attacker do; the driver waits `(next - now) / speed` of real
 * time before the jump, so that a 20-minute response takes a third of a second at speed 3600. Pure: the real
 * clock is passed in.
 */
export class ScenarioClock {
  private base: number;
  private realBase: number;

  /**
   * @example
   * const clock = new ScenarioClock(Date.parse('2021-06-01T14:00:00Z'), () => performance.now(), 3600);
   * clock.elapsed(); // 0
   */
  constructor(
    readonly start: number,
    private readonly realNow: () => number,
    readonly speed: number,
  ) {
    this.base = start;
    this.realBase = realNow();
  }

  /** Scenario time, epoch milliseconds. */
  now(): number {
    return this.base + (this.realNow() - this.realBase);
  }

  /** Scenario milliseconds since the start. */
  elapsed(): number {
    return this.now() - this.start;
  }

  /** Moves the clock to `elapsed` ms from the start; never backwards. */
  jumpTo(elapsed: number): void {
    const target = this.start + elapsed;
    if (target <= this.now()) return;
    this.base = target;
    this.realBase = this.realNow();
  }

  /** Real milliseconds to wait before jumping to `elapsed` (0 when it is already due). */
  realDelayUntil(elapsed: number): number {
    return Math.max(0, (this.start + elapsed - this.now()) / this.speed);
  }
}
