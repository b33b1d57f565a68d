/**
 * The one way the UI talks to the server: same-origin JSON with the session cookie, every answer parsed with the
 * shared zod contracts, every failure turned into an `ApiError` with the server's stable code.
 */
import type { z } from 'zod';
import { errorBodySchema } from '../../../src/contracts/common';
import { ApiError, validationError } from './errors';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let onUnauthenticated: (() => void) | undefined;

/** Called when any request (other than logging in) is refused because the session is gone. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

async function send(method: Method, path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
  // A browser session may only write as JSON (the server's cross-site guard); body-less writes say so by header.
  const headers: Record<string, string> = { accept: 'application/json', 'x-firebreak-request': '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('network', `no answer from ${path}`, 0);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function failure(path: string, response: Response, payload: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, issues, details } = parsed.data.error;
    return new ApiError(code, message, response.status, issues, details);
  }
  const code = response.status >= 500 ? 'internal' : `http_${response.status}`;
  return new ApiError(code, `${response.status} ${response.statusText} from ${path}`, response.status);
}

/**
 * Sends a request and parses the answer with `schema` (null: no body expected).
 *
 * @example
 * const me = await request('GET', '/api/auth/me', meSchema);
 */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.output<S>>;
export async function request(
  method: Method,
  path: string,
  schema: null,
  body?: unknown,
  signal?: AbortSignal,
): Promise<void>;
export async function request(
  method: Method,
  path: string,
  schema: z.ZodType | null,
  body?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const response = await send(method, path, body, signal);
  const payload = await readJson(response);
  if (!response.ok) {
    const error = failure(path, response, payload);
    if (error.code === 'unauthenticated' && path !== '/api/auth/login') onUnauthenticated?.();
    throw error;
  }
  if (schema === null) return undefined;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unexpected shape';
    throw new ApiError('bad_response', `${method} ${path} answered unexpectedly at ${where}`, response.status);
  }
  return parsed.data;
}

/**
 * Checks input against a shared schema before sending, so the form shows the same field errors the server
 * would, without a round trip.
 */
export function check<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error.issues);
  return parsed.data;
}
