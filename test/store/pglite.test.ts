/** The storage suite on PGlite, in a temporary data folder shared by every test of this file. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { defineStoreSuite } from './store.suite.js';

const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'firebreak-store-')), 'db');

defineStoreSuite(
  {
    kind: 'pglite',
    open: () => openStore({ dataDir }),
    cleanup: () => Promise.resolve(rmSync(path.dirname(dataDir), { recursive: true, force: true })),
  },
  () => {
    describe('pglite data folder', () => {
      it('cannot be opened twice at once, and the error names the folder', async () => {
        const error: unknown = await openStore({ dataDir }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'store_data_dir_locked' });
        expect((error as Error).message).toContain(path.resolve(dataDir));
      });
    });
  },
);
