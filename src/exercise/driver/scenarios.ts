/**
 * The project's own scenarios (content/scenarios): where they are, a name to a file, and each one read and
 * checked (syntax and schema; the estate is checked by whoever knows the target's estate).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExerciseScenarioView } from '../../contracts/exercises.js';
import { UserError, type Issue } from '../../shared/errors.js';
import { parseScenarioDuration } from '../duration.js';
import { parseScenario, type Locate } from '../scenario.parse.js';
import type { Scenario } from '../scenario.schema.js';

/** The built-in scenarios' folder, found from this module's location (source or build). */
export function scenariosDir(): string {
  const candidates = ['../../../content/scenarios', '../../../../content/scenarios'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0] ?? 'content/scenarios';
}

/** A built-in scenario id or a path to a scenario file. */
export function resolveScenario(name: string, dir = scenariosDir()): string {
  if (existsSync(name)) return name;
  const builtIn = path.join(dir, `${name}.yaml`);
  if (existsSync(builtIn)) return builtIn;
  throw new UserError('not_found', `no scenario ${name}`, [], { hint: 'give a file, or a built-in id from `firebreak exercise list`' });
}

export interface CatalogueEntry {
  file: string;
  scenario: Scenario;
  locate: Locate;
}

/** Every scenario file of a folder, read and parsed; a file with mistakes is reported, not skipped silently. */
export async function readCatalogue(dir = scenariosDir()): Promise<{ entries: CatalogueEntry[]; problems: Issue[] }> {
  const files = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort() : [];
  const entries: CatalogueEntry[] = [];
  const problems: Issue[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const parsed = parseScenario(await readFile(file, 'utf8'), name);
    if (parsed.ok) entries.push({ file, scenario: parsed.scenario, locate: parsed.locate });
    else problems.push(...parsed.issues);
  }
  return { entries, problems };
}

/** A scenario as the UI lists it. */
export function presentScenario(scenario: Scenario): Omit<ExerciseScenarioView, 'fits' | 'problems'> {
  return {
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    start: scenario.start,
    speed: scenario.speed,
    endsMs: parseScenarioDuration(scenario.ends) ?? 0,
    people: scenario.people.map((p) => ({ name: p.name, displayName: p.displayName ?? p.name, role: p.role, entities: p.entities })),
    attackSteps: scenario.attack.length,
    expectations: scenario.expect.length,
    history: scenario.history
      ? { source: scenario.history.source, facts: scenario.history.facts.map((f) => ({ label: f.label, thenMs: parseScenarioDuration(f.then) ?? 0, measure: f.measure, region: f.region ?? null })) }
      : null,
  };
}
