/**
 * The CLI's HTTP client: one request function that sends the bearer token, parses the JSON answer and turns an
 * error body into an ApiError carrying the server's code, message and issues.
 */
import type { ZodType } from 'zod';
import { errorBodySchema, type ErrorBody } from '../contracts/common.js';
import { formatIssue } from '../shared/errors.js';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'],
  ) {
    super(body.message);
  }

  /** The message and every issue, one per line, with the hint if the server gave one. */
  describe(): string {
    const lines = [`error (${this.status} ${this.body.code}): ${this.body.message}`];
    for (const issue of this.body.issues) lines.push(`  ${formatIssue(issue)}`);
    const hint = this.body.details['hint'];
    if (typeof hint === 'string') lines.push(`HINT: ${hint}`);
    return lines.join('\n');
  }
}

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

export interface ClientOptions {
  server: string;
  token?: string | undefined;
}

export class ApiClient {
  readonly server: string;
  constructor(private readonly options: ClientOptions) {
    this.server = options.server.replace(/\/+$/, '');
  }

  /** The bearer token, for tools that hand it on (an exercise enrolling its simulated agents). */
  get token(): string | undefined {
    return this.options.token;
  }

  async request<T>(method: string, path: string, body?: unknown, schema?: ZodType<T>): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response | undefined;
    // A GET is retried twice when the connection drops (a kept-alive socket the server closed meanwhile).
    for (let attempt = 0; response === undefined; attempt++) {
      try {
        response = await fetch(`${this.server}${path}`, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (error) {
        if (method === 'GET' && attempt < 2) {
          await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
          continue;
        }
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        throw new ConnectionError(`cannot reach the Firebreak server at ${this.server}${cause} (start it with "npm start" or set --server / FIREBREAK_URL)`);
      }
    }
    const text = await response.text();
    const json: unknown = text.length > 0 ? parseJson(text) : undefined;
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(json);
      throw new ApiError(response.status, parsed.success ? parsed.data.error : { code: 'http_error', message: text.slice(0, 500) || response.statusText, issues: [], details: {} });
    }
    return schema ? schema.parse(json) : (json as T);
  }

  /** A GET whose answer is not JSON (a PDF, a Markdown report): the bytes. */
  async bytes(path: string): Promise<Buffer> {
    const headers: Record<string, string> = {};
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    const response = await fetch(`${this.server}${path}`, { headers }).catch((error: unknown) => {
      throw new ConnectionError(`cannot reach the Firebreak server at ${this.server}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(parseJson(body.toString('utf8')));
      throw new ApiError(response.status, parsed.success ? parsed.data.error : { code: 'http_error', message: response.statusText, issues: [], details: {} });
    }
    return body;
  }

  get<T>(path: string, schema?: ZodType<T>): Promise<T> {
    return this.request('GET', path, undefined, schema);
  }

  post<T>(path: string, body: unknown, schema?: ZodType<T>): Promise<T> {
    return this.request('POST', path, body, schema);
  }

  /** Opens a Server-Sent Events stream and calls `onEvent` for each event until the signal aborts. */
  async stream(path: string, onEvent: (event: string, data: unknown) => void, signal?: AbortSignal): Promise<void> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    const response = await fetch(`${this.server}${path}`, { headers, ...(signal ? { signal } : {}) });
    if (!response.ok || !response.body) {
      const parsed = errorBodySchema.safeParse(parseJson(await response.text()));
      throw new ApiError(response.status, parsed.success ? parsed.data.error : { code: 'http_error', message: response.statusText, issues: [], details: {} });
    }
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data !== undefined) onEvent(event, parseJson(data));
      }
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
