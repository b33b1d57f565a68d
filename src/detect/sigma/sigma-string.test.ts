import { describe, expect, it } from 'vitest';
import { base64Offsets, utf16, windash } from './encodings.js';
import { formatSigmaString, ONE, parseSigmaString, STAR } from './sigma-string.js';

describe('parseSigmaString (escaping per the specification)', () => {
  const cases: [string, unknown[]][] = [
    ['abc', ['abc']],
    ['a*b?c', ['a', STAR, 'b', ONE, 'c']],
    [String.raw`a\*b`, ['a*b']],
    [String.raw`a\?b`, ['a?b']],
    [String.raw`C:\Windows\*`, [String.raw`C:\Windows*`]],
    [String.raw`C:\Windows\\*`, [String.raw`C:\Windows\\`.slice(0, -1), STAR]],
    [String.raw`a\\\*`, [String.raw`a\*`]],
    [String.raw`a\\\\b`, [String.raw`a\\b`]],
    [String.raw`a\b`, [String.raw`a\b`]],
    [String.raw`trailing\\`.slice(0, -1), [String.raw`trailing\\`.slice(0, -1)]],
    ['', []],
  ];
  it.each(cases)('%s', (raw, parts) => {
    expect(parseSigmaString(raw)).toEqual(parts);
  });

  it('formats back to text that parses to the same value', () => {
    for (const [raw] of cases) expect(parseSigmaString(formatSigmaString(parseSigmaString(raw)))).toEqual(parseSigmaString(raw));
  });
});

describe('encodings', () => {
  it('base64offset gives the three stable middle parts', () => {
    expect(base64Offsets('foobar', false)).toEqual(['Zm9vYmFy', 'Zvb2Jhc', 'mb29iYX']);
  });

  it('utf16 variants', () => {
    expect(utf16(['cmd'], 'utf16le')).toEqual(['c\u0000m\u0000d\u0000']);
    expect(utf16(['cmd'], 'utf16be')).toEqual(['\u0000c\u0000m\u0000d']);
    expect(utf16(['cmd'], 'utf16')).toEqual(['\u00ff\u00fec\u0000m\u0000d\u0000']);
    expect(utf16(['a', STAR], 'utf16le')).toEqual(['a\u0000', STAR]);
  });

  it('windash permutes leading dashes only: 25 variants for -param-1 -param2', () => {
    const variants = windash(['-param-1 -param2'])!;
    expect(variants).toHaveLength(25);
    expect(variants).toContainEqual(['/param-1 \u2015param2']);
    expect(variants.every((v) => String(v[0]).includes('param-1'))).toBe(true);
  });
});
