/** The webhook connector against a real local HTTP server that checks every signature. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature, webhookConnector } from '../../src/connectors/webhook/index.js';
import type { ConnectorContext, ExecutableAction } from '../../src/respond/types.js';

const SECRET = 'whsec_test_8c1f0e4d2b7a49f6a3e5d0c9b8a7f6e5';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  signature: ReturnType<typeof verifySignature>;
}

type Reply = (req: Received, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
const received: Received[] = [];
const replies = new Map<string, Reply>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = { headers: req.headers, body, signature: verifySignature(SECRET, req.headers['firebreak-signature'] as string | undefined, body, Date.now() / 1000) };
      received.push(entry);
      if (!entry.signature.ok) {
        res.writeHead(401).end('{"error":"bad signature"}');
        return;
      }
      const reply = replies.get(req.url ?? '') ?? ((_r, out) => out.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}'));
      reply(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));

function action(n = 1, attempt = 1): ExecutableAction {
  const id = `a000${n}`;
  return { incidentId: 'INC-0007', planId: 'P-hook', direction: 'forward', operation: 'isolate', args: { host: 'jp-fs01' }, connector: 'webhook', target: { kind: 'host', ref: 'jp-fs01', entity: 'jp-hq' }, actionId: id, key: `P-hook/${id}/forward/${attempt}`, attempt };
}

const ctx = (): ConnectorContext => ({ now: () => new Date(), signal: new AbortController().signal, progress: () => undefined });

describe('webhook connector', () => {
  it('POSTs the action as signed JSON with the idempotency key, and a 2xx is applied', async () => {
    const hook = webhookConnector({ url: `${base}/ok`, secret: SECRET });
    const outcome = await hook.execute(action(), ctx());
    expect(outcome).toEqual({ state: 'applied', evidence: { httpStatus: 200 } });
    const last = received.at(-1);
    expect(last?.signature.ok).toBe(true);
    expect(last?.headers['idempotency-key']).toBe('P-hook/a0001/forward/1');
    expect(last?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(last?.body ?? '{}')).toEqual({ key: 'P-hook/a0001/forward/1', incidentId: 'INC-0007', planId: 'P-hook', actionId: 'a0001', direction: 'forward', attempt: 1, operation: 'isolate', target: { kind: 'host', ref: 'jp-fs01', entity: 'jp-hq' }, args: { host: 'jp-fs01' } });
  });

  it('takes a receiver that proves the effect as verified, with its evidence', async () => {
    replies.set('/proves', (_r, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"state":"verified","evidence":{"firewallRule":"fw-991"}}'));
    const outcome = await webhookConnector({ url: `${base}/proves`, secret: SECRET }).execute(action(), ctx());
    expect(outcome).toEqual({ state: 'verified', evidence: { httpStatus: 201, firewallRule: 'fw-991' } });
  });

  it('retries 5xx and 429, honouring Retry-After, and refuses on other 4xx with the receiver message', async () => {
    replies.set('/busy', (_r, res) => res.writeHead(503, { 'retry-after': '7' }).end('overloaded'));
    replies.set('/slow-down', (_r, res) => res.writeHead(429).end());
    replies.set('/refuse', (_r, res) => res.writeHead(422, { 'content-type': 'application/json' }).end('{"message":"unknown host jp-fs01"}'));
    expect(await webhookConnector({ url: `${base}/busy`, secret: SECRET }).execute(action(), ctx())).toMatchObject({ state: 'failed', retryable: true, retryAfterMs: 7000, error: { code: 'http_503', message: 'the webhook answered 503: overloaded' } });
    expect(await webhookConnector({ url: `${base}/slow-down`, secret: SECRET }).execute(action(), ctx())).toMatchObject({ state: 'failed', retryable: true, error: { code: 'http_429' } });
    expect(await webhookConnector({ url: `${base}/refuse`, secret: SECRET }).execute(action(), ctx())).toMatchObject({ state: 'failed', retryable: false, error: { code: 'http_422', message: 'the webhook answered 422: unknown host jp-fs01' } });
  });

  it('is refused by the receiver when signed with another secret', async () => {
    const outcome = await webhookConnector({ url: `${base}/ok`, secret: 'not-the-shared-secret-at-all-0000' }).execute(action(), ctx());
    expect(outcome).toMatchObject({ state: 'failed', retryable: false, error: { code: 'http_401' } });
    expect(received.at(-1)?.signature).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('does not follow redirects', async () => {
    replies.set('/moved', (_r, res) => res.writeHead(302, { location: 'http://elsewhere.invalid/' }).end());
    expect(await webhookConnector({ url: `${base}/moved`, secret: SECRET }).execute(action(), ctx())).toMatchObject({ state: 'failed', retryable: false, error: { code: 'http_redirect' } });
  });

  it('gives up on a receiver that does not answer in time, and on one that is not there, as retryable', async () => {
    replies.set('/hang', () => undefined);
    expect(await webhookConnector({ url: `${base}/hang`, secret: SECRET, timeoutMs: 200 }).execute(action(), ctx())).toMatchObject({ state: 'failed', retryable: true, error: { code: 'webhook_timeout' } });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await webhookConnector({ url: `http://127.0.0.1:${port}/x?token=secret`, secret: SECRET }).execute(action(), ctx())).toMatchObject({ state: 'failed', retryable: true, error: { code: 'webhook_unreachable' } });
    expect(JSON.stringify(await webhookConnector({ url: `http://127.0.0.1:${port}/x?token=secret`, secret: SECRET }).execute(action(), ctx()))).not.toContain('token=secret');
  });
});
