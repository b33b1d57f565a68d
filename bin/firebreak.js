#!/usr/bin/env node
// The `firebreak` command: runs the compiled CLI (`npm run build` writes dist/; `npm start` builds first).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('firebreak: not built yet; run "npm run build" (npm start does it for you)\n');
  process.exit(3);
}
await import(entry.href);
