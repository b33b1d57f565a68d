import { describe, expect, it } from 'vitest';
import { parseIndicatorCsv } from './csv.parser.js';
import { fixture, located, typed } from './ioc.testing.js';

describe('parseIndicatorCsv', () => {
  it('reads a typed list and names the line of every bad entry', () => {
    const result = parseIndicatorCsv(fixture('indicators.csv'), { file: 'indicators.csv' });
    expect(typed(result)).toEqual([
      'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'ipv4 10.66.0.0/16',
      'ipv6 2001:db8:dead::/48',
      'url http://drop.example/a,b.ps1',
      'registry-key hklm\\system\\currentcontrolset\\services\\qbotsvc',
      'file-name rclone.exe',
      'domain old-c2.example',
      'sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709',
    ]);
    expect(located(result)).toEqual([
      "4: 'https://not-a-domain.example/x' is not a valid domain",
      "12: 'zz-not-a-hash' is not a valid sha256 (expected 64 hex digits)",
      expect.stringMatching(/^13: unknown type 'ransom-note' \(expected one of md5, sha1/),
      '14: a quoted field is not closed',
    ]);
    expect(result.problems.every((p) => p.file === 'indicators.csv')).toBe(true);
  });

  it('keeps description, source, tags, confidence and validity', () => {
    const result = parseIndicatorCsv(fixture('indicators.csv'), { file: 'indicators.csv' });
    expect(result.indicators[0]).toEqual({
      id: 'indicators.csv:3',
      type: 'sha256',
      value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      pattern: '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08',
      name: undefined,
      description: 'Loader stage',
      labels: ['qbot', 'loader'],
      confidence: 80,
      validFrom: undefined,
      validUntil: undefined,
      origin: { format: 'csv', file: 'indicators.csv', author: 'Hikari CERT' },
    });
    expect(result.indicators.find((i) => i.value === 'old-c2.example')?.validUntil).toBe('2021-07-01T00:00:00Z');
  });

  it('guesses the type of a single indicator column, defanged values included', () => {
    const result = parseIndicatorCsv(fixture('inferred.csv'), { file: 'inferred.csv' });
    expect(typed(result)).toEqual([
      'md5 44d88612fea8a8f36de82e1278abb02f',
      'sha1 3395856ce81f2b7382dee72602f798b642f14140',
      'sha256 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
      'ipv4 198.51.100.23',
      'ipv6 2001:db8::bad:1',
      'ipv4 203.0.113.0/25',
      'url http://evil.example/payload.bin',
      'url http://evil-cdn.example/js/loader.js',
      'registry-key hkcu\\software\\qbot',
      'file-name qbot.dll',
      'domain stage2.example',
    ]);
    expect(located(result)).toEqual(["14: cannot tell the type of 'what is this?'"]);
    expect(result.indicators[0]?.description).toBe('md5');
  });

  it('reads a plain list without a header, tab-separated files and a byte-order mark', () => {
    expect(typed(parseIndicatorCsv('# list\nevil.example\n\n192.0.2.1\n'))).toEqual([
      'domain evil.example',
      'ipv4 192.0.2.1',
    ]);
    expect(typed(parseIndicatorCsv('\uFEFFtype\tvalue\ndomain\tevil.example\n'))).toEqual(['domain evil.example']);
  });

  it('stops at a header without a value column, saying what to write', () => {
    const result = parseIndicatorCsv('# c\nfoo,bar\nx,y\n', { file: 'f.csv' });
    expect(result.indicators).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'f.csv',
        line: 2,
        message: "the header 'foo,bar' has no value column",
        hint: expect.stringContaining('type,value'),
      },
    ]);
  });

  it('reports bad optional columns on the line', () => {
    const result = parseIndicatorCsv(
      'type,value,confidence,expires\ndomain,a.example,high,\ndomain,b.example,,tomorrow\nhash,abc,,\n',
    );
    expect(located(result)).toEqual([
      "2: confidence 'high' is not an integer from 0 to 100",
      "3: valid_until 'tomorrow' is not a timestamp (write 2024-01-31 or 2024-01-31T00:00:00Z)",
      "4: 'abc' is not a hash (expected 32, 40, 64 or 128 hex digits)",
    ]);
  });
});
