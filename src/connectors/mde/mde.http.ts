/**
 * HTTP to the Defender for Endpoint API: a client-credentials token cached until shortly before it expires,
 * a rate limit shared by every call of the connector, a timeout per request, and bodies read as JSON (capped).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { OperationalError } from '../../shared/errors.js';
import { DEFAULT_SCOPE, tokenErrorSchema, tokenSchema, type MdeOptions } from './mde.types.js';

export interface MdeResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

const MAX_BODY = 1024 * 1024;

/** A token bucket: `perMinute` calls per minute, waiting (abortably) when empty. */
class RateLimit {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly perMinute: number) {
    this.tokens = perMinute;
  }
  async take(signal: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.last) / 60_000) * this.perMinute);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perMinute) * 60_000), undefined, { signal });
    }
  }
}

export class MdeHttp {
  private token: { value: string; until: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly limit: RateLimit;

  constructor(private readonly options: MdeOptions) {
    this.limit = new RateLimit(options.requestsPerMinute ?? 90);
  }

  /** One API call; a 401 drops the cached token and tries once more with a fresh one. */
  async call(method: 'GET' | 'POST', path: string, signal: AbortSignal, body?: unknown): Promise<MdeResponse> {
    let response = await this.send(method, path, signal, body);
    if (response.status === 401) {
      this.token = undefined;
      response = await this.send(method, path, signal, body);
    }
    return response;
  }

  private async send(method: 'GET' | 'POST', path: string, signal: AbortSignal, body?: unknown): Promise<MdeResponse> {
    const token = await this.accessToken(signal);
    await this.limit.take(signal);
    const response = await fetch(`${this.options.apiUrl.replace(/\/$/, '')}${path}`, {
      method,
      redirect: 'error',
      signal: this.timed(signal),
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, json: await readJson(response) };
  }

  private timed(signal: AbortSignal): AbortSignal {
    return AbortSignal.any([signal, AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000)]);
  }

  /** The cached token, or a new one (one request at a time, shared by concurrent callers). */
  private accessToken(signal: AbortSignal): Promise<string> {
    if (this.token && Date.now() < this.token.until) return Promise.resolve(this.token.value);
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const { tenantId, clientId, clientSecret, loginUrl } = this.options;
    const url = `${loginUrl.replace(/\/$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, scope: this.options.scope ?? DEFAULT_SCOPE, grant_type: 'client_credentials' });
    const response = await fetch(url, { method: 'POST', redirect: 'error', signal: this.timed(signal), headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const json = await readJson(response);
    const token = tokenSchema.safeParse(json);
    if (response.ok && token.success) {
      // Renewed a minute early, so a token never expires between the check and the call.
      this.token = { value: token.data.access_token, until: Date.now() + Math.max(0, token.data.expires_in - 60) * 1000 };
      return token.data.access_token;
    }
    const said = tokenErrorSchema.safeParse(json);
    const reason = said.success ? `${said.data.error}: ${(said.data.error_description ?? '').split('\n')[0]?.slice(0, 300) ?? ''}` : `HTTP ${response.status}`;
    const retryable = response.status >= 500 || response.status === 429;
    throw new OperationalError('mde_auth_failed', `Entra ID refused a token for the Defender for Endpoint app ${clientId} in tenant ${tenantId} (${reason}). HINT: check FIREBREAK_MDE_CLIENT_ID, FIREBREAK_MDE_CLIENT_SECRET and the app's Machine.Isolate permission`, retryable);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = (await response.text()).slice(0, MAX_BODY);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
