/**
 * The first-start experience as a new user gets it: `firebreak serve` on a fresh data folder loads the demo
 * estate, prints the URL and a one-time admin password; health answers without a token, everything else needs
 * one; and a restart keeps everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  url: string;
  output: string;
}

function startServe(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, FIREBREAK_LOG_LEVEL: 'warn' };
  for (const name of ['FIREBREAK_ADMIN_PASSWORD', 'DATABASE_URL', 'FIREBREAK_DB_SCHEMA', 'FIREBREAK_HOST', 'FIREBREAK_DEMO']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'serve', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Firebreak is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1] && output.includes('CLI: firebreak login')) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('firebreak serve on a fresh data folder', () => {
  it('serves the demo estate behind authentication and keeps it across a restart', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-serve-'));
    dirs.push(dataDir);
    const first = await startServe(dataDir);
    const password = /^\s{4}(\S+)\s*$/m.exec(first.output)?.[1];
    expect(first.output).toContain('demo estate');
    expect(password, first.output).toBeDefined();

    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', storage: 'pglite' });
    for (const route of ['/api/estate/summary', '/api/incidents', '/api/openapi.json', '/api/users', '/api/nope']) {
      expect((await fetch(`${first.url}${route}`)).status, route).toBe(401);
    }
    const tokenRes = await fetch(`${first.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(tokenRes.status).toBe(200);
    const { token } = (await tokenRes.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const summary = (await (await fetch(`${first.url}/api/estate/summary`, { headers: auth })).json()) as Record<string, number>;
    expect(summary['hosts']).toBeGreaterThan(1500);
    expect(summary['entities']).toBeGreaterThanOrEqual(5);
    const created = await fetch(`${first.url}/api/incidents`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Possible ransomware at headquarters', severity: 'critical' }),
    });
    expect(created.status).toBe(201);
    await stop(first.child);

    const second = await startServe(dataDir);
    expect(second.output).not.toMatch(/one-time password/);
    const again = await fetch(`${second.url}/api/incidents`, { headers: auth });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { total: number }).total).toBe(1);
    const summary2 = (await (await fetch(`${second.url}/api/estate/summary`, { headers: auth })).json()) as Record<string, number>;
    expect(summary2['hosts']).toBe(summary['hosts']);
    await stop(second.child);
  });
});
