/**
 * Every SigmaHQ rule under rules/, rules-emerging-threats/ and rules-threat-hunting/ loads. Prints the counts
 * per tree; any rule that does not load must be listed below with its reason (goal: none).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules, readRuleSources, type LoadProblem } from '../../src/detect/index.js';
import { sharedDataPresent, sharedPath } from './shared-data.js';

/**
 * Rules that must not load without configuration, by file (relative to the sigma folder), with the reason.
 * The specification says a rule whose placeholder has no value must be rejected; they load once it is set
 * (tested below).
 */
const EXPECTED_FAILURES: ReadonlyMap<string, string> = new Map([
  ['rules-emerging-threats/2026/Exploits/CVE-2026-54121/win_security_adcs_certighost_cdc_chase_request.yml', 'uses the %known_cdcs% placeholder (|expand)'],
  ['rules-emerging-threats/2026/Exploits/CVE-2026-54121/win_security_adcs_certighost_cert_issued_via_chase.yml', 'uses the %known_cdcs% placeholder (|expand)'],
]);

const TREES = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];
const present = sharedDataPresent('SigmaHQ load-everything test');

function describeProblem(p: LoadProblem): string {
  return `${path.relative(sharedPath('sigma'), p.file)}:${p.line ?? '?'} ${p.reason}`;
}

describe.skipIf(!present)('loading every SigmaHQ rule', () => {
  it.each(TREES)('loads every rule in %s', async (tree) => {
    const sources = await readRuleSources([sharedPath('sigma', tree)]);
    const { engine, problems } = compileRules(sources);
    const unexpected = problems.filter((p) => !EXPECTED_FAILURES.has(path.relative(sharedPath('sigma'), p.file)));
    const stats = engine.stats();
    console.log(
      `${tree}: ${sources.length} files, ${stats.rules} rules loaded, ${problems.length} not loaded ` +
        `(${stats.unmapped} rules have a logsource outside the Windows mapping table)`,
    );
    for (const p of problems) console.log(`  not loaded: ${describeProblem(p)}`);
    expect(unexpected.map(describeProblem)).toEqual([]);
    expect(stats.rules + problems.length).toBeGreaterThanOrEqual(sources.length);
  });

  it('loads the placeholder rules once %known_cdcs% has values', async () => {
    const files = [...EXPECTED_FAILURES.keys()].map((f) => sharedPath('sigma', f));
    const { engine, problems } = compileRules(await readRuleSources(files), { placeholders: { known_cdcs: ['DC01', '10.0.0.5'] } });
    expect(problems).toEqual([]);
    expect(engine.stats().rules).toBe(files.length);
  });
});
