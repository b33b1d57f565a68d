/** Slows password guessing: after too many failures for one username, logins are refused for a while. */
import { UserError } from '../../shared/errors.js';

const WINDOW_MS = 10 * 60 * 1000;
const MAX_FAILURES = 10;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  check(username: string): void {
    const recent = this.recent(username);
    if (recent.length >= MAX_FAILURES) {
      const retryAfter = Math.ceil(((recent[0] ?? 0) + WINDOW_MS - this.now().getTime()) / 1000);
      throw new UserError('rate_limited', `too many failed logins for ${username}`, [], {
        hint: `wait ${retryAfter} s before trying again`,
        retryAfterSeconds: retryAfter,
      });
    }
  }

  fail(username: string): void {
    const recent = this.recent(username);
    recent.push(this.now().getTime());
    this.failures.set(username, recent);
  }

  succeed(username: string): void {
    this.failures.delete(username);
  }

  private recent(username: string): number[] {
    const cutoff = this.now().getTime() - WINDOW_MS;
    return (this.failures.get(username) ?? []).filter((t) => t > cutoff);
  }
}
