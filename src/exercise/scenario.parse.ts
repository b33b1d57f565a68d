/**
 * Reads a scenario file: YAML syntax, the schema, then the cross-checks (people named in the playbook exist,
 * one action per playbook step, one kind per expectation), every problem with its line, column and field.
 * `checkAgainstEstate` adds the checks that need the estate (hosts, entities, regions that exist).
 */
import type { z } from 'zod';
import type { EstateDocument } from '../estate/index.js';
import type { Issue } from '../shared/errors.js';
import { readYamlSource, type FieldPath, type SourcePosition } from '../shared/yaml-source.js';
import { SCENARIO_DURATION_HINT } from './duration.js';
import { EXPECTATION_KINDS, PLAY_ACTIONS, scenarioSchema, type HostSelector, type Scenario } from './scenario.schema.js';

export type Locate = (path: FieldPath, at?: 'key' | 'value') => SourcePosition | undefined;

export type ParsedScenario = { ok: true; scenario: Scenario; locate: Locate } | { ok: false; issues: Issue[] };

interface PathIssue {
  path: FieldPath;
  message: string;
  hint?: string;
}

/**
 * Parses and checks a scenario.
 *
 * @example
 * const parsed = parseScenario(text, 'fujifilm-2021.yaml');
 * if (!parsed.ok) parsed.issues.map(formatIssue); // ['fujifilm-2021.yaml:40:11 field `people[1].role`: ...']
 */
export function parseScenario(text: string, file: string): ParsedScenario {
  const source = readYamlSource(text, file);
  if (!source.ok) return source;
  const parsed = scenarioSchema.safeParse(source.data);
  const problems = parsed.success ? crossCheck(parsed.data) : schemaProblems(parsed.error, source.data);
  if (!parsed.success || problems.length > 0) return { ok: false, issues: problems.map((problem) => locateIssue(file, problem, source.locate)) };
  return { ok: true, scenario: parsed.data, locate: source.locate };
}

/**
 * Problems that need the estate: hosts, entities, regions and segments that do not exist.
 *
 * @example
 * checkAgainstEstate(scenario, doc, 'x.yaml', locate); // [{ field: 'attack[2].host', message: 'no host tyo-ws-9999 ...' }]
 */
const SINGULAR = { hosts: 'host', entities: 'entity', regions: 'region', segments: 'segment' } as const;

/**
 * Checks the names a scenario uses against the estate it runs on (hosts, entities, regions, segments) and,
 * when given, against the notice templates of the server (`notify` steps).
 */
export function checkAgainstEstate(scenario: Scenario, doc: EstateDocument, file: string, locate: Locate, templates?: ReadonlySet<string>): Issue[] {
  const known = {
    hosts: new Set(doc.hosts.map((host) => host.hostname)),
    entities: new Set(doc.entities.map((entity) => entity.id)),
    regions: new Set(doc.regions.map((region) => region.id)),
    segments: new Set(doc.segments.map((segment) => segment.id)),
  };
  const problems: PathIssue[] = [];
  const check = (kind: keyof typeof known, values: readonly string[] | string | undefined, path: FieldPath) => {
    const list = typeof values === 'string' ? [values] : values;
    list?.forEach((value, index) => {
      if (!known[kind].has(value)) problems.push({ path: typeof values === 'string' ? path : [...path, index], message: `no ${SINGULAR[kind]} ${value} in the estate`, hint: `use ${kind} of the scenario's estate (e.g. ${[...known[kind]].slice(0, 3).join(', ')})` });
    });
  };
  const checkSelector = (selector: HostSelector | undefined, path: FieldPath) => {
    if (!selector) return;
    for (const kind of ['hosts', 'entities', 'regions', 'segments'] as const) check(kind, selector[kind], [...path, kind]);
  };
  checkSelector(scenario.agents.on, ['agents', 'on']);
  check('hosts', scenario.agents.offline, ['agents', 'offline']);
  scenario.compromised.forEach((item, index) => check('hosts', item.hosts, ['compromised', index, 'hosts']));
  scenario.attack.forEach((step, index) => check('hosts', step.host, ['attack', index, 'host']));
  scenario.people.forEach((person, index) => {
    if (!person.entities.includes('*')) check('entities', person.entities, ['people', index, 'entities']);
  });
  scenario.playbook.forEach((step, index) => {
    check('regions', step.regions, ['playbook', index, 'regions']);
    checkSelector(step.sweep, ['playbook', index, 'sweep']);
    check('regions', step.propose?.regions, ['playbook', index, 'propose', 'regions']);
    check('entities', step.propose?.entities, ['playbook', index, 'propose', 'entities']);
    check('regions', step.recover?.regions, ['playbook', index, 'recover', 'regions']);
    check('entities', step.recover?.entities, ['playbook', index, 'recover', 'entities']);
    check('entities', step.notify?.entities, ['playbook', index, 'notify', 'entities']);
    if (step.notify && templates && !templates.has(step.notify.template)) {
      problems.push({ path: ['playbook', index, 'notify', 'template'], message: `no notice template ${step.notify.template}`, hint: `use one of: ${[...templates].sort().join(', ')}` });
    }
  });
  scenario.expect.forEach((item, index) => {
    const region = item.region_out_of_scope?.region ?? item.region_in_scope?.region ?? item.recovered?.region;
    const kind = EXPECTATION_KINDS.find((key) => item[key] !== undefined) ?? 'region_out_of_scope';
    if (region) check('regions', region, ['expect', index, kind, 'region']);
    if (item.host_scope) check('hosts', item.host_scope.host, ['expect', index, 'host_scope', 'host']);
    const entity = item.obligation?.entity ?? item.determination?.entity;
    if (entity) check('entities', entity, ['expect', index, kind, 'entity']);
  });
  return problems.map((problem) => locateIssue(file, problem, locate));
}

