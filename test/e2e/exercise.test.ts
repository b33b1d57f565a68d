/**
 * The project's acceptance test: both built-in scenarios run end to end on an embedded Firebreak (PGlite, the
 * demo estate, 2,000 simulated agents speaking the real protocol) at high speed, and every expectation of the
 * scenario holds. The summary is printed so that CI logs show the run.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, runExercise } from '../../src/exercise/driver/run.js';
import { formatSummary } from '../../src/exercise/summary.js';

const SCENARIOS = ['fujifilm-2021', 'vpn-exfiltration-americas'];

describe.sequential('built-in exercises', () => {
  for (const id of SCENARIOS) {
    it(`${id} runs end to end and meets its expectations`, async () => {
      const file = path.resolve('content/scenarios', `${id}.yaml`);
      const scenario = await loadScenario(file);
      const lines: string[] = [];
      const result = await runExercise(scenario, file, { speed: 200_000, onProgress: (line) => lines.push(line) });
      const summary = formatSummary(result).join('\n');
      console.log(`${summary}\n`);
      expect(result.incidentId).not.toBeNull();
      expect(result.facts.actions.failed).toBe(0);
      expect(result.expectations.filter((e) => !e.ok).map((e) => `${e.text}: ${e.detail}`), `${lines.slice(-30).join('\n')}\n${summary}`).toEqual([]);
      expect(result.report).toContain(result.incidentId ?? '');
      // The built-in scenarios play cleanly: nothing their people try is refused, no notice keeps a blank.
      expect(lines.filter((l) => / refused \(\d{3} | keeps \d+ blank/.test(l))).toEqual([]);
      expect(lines.filter((l) => / approves and \S+ sends N-\d+/.test(l)).length).toBeGreaterThan(0);
      // The milestones are announced once, as they are first seen.
      for (const milestone of [/^observed: contained, .* after detection$/, /^observed: scope confirmed, .* after detection$/]) {
        expect(lines.filter((l) => milestone.test(l)), `${milestone}`).toHaveLength(1);
      }
      // The incident says it is an exercise wherever it is shown.
      expect(result.report).toContain(`Exercise ${id}: `);
    }, 900_000);
  }
});
