import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from '../estate/demo.js';
import { formatIssue } from '../shared/errors.js';
import { formatScenarioDuration, parseScenarioDuration } from './duration.js';
import { checkAgainstEstate, parseScenario } from './scenario.parse.js';

const MINIMAL = `version: 1
id: small
title: Small
summary: One step.
estate: { demo: {} }
start: 2021-06-01T23:00:00+09:00
people:
  - { name: ic, role: commander, entities: ['*'] }
attack:
  - { at: 0m, host: tyo-ws001, step: doc, event: { EventID: 1 } }
playbook:
  - { on: incident_opened, by: [ic], propose: { kinds: [isolate_hosts] } }
`;

describe('scenario durations', () => {
  it('reads compound durations largest unit first', () => {
    expect(parseScenarioDuration('2h30m')).toBe(9_000_000);
    expect(parseScenarioDuration('1d12h')).toBe(129_600_000);
    expect(parseScenarioDuration('250ms')).toBe(250);
    expect(parseScenarioDuration('30m2h')).toBeUndefined();
    expect(parseScenarioDuration('2 hours')).toBeUndefined();
    expect(formatScenarioDuration(9_000_000)).toBe('2 h 30 min');
  });
});

describe('parseScenario', () => {
  it('accepts a minimal scenario and fills the defaults', () => {
    const parsed = parseScenario(MINIMAL, 'small.yaml');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.scenario.speed).toBe(600);
      expect(parsed.scenario.people[0]?.responds).toBe('10m');
    }
  });

  it('names line and field of every mistake', () => {
    const bad = MINIMAL.replace("role: commander", 'role: captain')
      .replace('at: 0m', 'at: 5 minutes')
      .replace('by: [ic]', 'by: [ceo]');
    const parsed = parseScenario(bad, 'bad.yaml');
    expect(parsed.ok).toBe(false);
    const lines = parsed.ok ? [] : parsed.issues.map(formatIssue);
    expect(lines.join('\n')).toMatch(/bad\.yaml:8:\d+ field `people\[0\]\.role`.*HINT: use one of: viewer, responder/);
    expect(lines.join('\n')).toMatch(/bad\.yaml:10:\d+ field `attack\[0\]\.at`: not a duration/);
  });

  it('tells a missing field from one of the wrong type', () => {
    const parsed = parseScenario(MINIMAL.replace('title: Small\n', '').replace('summary: One step.', 'summary: One step.\nspeed: fast'), 'bad.yaml');
    const text = parsed.ok ? '' : parsed.issues.map(formatIssue).join('\n');
    expect(text).toMatch(/field `title`: missing/);
    expect(text).toMatch(/bad\.yaml:4:\d+ field `speed`: .*expected number/i);
    expect(text).not.toMatch(/field `speed`: missing/);
  });

  it('asks two different people for a notice (four eyes)', () => {
    const step = "  - { on: contained, by: [ic], notify: { template: police-report, entities: [jp-hq], fill: 'x', channel: police } }\n";
    const parsed = parseScenario(MINIMAL + step, 'bad.yaml');
    const text = parsed.ok ? '' : parsed.issues.map(formatIssue).join('\n');
    expect(text).toMatch(/field `playbook\[1\]\.by`: a notice needs two different people/);
  });

  it('checks people named in the playbook and one action per step', () => {
    const bad = MINIMAL.replace('by: [ic]', 'by: [ceo], approve: true');
    const parsed = parseScenario(bad, 'bad.yaml');
    const text = parsed.ok ? '' : parsed.issues.map(formatIssue).join('\n');
    expect(text).toMatch(/bad\.yaml:12:\d+ field `playbook\[0\]`: the step has 2 actions \(propose, approve\)/);
    expect(text).toMatch(/field `playbook\[0\]\.by\[0\]`: ceo is not one of the scenario's people/);
    expect(text).toMatch(/field `playbook\[0\]\.on`: approve and reject answer a plan/);
  });

  it('checks hosts and regions against the estate', () => {
    const parsed = parseScenario(MINIMAL.replace('host: tyo-ws001', 'host: tyo-ws999'), 'x.yaml');
    if (!parsed.ok) throw new Error('expected a valid scenario');
    const issues = checkAgainstEstate(parsed.scenario, generateDemoEstate(), 'x.yaml', parsed.locate).map(formatIssue);
    expect(issues).toEqual([expect.stringMatching(/x\.yaml:10:\d+ field `attack\[0\]\.host`: no host tyo-ws999 in the estate/)]);
  });

  it('checks the entities and the template of a notice step', () => {
    const step = "  - { on: contained, by: [ic, ic2], notify: { template: no-such-template, entities: [hik-hd, xx-ltd], fill: 'x', channel: police } }\n";
    const text = MINIMAL.replace("people:\n", "people:\n  - { name: ic2, role: commander, entities: ['*'] }\n") + step;
    const parsed = parseScenario(text, 'x.yaml');
    if (!parsed.ok) throw new Error(parsed.issues.map(formatIssue).join('\n'));
    const issues = checkAgainstEstate(parsed.scenario, generateDemoEstate(), 'x.yaml', parsed.locate, new Set(['police-report'])).map(formatIssue);
    expect(issues.join('\n')).toMatch(/field `playbook\[1\]\.notify\.entities\[1\]`: no entity xx-ltd in the estate/);
    expect(issues.join('\n')).toMatch(/x\.yaml:\d+:\d+ field `playbook\[1\]\.notify\.template`: no notice template no-such-template HINT: use one of: police-report/);
  });

  it('accepts the built-in scenarios', () => {
    for (const name of ['fujifilm-2021', 'vpn-exfiltration-americas']) {
      const file = new URL(`../../content/scenarios/${name}.yaml`, import.meta.url);
      const parsed = parseScenario(readFileSync(file, 'utf8'), `${name}.yaml`);
      expect(parsed.ok ? [] : parsed.issues.map(formatIssue)).toEqual([]);
      if (parsed.ok) expect(checkAgainstEstate(parsed.scenario, generateDemoEstate(), name, parsed.locate)).toEqual([]);
    }
  });
});
