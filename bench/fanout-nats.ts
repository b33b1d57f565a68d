/**
 * The fan-out bench's reference: the same fan-out as bare NATS request/reply. A child process holds one
 * subscription per simulated agent (`<prefix>.<i>`) and answers each request; the bench sends one request to
 * each and waits for every reply. Run as a script, this file is that child.
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect } from '@nats-io/transport-node';

export const NATS_URL = process.env['FIREBREAK_BENCH_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** Starts the responders in a child process; resolves when they listen. */
async function startResponders(prefix: string, count: number): Promise<() => void> {
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, [prefix, String(count)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the NATS responders exited (code ${code ?? 'signal'})`)));
  });
  return () => child.kill();
}

/** Milliseconds for `count` requests, one to each of `count` responders, all in flight at once. */
export async function natsFanout(count: number): Promise<number> {
  const prefix = `fanout_${process.pid}_${Date.now()}`;
  const stop = await startResponders(prefix, count);
  const nc = await connect({ servers: NATS_URL, name: 'firebreak-bench-fanout' });
  try {
    const payload = new TextEncoder().encode(JSON.stringify({ kind: 'command', type: 'isolate', args: { allow: [] } }));
    const started = performance.now();
    await Promise.all(Array.from({ length: count }, (_, i) => nc.request(`${prefix}.${i}`, payload, { timeout: 60_000 })));
    return performance.now() - started;
  } finally {
    await nc.drain();
    stop();
  }
}

async function respond(prefix: string, count: number): Promise<void> {
  const nc = await connect({ servers: NATS_URL, name: 'firebreak-bench-responders' });
  const reply = new TextEncoder().encode(JSON.stringify({ kind: 'result', state: 'verified' }));
  for (let i = 0; i < count; i += 1) nc.subscribe(`${prefix}.${i}`, { callback: (_error, msg) => void msg.respond(reply) });
  await nc.flush();
  process.send?.('ready');
  process.on('disconnect', () => void nc.close().then(() => process.exit(0)));
}

if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void respond(process.argv[2] ?? 'fanout', Number(process.argv[3] ?? 10_000));
}
