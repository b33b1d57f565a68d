/** The in-process bus: the default for one `firebreak serve` process. */
import type { Bus, Unsubscribe } from './bus.js';
import { subjectMatches } from './bus.js';

interface Subscription {
  pattern: string;
  handler: (message: unknown, subject: string) => void;
}

export class MemoryBus implements Bus {
  private readonly subscriptions = new Set<Subscription>();

  publish(subject: string, message: unknown): Promise<void> {
    for (const sub of this.subscriptions) {
      if (!subjectMatches(sub.pattern, subject)) continue;
      try {
        sub.handler(message, subject);
      } catch {
        // One failing subscriber must not stop delivery to the others.
      }
    }
    return Promise.resolve();
  }

  subscribe(pattern: string, handler: (message: unknown, subject: string) => void): Unsubscribe {
    const sub: Subscription = { pattern, handler };
    this.subscriptions.add(sub);
    return () => this.subscriptions.delete(sub);
  }

  close(): Promise<void> {
    this.subscriptions.clear();
    return Promise.resolve();
  }
}
