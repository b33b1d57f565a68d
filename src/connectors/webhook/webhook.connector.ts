/**
 * The generic webhook connector: one signed POST per action. The body is JSON
 * `{ key, incidentId, planId, actionId, direction, attempt, operation, target, args }`; the headers carry the
 * signature (`Firebreak-Signature`, see signature.ts) and `Idempotency-Key: <key>`, which stays the same when
 * an attempt is resumed after a crash, so the receiver answers a repeat with its first answer.
 *
 * A 2xx means `applied` (or `verified` when the receiver answers `{"state":"verified","evidence":{...}}`);
 * 408, 429, 5xx, a timeout or no connection are retryable (honouring `Retry-After`); any other status is a
 * refusal. Redirects are not followed (a signed body goes only where it was configured to go).
 *
 * @example
 * registry.register(webhookConnector({ url: 'https://soar.example/hooks/firebreak', secret }));
 */
import type { ActionOutcome, Connector, ConnectorContext, ExecutableAction } from '../../respond/types.js';
import { signatureHeader, SIGNATURE_HEADER } from './signature.js';
import { webhookManifest } from './webhook.manifest.js';

export interface WebhookOptions {
  url: string;
  secret: string;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  userAgent?: string;
}

/** Largest response body read (the rest is ignored). */
const MAX_RESPONSE_BYTES = 64 * 1024;

export function webhookBody(action: ExecutableAction): string {
  const { key, incidentId, planId, actionId, direction, attempt, operation, target, args } = action;
  return JSON.stringify({ key, incidentId, planId, actionId, direction, attempt, operation, target, args });
}

export function webhookConnector(options: WebhookOptions): Connector {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    manifest: webhookManifest(timeoutMs),
    execute: (action, ctx) => post(options, timeoutMs, action, ctx),
  };
}

async function post(options: WebhookOptions, timeoutMs: number, action: ExecutableAction, ctx: ConnectorContext): Promise<ActionOutcome> {
  const body = webhookBody(action);
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([ctx.signal, timeout]),
      headers: {
        'content-type': 'application/json',
        'user-agent': options.userAgent ?? 'Firebreak-Webhook/1',
        'idempotency-key': action.key,
        [SIGNATURE_HEADER]: signatureHeader(options.secret, Math.floor(ctx.now().getTime() / 1000), body),
      },
      body,
    });
  } catch (error) {
    if (timeout.aborted) return failed('webhook_timeout', `the webhook did not answer within ${timeoutMs / 1000} s`, true);
    if (ctx.signal.aborted) return failed('aborted', 'the executor stopped waiting for the webhook', true);
    return failed('webhook_unreachable', `cannot reach the webhook at ${safeUrl(options.url)}: ${causeOf(error)}`, true);
  }
  ctx.progress('sent', { httpStatus: response.status });
  const text = await readCapped(response);
  return outcomeOf(response, text);
}

function outcomeOf(response: Response, text: string): ActionOutcome {
  const status = response.status;
  const json = parseJson(text);
  if (status >= 200 && status < 300) {
    const verified = json?.['state'] === 'verified';
    const evidence = typeof json?.['evidence'] === 'object' && json['evidence'] !== null ? (json['evidence'] as Record<string, unknown>) : {};
    return { state: verified ? 'verified' : 'applied', evidence: { httpStatus: status, ...evidence } };
  }
  const said = typeof json?.['message'] === 'string' ? json['message'] : typeof json?.['error'] === 'string' ? json['error'] : text.slice(0, 300);
  const message = `the webhook answered ${status}${said ? `: ${said.slice(0, 300)}` : ''}`;
  const retryable = status === 408 || status === 429 || status >= 500;
  if (status >= 300 && status < 400) return failed('http_redirect', `${message} (redirects are not followed: configure the final URL)`, false);
  const retryAfterMs = retryAfter(response.headers.get('retry-after'));
  return { ...failed(`http_${status}`, message, retryable), ...(retryable && retryAfterMs !== undefined ? { retryAfterMs } : {}), evidence: { httpStatus: status } };
}

function failed(code: string, message: string, retryable: boolean): ActionOutcome {
  return { state: 'failed', error: { code, message }, retryable };
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_RESPONSE_BYTES) {
      const next = await reader.read();
      if (next.done) break;
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  } catch {
    // A body cut off mid-way still leaves the status, which is what decides the outcome.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The URL without credentials or query (which may carry a token), for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}
