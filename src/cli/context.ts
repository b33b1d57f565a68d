/** What every CLI command gets: the global options resolved into an API client, and output. */
import type { Command } from 'commander';
import { ApiClient } from './client.js';
import { loadCredentials } from './credentials.js';
import type { Output } from './output.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:7373';

export interface GlobalOptions {
  server?: string;
  token?: string;
  json?: boolean;
}

export interface CliContext {
  out: Output;
  env: NodeJS.ProcessEnv;
  /** The API client for the chosen server and token (flags, then environment, then `firebreak login`). */
  client(): Promise<ApiClient>;
  server(): string;
  json(): boolean;
}

export function createCliContext(program: Command, out: Output, env: NodeJS.ProcessEnv): CliContext {
  const opts = () => program.opts<GlobalOptions>();
  const server = () => opts().server ?? env['FIREBREAK_URL'] ?? DEFAULT_SERVER;
  return {
    out,
    env,
    server,
    json: () => opts().json === true,
    async client() {
      let token = opts().token ?? env['FIREBREAK_TOKEN'];
      if (!token) {
        const saved = await loadCredentials(env);
        if (saved && saved.server.replace(/\/+$/, '') === server().replace(/\/+$/, '')) token = saved.token;
      }
      return new ApiClient({ server: server(), token });
    },
  };
}
