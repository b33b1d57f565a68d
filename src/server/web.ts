/**
 * Serves the web UI (the Vite build in web/dist) at `/`: hashed assets with immutable caching, other files with a
 * short cache, and index.html for every other non-API path so that deep links (/incidents/INC-0001) work.
 * When the build is missing, pages answer 503 with how to build it; the API under /api is never touched.
 *
 * @example
 * await buildApp(ctx, { extend: webUi() });                       // web/dist next to src/ or dist/
 * await buildApp(ctx, { extend: webUi({ root: '/tmp/web-dist' }) }); // a build elsewhere (tests)
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface WebUiOptions {
  /** The folder holding the Vite build (index.html and assets/); default: web/dist of this checkout. */
  root?: string;
}

/** web/dist, two folders up from this file both in src/server (tsx) and in dist/server (built). */
export const DEFAULT_WEB_ROOT = path.resolve(import.meta.dirname, '../../web/dist');

const YEAR_SECONDS = 365 * 24 * 3600;

/** Headers for the HTML shell: the UI loads only its own scripts and talks only to its own server. */
const SHELL_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firebreak: web UI not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#0f1419;color:#e6e9ef;margin:0;display:grid;place-items:center;min-height:100vh}
main{max-width:40rem;padding:2rem}code{background:#1d2530;padding:.15rem .4rem;border-radius:4px}h1{font-size:1.4rem}</style></head>
<body><main><h1>The Firebreak web UI has not been built</h1>
<p>The server is running and the API answers under <code>/api</code>, but there is no web build to serve.</p>
<p>Run <code>npm run build</code> (or <code>npm run build:web</code>) in the Firebreak folder, then reload this page.
<code>npm start</code> builds everything and starts the server.</p></main></body></html>`;

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** The request path as a file path inside `root`, or undefined when it would leave it. */
function fileInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  return file.startsWith(root + path.sep) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function sendShell(reply: FastifyReply, root: string): Promise<FastifyReply> {
  if (!(await isFile(path.join(root, 'index.html')))) {
    return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  }
  return reply.headers(SHELL_HEADERS).sendFile('index.html', root, { cacheControl: false });
}

/** The Fastify plugin, for the `extend` option of `buildApp`. */
export function webUi(options: WebUiOptions = {}): (app: FastifyInstance) => Promise<void> {
  const root = path.resolve(options.root ?? DEFAULT_WEB_ROOT);
  return async (app) => {
    // Only the reply.sendFile decorator: this module decides what is served, so /api paths never reach the disk.
    await app.register(fastifyStatic, { root, serve: false });

    // `/*` is not a public route: the authentication hook still answers 401 for unknown /api paths before this
    // handler runs, and it ignores every path outside /api, so the UI shell itself needs no login.
    app.get('/*', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (isApiPath(pathname)) return reply.callNotFound();
      const file = pathname === '/' ? undefined : fileInside(root, pathname);
      if (file && (await isFile(file))) {
        const relative = path.relative(root, file);
        const hashed = relative.startsWith(`assets${path.sep}`);
        return reply.sendFile(
          relative,
          root,
          hashed ? { maxAge: YEAR_SECONDS * 1000, immutable: true } : { maxAge: 3600 * 1000 },
        );
      }
      // A missing script or image is a 404, not the HTML shell (which the browser would fail to parse).
      if (pathname.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname)) return reply.callNotFound();
      return sendShell(reply, root);
    });
  };
}
