/**
 * Replays recorded HTTP exchanges (test/fixtures/<vendor>/*.json) in order: each request must match the next
 * recorded one (method, decoded path and query, form fields, JSON body fields; `{"$contains": "..."}` matches
 * part of a string), and gets the recorded response. Anything else is answered 599 and listed in `problems`.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  request: { method: string; path: string; headers?: Record<string, string>; form?: Record<string, string>; body?: Record<string, unknown> };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

export interface Recording {
  description: string;
  source: string[];
  note: string;
  exchanges: Exchange[];
}

export function loadRecording(file: string): Recording {
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

function matches(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'object' && expected !== null && '$contains' in expected) return typeof actual === 'string' && actual.includes(String((expected).$contains));
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(expected).every(([k, v]) => matches(v, (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

function problemWith(expected: Exchange['request'], method: string, path: string, headers: http.IncomingHttpHeaders, body: string): string | undefined {
  if (method !== expected.method || path !== expected.path) return `expected ${expected.method} ${expected.path}, got ${method} ${path}`;
  for (const [name, value] of Object.entries(expected.headers ?? {})) if (headers[name] !== value) return `${path}: header ${name} is ${String(headers[name])}`;
  if (expected.form) {
    const form = Object.fromEntries(new URLSearchParams(body));
    if (!matches(expected.form, form)) return `${path}: form ${JSON.stringify(form)} does not match ${JSON.stringify(expected.form)}`;
  }
  if (expected.body) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return `${path}: body is not JSON: ${body.slice(0, 200)}`;
    }
    if (!matches(expected.body, json)) return `${path}: body ${body} does not match ${JSON.stringify(expected.body)}`;
  }
  return undefined;
}

export class ReplayServer {
  readonly problems: string[] = [];
  private queue: Exchange[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Queues exchanges to be replayed (in order). */
  play(exchanges: readonly Exchange[]): void {
    this.queue.push(...exchanges);
  }

  /** Exchanges recorded but never requested. */
  get remaining(): number {
    return this.queue.length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = decodeURIComponent(req.url ?? '');
      const next = this.queue[0];
      const problem = next ? problemWith(next.request, req.method ?? '', path, req.headers, body) : `unexpected ${req.method ?? ''} ${path} (no exchange left)`;
      if (problem !== undefined || !next) {
        this.problems.push(problem ?? 'no exchange');
        res.writeHead(599).end();
        return;
      }
      this.queue.shift();
      const { status, headers, body: out } = next.response;
      res.writeHead(status, headers ?? {}).end(out === undefined ? '' : JSON.stringify(out));
    });
  }
}
