/**
 * A real Firebreak for the browser tests: the web UI built from source into a temporary folder, and the server
 * started in process on port 0 with a temporary data folder and the demo estate, serving that build.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { webUi } from '../../src/server/web.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'ui-test-admin-password';

/** Runs `vite build` for web/ into `outDir` (a child process, as `npm run build:web` does). */
export function buildWeb(outDir: string): Promise<void> {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`))));
  });
}

export interface UiServer {
  url: string;
  server: RunningServer;
  /** A JSON API call as admin (bearer token), failing loudly on an unexpected status. */
  api<T>(method: string, route: string, body?: unknown, expect?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startUiServer(): Promise<UiServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-ui-'));
  const dist = path.join(dir, 'web-dist');
  const config = loadConfig({
    FIREBREAK_DATA: path.join(dir, 'data'),
    FIREBREAK_PORT: '0',
    FIREBREAK_DEMO: 'true',
    FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    FIREBREAK_LOG_LEVEL: 'silent',
  });
  let server: RunningServer;
  try {
    await buildWeb(dist);
    server = await startServer(config, { extend: webUi({ root: dist }) });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const token = await fetch(`${server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  }).then(async (res) => ((await res.json()) as { token: string }).token);

  async function api<T>(method: string, route: string, body?: unknown, expect?: number): Promise<T> {
    const res = await fetch(`${server.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (expect !== undefined ? res.status !== expect : !res.ok)
      throw new Error(`${method} ${route}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    url: server.url,
    server,
    api,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form and waits for the board. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: /^Incidents/ }).waitFor();
}
