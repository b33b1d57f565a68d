/**
 * Builds the web UI into web/dist, which `firebreak serve` serves at `/` (src/server/web.ts).
 * `npm run build:web` runs it. For UI work, `npx vite --config web/vite.config.ts` starts a dev server that
 * proxies /api to a running `firebreak serve` (FIREBREAK_URL, default http://127.0.0.1:7373).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The shared contracts re-export the incident domain, whose hash chain imports node:crypto. The browser never
 * hashes (the code is tree-shaken away), so Vite's "externalized for browser compatibility" notice for that
 * one import is expected; any other Node module pulled into the UI still warns.
 */
function expected(message: string): boolean {
  return message.includes('"node:crypto" has been externalized') && message.includes('src/incident/chain.ts');
}

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      onLog(level, log, handler) {
        if (!expected(log.message)) handler(level, log);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env['FIREBREAK_URL'] ?? 'http://127.0.0.1:7373' },
  },
});
