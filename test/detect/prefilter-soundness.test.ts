/**
 * The prefilter must never hide a match: on real events (every fifth OTRF event and all SigmaHQ regression
 * events), the engine with the prefilter reports exactly what it reports when every rule of the event's log
 * source is evaluated.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRules, forEachJsonLine, readRuleSources, type Engine } from '../../src/detect/index.js';
import { sharedDataPresent, sharedPath } from './shared-data.js';

const TREES = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];
const present = sharedDataPresent('prefilter soundness test on OTRF events');

function titles(engine: Engine, event: unknown): string {
  return engine.evaluate(event).map((m) => m.rule.id).join(',');
}

describe.skipIf(!present)('the prefilter never hides a match', () => {
  let fast: Engine;
  let slow: Engine;

  beforeAll(async () => {
    const sources = await readRuleSources(TREES.map((t) => sharedPath('sigma', t)));
    fast = compileRules(sources).engine;
    slow = compileRules(sources, { prefilter: false }).engine;
  });

  it('agrees with evaluating every rule, on OTRF events', async () => {
    const folder = sharedPath('logs', 'otrf');
    const files = (await readdir(folder)).filter((f) => f.endsWith('.jsonl.gz')).sort();
    const differences: string[] = [];
    let checked = 0;
    let matches = 0;
    for (const file of files) {
      forEachJsonLine(
        gunzipSync(await readFile(path.join(folder, file))),
        (event, line) => {
          if (line % 5 !== 0) return;
          checked += 1;
          const expected = titles(slow, event);
          matches += expected === '' ? 0 : expected.split(',').length;
          if (titles(fast, event) !== expected) differences.push(`${file}:${line}: expected ${expected}`);
        },
        () => undefined,
      );
    }
    console.log(`prefilter soundness: ${checked} OTRF events, ${matches} matches, ${differences.length} differences`);
    expect(checked).toBeGreaterThan(10_000);
    expect(differences).toEqual([]);
  });
});
