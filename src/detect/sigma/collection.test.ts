import { describe, expect, it } from 'vitest';
import { parseRuleFile } from './collection.js';

const options = { placeholders: {} };

describe('parseRuleFile', () => {
  it('merges action: global into the following documents, reset clears it, repeat reuses the previous one', () => {
    const text = [
      'action: global',
      'title: Base',
      'logsource: { product: windows }',
      'detection: { condition: sel }',
      '---',
      'id: r1',
      'detection: { sel: { A: 1 } }',
      '---',
      'action: repeat',
      'id: r2',
      'title: Repeated',
      '---',
      'action: reset',
      '---',
      'title: Own',
      'id: r3',
      'logsource: { product: linux }',
      'detection: { sel: { B: 2 }, condition: sel }',
    ].join('\n');
    const { documents, problems } = parseRuleFile('c.yml', text, options);
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.id, d.title, d.type === 'detection' ? d.logsource.product : ''])).toEqual([
      ['r1', 'Base', 'windows'],
      ['r2', 'Repeated', 'windows'],
      ['r3', 'Own', 'linux'],
    ]);
  });

  it('reports a bad rule with its line and rule id, and still loads the others', () => {
    const text = [
      'title: Good',
      'logsource: { product: x }',
      'detection: { sel: { A: 1 }, condition: sel }',
      '---',
      'title: Bad',
      'id: bad-1',
      'logsource: { product: x }',
      'detection:',
      '  sel:',
      '    A|nope: 1',
      '  condition: sel',
    ].join('\n');
    const { documents, problems } = parseRuleFile('r.yml', text, options);
    expect(documents.map((d) => d.title)).toEqual(['Good']);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'r.yml', line: 10, ruleId: 'bad-1', reason: 'unknown modifier "nope"' }),
    ]);
  });

  it('reports YAML syntax errors and documents that are not rules', () => {
    expect(parseRuleFile('y.yml', 'title: [unclosed', options).problems[0]?.reason).toMatch(/^YAML:/);
    expect(parseRuleFile('y.yml', 'title: x\nfoo: 1', options).problems[0]?.reason).toMatch(/not a Sigma rule/);
    expect(parseRuleFile('y.yml', '- a\n- b', options).problems[0]?.reason).toMatch(/must be a YAML map/);
  });

  it('reads values as PyYAML does (YAML 1.1): leading zeros stay text', () => {
    const text = 'title: t\nlogsource: { product: x }\ndetection: { sel: { A: 00000429, B: 0x10 }, condition: sel }';
    const [rule] = parseRuleFile('v.yml', text, options).documents;
    const items = rule?.type === 'detection' ? rule.detection.searches.get('sel')?.alternatives[0] : undefined;
    expect(items?.map((i) => i.values[0]?.[0])).toEqual([
      { kind: 'string', value: ['00000429'], binary: false },
      { kind: 'number', value: 16 },
    ]);
  });

  it('parses correlation and filter documents', () => {
    const text = [
      'title: Many',
      'correlation: { type: event_count, rules: [a], group-by: [User], timespan: 10m, condition: { gte: 3 } }',
      '---',
      'title: Filter',
      'logsource: { product: windows }',
      'filter: { rules: [a], sel: { User: admin }, condition: not sel }',
    ].join('\n');
    const { documents, problems } = parseRuleFile('m.yml', text, options);
    expect(problems).toEqual([]);
    expect(documents.map((d) => d.type)).toEqual(['correlation', 'filter']);
  });
});
