/**
 * The bus over NATS, for several `firebreak serve` nodes: what one node publishes (an appended incident event,
 * a changed summary) reaches the subscribers on every node. Subjects get a prefix so that several Firebreak
 * deployments (or test runs) can share one NATS server. Messages are JSON.
 */
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { OperationalError } from '../shared/errors.js';
import type { Bus, Unsubscribe } from './bus.js';

export interface NatsBusOptions {
  /** e.g. `nats://127.0.0.1:4222`; several comma-separated for a cluster. */
  url: string;
  /** Subject prefix, default `firebreak`. */
  prefix?: string;
  /** Connection name shown by the NATS server's monitoring. */
  name?: string;
}

export class NatsBus implements Bus {
  private readonly subscriptions = new Set<Subscription>();
  private readonly encoder = new TextEncoder();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
  ) {}

  /** Connects, or fails with an operational error naming the server and how to start it. */
  static async connect(options: NatsBusOptions): Promise<NatsBus> {
    try {
      const nc = await connect({
        servers: options.url.split(',').map((s) => s.trim()),
        name: options.name ?? 'firebreak',
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1000,
        timeout: 5000,
      });
      return new NatsBus(nc, options.prefix ?? 'firebreak');
    } catch (error) {
      throw new OperationalError(
        'bus_unreachable',
        `cannot connect to NATS at ${options.url}: ${error instanceof Error ? error.message : String(error)} (start it with "nats-server -js", or unset FIREBREAK_NATS_URL to run on one node)`,
        true,
        { cause: error },
      );
    }
  }

  publish(subject: string, message: unknown): Promise<void> {
    this.nc.publish(`${this.prefix}.${subject}`, this.encoder.encode(JSON.stringify(message)));
    return Promise.resolve();
  }

  subscribe(pattern: string, handler: (message: unknown, subject: string) => void): Unsubscribe {
    const strip = this.prefix.length + 1;
    const sub = this.nc.subscribe(`${this.prefix}.${pattern}`, {
      callback: (error, msg) => {
        if (error) return;
        try {
          handler(msg.json(), msg.subject.slice(strip));
        } catch {
          // A failing subscriber must not break the connection's dispatch loop.
        }
      },
    });
    this.subscriptions.add(sub);
    return () => {
      this.subscriptions.delete(sub);
      sub.unsubscribe();
    };
  }

  /** Waits until everything published so far has reached the server (tests, orderly shutdown). */
  async flush(): Promise<void> {
    await this.nc.flush();
  }

  async close(): Promise<void> {
    this.subscriptions.clear();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}
