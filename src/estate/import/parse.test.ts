import { describe, expect, it } from 'vitest';
import { formatFromFileName, parseEstateFile } from './parse.js';

describe('formatFromFileName', () => {
  it.each([
    ['estate.yaml', 'yaml'],
    ['estate.YML', 'yaml'],
    ['dir/estate.json', 'json'],
    ['hosts.csv', 'csv'],
    ['notes.txt', undefined],
    ['no-extension', undefined],
  ])('%s -> %s', (file, format) => expect(formatFromFileName(file)).toBe(format));

  it('asks for a format when the extension says nothing', () => {
    const parsed = parseEstateFile('hosts: []', 'estate.txt');
    expect(parsed).toMatchObject({
      ok: false,
      issues: [{ file: 'estate.txt', message: 'cannot tell the format of `estate.txt`' }],
    });
    expect(parseEstateFile('hosts: []', 'estate.txt', 'yaml').ok).toBe(true);
  });
});

describe('parseEstateFile: YAML and JSON', () => {
  const yaml = [
    'hosts:',
    '  - hostname: tk-fs01',
    '    ips: [10.0.0.1, 10.0.0.2]',
    '  - { hostname: tk-ws01 }',
    '',
  ].join('\n');

  it('maps every field path to its line and column', () => {
    const parsed = parseEstateFile(yaml, 'estate.yaml');
    if (!parsed.ok) throw new Error('expected a parse');
    expect(parsed.sourceMap.locate(['hosts', 0, 'hostname'])).toEqual({ line: 2, column: 15 });
    expect(parsed.sourceMap.locate(['hosts', 0, 'ips', 1])).toEqual({ line: 3, column: 21 });
    expect(parsed.sourceMap.locate(['hosts', 1, 'hostname'], 'key')).toEqual({ line: 4, column: 7 });
  });

  it('locates a missing field at the nearest enclosing item', () => {
    const parsed = parseEstateFile(yaml, 'estate.yaml');
    if (!parsed.ok) throw new Error('expected a parse');
    expect(parsed.sourceMap.locate(['hosts', 1, 'os'])).toEqual({ line: 4, column: 5 });
  });

  it('maps JSON fields the same way', () => {
    const parsed = parseEstateFile('{\n  "hosts": [\n    {"hostname": "a", "os": "RHEL 9"}\n  ]\n}\n', 'estate.json');
    if (!parsed.ok) throw new Error('expected a parse');
    expect(parsed.sourceMap.locate(['hosts', 0, 'os'])).toEqual({ line: 3, column: 29 });
  });

  it('reports YAML syntax errors with line, column and a hint', () => {
    const parsed = parseEstateFile('hosts:\n  - hostname: a\n\tos: x\n', 'estate.yaml');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]).toMatchObject({ file: 'estate.yaml', line: 3, column: 1 });
    expect(parsed.issues[0]?.message).toMatch(/^YAML syntax error/);
    expect(parsed.issues[0]?.hint).toMatch(/spaces/);
  });

  it('reports a duplicate key as a syntax error', () => {
    const parsed = parseEstateFile('version: 1\nversion: 1\n', 'estate.yaml');
    expect(parsed).toMatchObject({ ok: false, issues: [{ line: 2, column: 1, hint: expect.stringMatching(/once/) }] });
  });

  it('reports malformed JSON in JSON terms, with its position', () => {
    const parsed = parseEstateFile('{\n  "hosts": [\n    {"hostname": "a",}\n  ]\n}\n', 'estate.json');
    expect(parsed).toMatchObject({
      ok: false,
      issues: [{ line: 3, column: 22, message: expect.stringMatching(/^JSON syntax error/) }],
    });
  });

  it('reports truncated JSON at its end', () => {
    const parsed = parseEstateFile('{\n  "hosts": [\n', 'estate.json');
    expect(parsed).toMatchObject({ ok: false, issues: [{ line: 3, column: 1 }] });
  });
});

describe('parseEstateFile: CSV of hosts', () => {
  const header = 'hostname,ips,os,role,criticality,entity,segment,tags';

  it('turns rows into hosts, splitting ips and tags on ";" and spaces', () => {
    const parsed = parseEstateFile(
      `${header}\nuk-ws01,"10.0.0.1; 10.0.0.2",Windows 11,workstation,,uk,office,laptop vip\n`,
      'h.csv',
    );
    expect(parsed).toMatchObject({
      ok: true,
      data: {
        hosts: [{ hostname: 'uk-ws01', ips: ['10.0.0.1', '10.0.0.2'], os: 'Windows 11', tags: ['laptop', 'vip'] }],
      },
    });
  });

  it('maps each field and each list item to its line and column', () => {
    const parsed = parseEstateFile(`${header}\n\nuk-ws01,"10.0.0.1; 10.0.0.2",W,r,low,uk,office,\n`, 'h.csv');
    if (!parsed.ok) throw new Error('expected a parse');
    expect(parsed.sourceMap.locate(['hosts', 0])).toEqual({ line: 3, column: 1 });
    expect(parsed.sourceMap.locate(['hosts', 0, 'os'])).toEqual({ line: 3, column: 30 });
    expect(parsed.sourceMap.locate(['hosts', 0, 'ips', 1])).toEqual({ line: 3, column: 20 });
  });

  it('accepts columns in any order and leaves optional ones out', () => {
    const parsed = parseEstateFile('segment,entity,role,os,hostname\noffice,uk,workstation,W,uk-ws01\n', 'h.csv');
    expect(parsed).toMatchObject({ ok: true, data: { hosts: [{ hostname: 'uk-ws01', segment: 'office' }] } });
  });

  it('reports unknown and missing columns on the header row', () => {
    const parsed = parseEstateFile('hostname,ips,colour,role,entity,segment\n', 'h.csv');
    expect(parsed).toMatchObject({
      ok: false,
      issues: [
        { line: 1, column: 14, message: 'unknown column `colour`' },
        { line: 1, column: 1, message: 'missing column `os`' },
      ],
    });
  });

  it('reports a row with the wrong number of fields', () => {
    const parsed = parseEstateFile(`${header}\na,1.2.3.4,W,r,low,uk,office\n`, 'h.csv');
    expect(parsed).toMatchObject({
      ok: false,
      issues: [{ line: 2, message: 'this row has 7 fields but the header has 8' }],
    });
  });
});
