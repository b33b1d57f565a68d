/**
 * Support for the crash test: a real `firebreak serve` child process (started with tsx like
 * test/e2e/serve.test.ts, so no `dist/` is needed) that can be killed with SIGKILL and started again on the
 * same data folder and port, a small JSON client, and a generated one-entity estate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A port free right now on 127.0.0.1 (the server keeps it across restarts: its executor node is host:port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServeOptions {
  dataDir: string;
  port: number;
  adminPassword: string;
}

/** One life of `firebreak serve` (a child process); `kill9()` ends it as a crash would. */
export class ServeProcess {
  private text = '';
  readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess, readonly url: string) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  /** Starts the server and resolves once it says where it runs (90 s at most: a loaded machine compiles slowly). */
  static start(options: ServeOptions, timeoutMs = 90_000): Promise<ServeProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['DATABASE_URL', 'FIREBREAK_DB_SCHEMA', 'FIREBREAK_NATS_URL', 'FIREBREAK_HOST', 'FIREBREAK_POLICY']) delete env[name];
    Object.assign(env, { FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: options.adminPassword, FIREBREAK_PORT: String(options.port), FIREBREAK_DATA: options.dataDir, FIREBREAK_LOG_LEVEL: 'warn' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--port', String(options.port), '--data', options.dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = `http://127.0.0.1:${options.port}`;
    const serve = new ServeProcess(child, url);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL'); // never leave a half-started server behind
        reject(new Error(`serve did not start within ${timeoutMs} ms:\n${serve.output()}`));
      }, timeoutMs);
      const onData = (chunk: Buffer) => {
        serve.text = (serve.text + chunk.toString('utf8')).slice(-20_000);
        if (serve.text.includes('Firebreak is running at') && serve.text.includes('CLI: firebreak login')) {
          clearTimeout(timer);
          resolve(serve);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`serve exited (${code ?? signal}) before it was ready:\n${serve.output()}`));
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the serve process has no pid');
    return this.child.pid;
  }

  /** The last lines the process wrote (for failure messages). */
  output(): string {
    return this.text.split('\n').slice(-60).join('\n');
  }

  /** kill -9, and waits until the process is gone (reaped, so its data-folder lock counts as stale). */
  async kill9(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** A clean stop (SIGTERM, SIGKILL after 10 s); for the end of the test. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** A JSON client for one server URL; a token per call. */
export class Api {
  constructor(readonly url: string) {}

  async login(username: string, password: string): Promise<string> {
    return (await this.call<{ token: string }>(undefined, 'POST', '/api/auth/token', { username, password })).token;
  }

  async call<T>(token: string | undefined, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${this.url}${route}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, `${method} ${route}: ${res.status} ${text.slice(0, 800)}`);
    return JSON.parse(text) as T;
  }
}

export const CRASH_ENTITY = 'crash-co';

export function crashHosts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `crash-${String(i + 1).padStart(4, '0')}`);
}

/** An estate file (JSON) with one entity, a segment per 250 hosts, every host low-criticality Linux. */
export function crashEstate(hosts: readonly string[]): string {
  const perSegment = 250;
  const segments = Array.from({ length: Math.ceil(hosts.length / perSegment) }, (_, s) => ({
    id: `crash-seg-${s}`, name: `Crash segment ${s}`, entity: CRASH_ENTITY, cidrs: [`10.200.${s}.0/24`], external: [],
  }));
  return JSON.stringify({
    version: 1,
    regions: [{ id: 'emea', name: 'EMEA' }],
    entities: [{ id: CRASH_ENTITY, name: 'Crash Test Co', country: 'GB', region: 'emea' }],
    sites: [],
    segments,
    links: [],
    hosts: hosts.map((hostname, i) => ({ hostname, ips: [`10.200.${Math.floor(i / perSegment)}.${(i % perSegment) + 1}`], os: 'linux', role: 'workstation', criticality: 'low', entity: CRASH_ENTITY, segment: `crash-seg-${Math.floor(i / perSegment)}` })),
    services: [],
    dataStores: [],
  });
}

/** Polls until `check` returns a value; connection errors (the server is down or restarting) count as "not yet". */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : JSON.stringify(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : ` (last error: ${last})`}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
