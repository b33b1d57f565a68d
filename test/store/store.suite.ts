/**
 * The one storage suite, run against every backend (pglite.test.ts, postgres.test.ts). Each file opens one
 * store for all its tests (PGlite costs seconds and hundreds of MB to start), so tests use their own ids,
 * entities and titles instead of relying on an empty database; only the estate tests assume they own the
 * estate. The cases run in the order defined here; `reopen` comes last.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { Store } from '../../src/store/types.js';
import { agentCases } from '../agent/agent-repo.cases.js';
import { actionCases } from '../executor/action-repo.cases.js';
import { authCases } from './auth.cases.js';
import { estateCases } from './estate.cases.js';
import { incidentCases } from './incident.cases.js';
import { incidentListCases } from './incident-list.cases.js';
import { reopenCases } from './reopen.cases.js';

export interface StoreHarness {
  kind: Store['kind'];
  /** Opens the store on this file's data (a PGlite folder, a PostgreSQL schema); called again to reopen. */
  open(): Promise<Store>;
  /** Removes this file's data after the last test. */
  cleanup(): Promise<void>;
}

/** What the cases see: the current store (it changes when a case reopens it). */
export interface SuiteContext {
  readonly kind: Store['kind'];
  store(): Store;
  /** Closes the store and opens it again on the same data. */
  reopen(): Promise<Store>;
  /** Opens a second store on the same data while the first stays open. */
  openAnother(): Promise<Store>;
}

/** Defines the suite; `extra` adds the cases that only make sense on one backend (run before `reopen`). */
export function defineStoreSuite(harness: StoreHarness, extra?: (ctx: SuiteContext) => void): void {
  describe(`store on ${harness.kind}`, () => {
    let current: Store | undefined;
    const ctx: SuiteContext = {
      kind: harness.kind,
      store: () => {
        if (current === undefined) throw new Error('the store did not open: see the first failure');
        return current;
      },
      async reopen() {
        await current?.close();
        current = undefined;
        current = await harness.open();
        return current;
      },
      openAnother: () => harness.open(),
    };

    beforeAll(async () => {
      current = await harness.open();
    });
    afterAll(async () => {
      await current?.close();
      await harness.cleanup();
    });

    authCases(ctx);
    estateCases(ctx);
    incidentCases(ctx);
    incidentListCases(ctx);
    agentCases(ctx);
    actionCases(ctx);
    extra?.(ctx);
    reopenCases(ctx);
  });
}
