/**
 * Filters (Sigma 2.0 meta filters): the filter's condition is ANDed onto the rules it targets (by id, by name,
 * or `any` rule whose logsource it covers). Alerts: plain data with the author and ATT&CK tags split out.
 */
import { describe, expect, it } from 'vitest';
import { attackTags, toAlert } from './alert.js';
import { compileRules } from './compile-rules.js';

const RULES = `
title: Rar compression
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
name: rar
author: Florian Roth
tags: [attack.collection, attack.t1560.001, attack.g0016, attack.s0154, cve.2021-1675]
logsource: { product: windows, category: process_creation }
detection: { sel: { Image|endswith: '\\rar.exe' }, condition: sel }
---
title: Whoami
id: 11111111-2222-4333-8444-555555555555
logsource: { product: windows, category: process_creation }
detection: { sel: { Image|endswith: '\\whoami.exe' }, condition: sel }
---
title: Logon
id: 22222222-2222-4333-8444-555555555555
logsource: { product: windows, service: security }
detection: { sel: { EventID: 4624 }, condition: sel }
`;

const proc = (image: string, user: string): Record<string, unknown> => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: image, User: user,
});

function titles(filter: string, event: Record<string, unknown>): string[] {
  const { engine, problems } = compileRules([{ file: 'rules.yml', text: RULES }, { file: 'filter.yml', text: filter }]);
  expect(problems).toEqual([]);
  return engine.evaluate(event).map((m) => m.rule.title);
}

describe('filters', () => {
  const byId = `title: Administrators
logsource: { product: windows, category: process_creation }
filter:
  rules: [6f3e2987-db24-4c78-a860-b4f4095a7095]
  selection: { User|startswith: 'adm_' }
  condition: not selection
`;

  it('excludes matches of the rules it names', () => {
    expect(titles(byId, proc('C:\\x\\rar.exe', 'adm_bob'))).toEqual([]);
    expect(titles(byId, proc('C:\\x\\rar.exe', 'bob'))).toEqual(['Rar compression']);
    expect(titles(byId, proc('C:\\x\\whoami.exe', 'adm_bob'))).toEqual(['Whoami']);
  });

  it('names rules by name too, and `any` targets every rule its logsource covers', () => {
    expect(titles(byId.replace('[6f3e2987-db24-4c78-a860-b4f4095a7095]', '[rar]'), proc('C:\\x\\rar.exe', 'adm_bob'))).toEqual([]);
    const any = byId.replace('rules: [6f3e2987-db24-4c78-a860-b4f4095a7095]', 'rules: any');
    expect(titles(any, proc('C:\\x\\whoami.exe', 'adm_bob'))).toEqual([]);
    expect(titles(any, { Channel: 'Security', EventID: 4624, User: 'adm_bob' })).toEqual(['Logon']);
  });

  it('rejects a filter without rules or condition', () => {
    const { problems } = compileRules([{ file: 'f.yml', text: 'title: F\nlogsource: { product: windows }\nfilter: { sel: { A: 1 }, condition: sel }' }]);
    expect(problems[0]?.reason).toMatch(/the filter has no "rules"/);
  });
});

describe('alerts', () => {
  it('carry the rule author, level, tags split into ATT&CK parts, and the event', () => {
    const { engine } = compileRules([{ file: 'rules.yml', text: RULES }]);
    const event = proc('C:\\x\\rar.exe', 'bob');
    const [match] = engine.evaluate(event);
    const alert = toAlert(match!, Date.UTC(2024, 0, 1));
    expect(alert).toMatchObject({
      kind: 'match',
      ruleId: '6f3e2987-db24-4c78-a860-b4f4095a7095',
      title: 'Rar compression',
      level: 'medium',
      author: 'Florian Roth',
      time: '2024-01-01T00:00:00.000Z',
      attack: { techniques: ['T1560.001'], tactics: ['collection'], groups: ['G0016'], software: ['S0154'] },
      otherTags: ['cve.2021-1675'],
      logsource: { product: 'windows', category: 'process_creation' },
      event,
    });
  });

  it('say so when a rule names no author', () => {
    const { engine } = compileRules([{ file: 'rules.yml', text: RULES }]);
    const [match] = engine.evaluate(proc('C:\\x\\whoami.exe', 'bob'));
    expect(toAlert(match!).author).toMatch(/unknown/);
  });

  it('attackTags ignores other namespaces', () => {
    expect(attackTags(['attack.defense-impairment', 'attack.t1685', 'car.2016-04-005'])).toEqual({
      techniques: ['T1685'], tactics: ['defense-impairment'], groups: [], software: [],
    });
  });
});
