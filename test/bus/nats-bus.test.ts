/**
 * The NATS bus on the real NATS server of this machine (127.0.0.1:4222, or FIREBREAK_TEST_NATS_URL): two
 * connections stand for two Firebreak nodes. When NATS is not running the test fails with the command that
 * starts it; it never skips.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsBus } from '../../src/bus/index.js';

const URL = process.env['FIREBREAK_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const prefix = `fbtest${randomBytes(4).toString('hex')}`;
let a: NatsBus;
let b: NatsBus;

beforeAll(async () => {
  try {
    a = await NatsBus.connect({ url: URL, prefix, name: 'node-a' });
    b = await NatsBus.connect({ url: URL, prefix, name: 'node-b' });
  } catch (error) {
    throw new Error(`${String(error)}\nStart NATS with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server`);
  }
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

function next(bus: NatsBus, pattern: string, count: number): Promise<[string, unknown][]> {
  return new Promise((resolve) => {
    const seen: [string, unknown][] = [];
    const stop = bus.subscribe(pattern, (message, subject) => {
      seen.push([subject, message]);
      if (seen.length === count) {
        stop();
        resolve(seen);
      }
    });
  });
}

describe('NatsBus', () => {
  it('delivers what one node publishes to subscribers on another, with wildcards and without the prefix', async () => {
    const received = next(b, 'incident.*.events', 2);
    await b.flush();
    await a.publish('incident.INC-0001.events', { seq: 2 });
    await a.publish('incidents.updated', { ignored: true });
    await a.publish('incident.INC-0002.events', { seq: 5 });
    await a.flush();
    expect(await received).toEqual([
      ['incident.INC-0001.events', { seq: 2 }],
      ['incident.INC-0002.events', { seq: 5 }],
    ]);
  });

  it('stops delivering after unsubscribe', async () => {
    const seen: unknown[] = [];
    const stop = b.subscribe('x.>', (m) => seen.push(m));
    await b.flush();
    await a.publish('x.1', 1);
    await a.flush();
    await new Promise((r) => setTimeout(r, 100));
    stop();
    await b.flush();
    await a.publish('x.2', 2);
    await a.flush();
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1]);
  });

  it('fails with a clear message when NATS is unreachable', async () => {
    await expect(NatsBus.connect({ url: 'nats://127.0.0.1:1' })).rejects.toThrow(/cannot connect to NATS at nats:\/\/127\.0\.0\.1:1/);
  });
});
