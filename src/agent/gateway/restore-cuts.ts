/**
 * At start-up, puts back every recorded cut whose table is missing or changed (a reboot, a flush), like the
 * isolation. Never throws: the agent must still connect so that the server can see and fix what failed.
 */
import type { CutStore } from './cut-store.js';
import type { Gateway } from './gateway.js';

export async function restoreCuts(cuts: CutStore, gateway: Gateway, log: (line: string) => void): Promise<void> {
  for (const cut of cuts.list()) {
    const name = `cut ${cut.spec.cutId} (segment ${cut.spec.segment})`;
    try {
      const current = await gateway.check(cut.spec, cut.rulesetHash);
      if (current.check.ok) {
        log(`${name} in place (${cut.rulesetHash})`);
        continue;
      }
      log(`${name} recorded but its table is missing or changed (${current.check.problems.join('; ')}): re-applying`);
      const again = await gateway.apply(cut.spec);
      log(again.check.ok ? `${name} re-applied (${again.rulesetHash})` : `CUT NOT RESTORED: ${name}: ${again.check.problems.join('; ')}`);
    } catch (error) {
      log(`CUT NOT RESTORED: ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
