import { describe, expect, it } from 'vitest';
import { formatIssue } from '../shared/errors.js';
import { buildRulePack, parseRulePackFile } from './pack-parse.js';

/** A file with the given rules (YAML list items, already indented by 2). */
function file(rules: string): string {
  return `format: 1\npack: test\nversion: "1.2.0"\nrules:\n${rules}`;
}

function rule(id: string, anchors: string, extra = ''): string {
  return `  - id: ${id}
    title: ${id}
    regime: nis2
    jurisdiction: EU
    recipient: { kind: authority, name: CSIRT }
    applies: { entityCountries: [EU] }
    clock:
      anchors:
${anchors}
${extra}    content: [Something]
    source: { citation: NIS2 Art. 23, urls: ["https://nis2-info.eu/article-23-reporting-obligations"] }
    checked: 2026-11-25
`;
}

const awareness = '        - { from: awareness, after: 24h }';
const after = (id: string, duration = '1mo') => `        - { from: report, rule: ${id}, after: ${duration} }`;

describe('parsing a rule-pack file', () => {
  it('returns the rules with defaults applied', () => {
    const parsed = parseRulePackFile(file(rule('early', awareness)), 'nis2.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [first] = parsed.content.rules;
    expect(first?.clock).toEqual({ anchors: [{ from: 'awareness', after: '24h' }], endOfDay: false, basis: 'law' });
    expect(first?.notes).toEqual([]);
  });

  it('reports every problem of a file, each located', () => {
    const text = file(rule('ra', '        - { from: discovery, after: 72x }'));
    const parsed = parseRulePackFile(text, 'bad.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map(formatIssue)).toEqual([
      'bad.yaml:13:19 field `rules[0].clock.anchors[0].from`: "discovery" is not one of awareness, determination, classification, payment, report HINT: use one of: awareness, determination, classification, payment, report (report needs `rule: <id>`); a breach "discovery" is recorded as awareness',
      'bad.yaml:13:37 field `rules[0].clock.anchors[0].after`: "72x" is not a duration HINT: write a whole number followed by a unit: h (hours), d (calendar days), bd (business days, with `calendar`) or mo (calendar months), e.g. 72h, 30d, 4bd, 1mo',
    ]);
  });

  it('refuses an id used twice in a file, and endOfDay on hour clocks', () => {
    const parsed = parseRulePackFile(
      file(rule('ra', awareness) + rule('ra', awareness, '      endOfDay: true\n')),
      'dup.yaml',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => `${issue.field ?? ''}: ${issue.message}`)).toEqual([
      'rules[1].id: rule id `ra` is used twice (also rules[0])',
      'rules[1].clock.endOfDay: endOfDay applies to day counts, not to hours',
    ]);
  });

  it('suggests the field that was meant', () => {
    const parsed = parseRulePackFile(file(rule('ra', awareness, '      timezone: Europe/Paris\n')), 'typo.yaml');
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.hint)).toEqual([
      expect.stringContaining('did you mean `timeZone`?'),
    ]);
  });
});

describe('building a pack from several files', () => {
  it('loads chained rules across files', () => {
    const load = buildRulePack([
      { file: 'a.yaml', text: file(rule('notification', awareness)) },
      { file: 'b.yaml', text: file(rule('final', after('notification'))) },
    ]);
    expect(load.issues).toEqual([]);
    expect(load.pack.rules.map((r) => [r.id, r.origin.file, r.origin.version])).toEqual([
      ['notification', 'a.yaml', '1.2.0'],
      ['final', 'b.yaml', '1.2.0'],
    ]);
  });

  it('drops a rule chained to a rule whose file was rejected, with its location', () => {
    const load = buildRulePack([
      { file: 'a.yaml', text: file(rule('notification', '        - { from: awareness, after: 72x }')) },
      { file: 'b.yaml', text: file(rule('final', after('notification')) + rule('other', awareness)) },
    ]);
    expect(load.rejectedFiles).toEqual(['a.yaml']);
    expect(load.droppedRules).toEqual(['final']);
    expect(load.pack.rules.map((r) => r.id)).toEqual(['other']);
    expect(load.issues.map(formatIssue)[1]).toBe(
      'b.yaml:13:33 field `rules[0].clock.anchors[0].rule`: no rule `notification` in the pack HINT: name a rule of the pack (its file may have been rejected)',
    );
  });

  it('refuses an id defined in two files and chains that loop', () => {
    const load = buildRulePack([
      { file: 'a.yaml', text: file(rule('rx', after('ry')) + rule('ry', after('rx'))) },
      { file: 'b.yaml', text: file(rule('rx', awareness) + rule('rz', awareness)) },
    ]);
    expect(load.issues.map((issue) => `${issue.file ?? ''} ${issue.message}`)).toEqual([
      'b.yaml rule id `rx` is also defined in a.yaml',
      'a.yaml chained clocks loop back to `rx`',
      'a.yaml chained clocks loop back to `ry`',
    ]);
    expect(load.pack.rules.map((r) => r.id)).toEqual(['rz']);
  });
});