function crossCheck(scenario: Scenario): PathIssue[] {
  const problems: PathIssue[] = [];
  const people = new Set<string>();
  scenario.people.forEach((person, index) => {
    if (people.has(person.name)) problems.push({ path: ['people', index, 'name'], message: `${person.name} is listed twice`, hint: 'give each person one entry' });
    people.add(person.name);
  });
  scenario.playbook.forEach((step, index) => {
    const actions = PLAY_ACTIONS.filter((action) => step[action] !== undefined);
    if (actions.length !== 1) {
      problems.push({ path: ['playbook', index], message: actions.length === 0 ? 'the step does nothing' : `the step has ${actions.length} actions (${actions.join(', ')})`, hint: `give exactly one of: ${PLAY_ACTIONS.join(', ')}` });
    }
    step.by.forEach((person, at) => {
      if (!people.has(person)) problems.push({ path: ['playbook', index, 'by', at], message: `${person} is not one of the scenario's people`, hint: `use a name from \`people\`: ${[...people].join(', ')}` });
    });
    if ((step.approve || step.reject) && step.on !== 'plan_awaiting_approval') {
      problems.push({ path: ['playbook', index, 'on'], message: `approve and reject answer a plan, not ${step.on}`, hint: 'use `on: plan_awaiting_approval` with `kinds`' });
    }
    if (step.notify && (step.by.length !== 2 || step.by[0] === step.by[1])) {
      problems.push({ path: ['playbook', index, 'by'], message: 'a notice needs two different people: the first drafts and sends it, the second approves it', hint: 'e.g. `by: [emea-lead, dpo]`' });
    }
    if (step.clear_region && step.on !== 'region_clean') problems.push({ path: ['playbook', index, 'on'], message: 'clear_region answers `on: region_clean`', hint: 'use `on: region_clean` (optionally with `regions`)' });
    for (const [kind, gate] of Object.entries(step.recover?.gates ?? {})) {
      if (gate && !people.has(gate.by)) problems.push({ path: ['playbook', index, 'recover', 'gates', kind, 'by'], message: `${gate.by} is not one of the scenario's people`, hint: `use a name from \`people\`` });
    }
  });
  scenario.expect.forEach((item, index) => {
    const kinds = EXPECTATION_KINDS.filter((key) => item[key] !== undefined);
    if (kinds.length !== 1) problems.push({ path: ['expect', index], message: kinds.length === 0 ? 'the expectation is empty' : `one expectation per item (found ${kinds.join(', ')})`, hint: `start the item with one of: ${EXPECTATION_KINDS.join(', ')}` });
  });
  return problems;
}

function schemaProblems(error: z.ZodError, data: unknown): PathIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    const last = path[path.length - 1];
    // zod leaves out the input unless asked; whether the field is there at all is read from the document.
    const absent = issue.code === 'invalid_type' && !present(data, path);
    let hint: string | undefined;
    if (issue.code === 'unrecognized_keys') hint = `remove or correct ${issue.keys.join(', ')}; see src/exercise/README.md for the fields`;
    else if (issue.code === 'invalid_value') hint = `use one of: ${issue.values.map(String).join(', ')}`;
    else if (last === 'at' || last === 'after' || last === 'responds' || last === 'within' || last === 'ends' || last === 'then' || last === 'latency') hint = SCENARIO_DURATION_HINT;
    else if (absent) hint = `add \`${String(last)}\``;
    return { path, message: absent ? 'missing' : issue.message, ...(hint ? { hint } : {}) };
  });
}

/** Whether the document has a value (other than null) at `path`. */
function present(data: unknown, path: readonly (string | number)[]): boolean {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value !== undefined && value !== null;
}

function locateIssue(file: string, problem: PathIssue, locate: Locate): Issue {
  const position = locate(problem.path);
  const field = problem.path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
  return { file, ...(position ? { line: position.line, column: position.column } : {}), ...(field ? { field } : {}), message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}
