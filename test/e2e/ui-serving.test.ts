/**
 * How `firebreak serve` serves the web UI: the app shell for every page path (deep links work), hashed assets
 * cached for a year, the API untouched (still 401 before 404), and a 503 page saying how to build when the
 * build is missing.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { webUi } from '../../src/server/web.js';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-web-'));
  await mkdir(path.join(dir, 'dist/assets'), { recursive: true });
  await writeFile(path.join(dir, 'dist/index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dir, 'dist/assets/index-AbC123.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'dist/favicon.svg'), '<svg/>');
  await writeFile(path.join(dir, 'secret.txt'), 'outside the web root');
  const config = loadConfig({
    FIREBREAK_DATA: path.join(dir, 'data'),
    FIREBREAK_PORT: '0',
    FIREBREAK_DEMO: 'false',
    FIREBREAK_ADMIN_PASSWORD: 'serving-test-password',
    FIREBREAK_LOG_LEVEL: 'silent',
  });
  server = await startServer(config, { extend: webUi({ root: path.join(dir, 'dist') }) });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the web UI at /', () => {
  it('serves the app for page paths, caches hashed assets for good and leaves /api to the API', async () => {
    const { app } = server;
    for (const url of ['/', '/incidents/INC-0001', '/estate?host=tyo-fs01', '/login']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.body).toContain('<div id="root">');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/favicon.svg' })).headers['cache-control']).toBe(
      'public, max-age=3600',
    );

    const missing = await app.inject({ method: 'GET', url: '/assets/index-gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('outside the web root');
    }

    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(401);
    const token = (
      await app.inject({
        method: 'POST',
        url: '/api/auth/token',
        payload: { username: 'admin', password: 'serving-test-password' },
      })
    ).json<{ token: string }>().token;
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/nope',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found', message: 'no route GET /api/nope' } });
  });

  it('answers 503 with how to build while the web build is missing, and serves it once built', async () => {
    const { app } = server;
    const index = path.join(dir, 'dist/index.html');
    await rm(index);
    const res = await app.inject({ method: 'GET', url: '/incidents' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

    await writeFile(index, '<!doctype html><div id="root"></div>');
    expect((await app.inject({ method: 'GET', url: '/incidents' })).statusCode).toBe(200); // no restart needed
  });
});
