import { describe, expect, it } from 'vitest';
import { ONE, STAR } from '../sigma/sigma-string.js';
import { AhoCorasick } from './aho-corasick.js';
import { inNetwork, parseAddress, parseCidr } from './cidr.js';
import { requiredLiteral } from './regex.js';
import { compileStringSet, globTest } from './string-matcher.js';

describe('AhoCorasick', () => {
  function found(patterns: string[], text: string): number[] {
    const hits: number[] = [];
    AhoCorasick.build(patterns).scan(text, { hit: (p) => hits.push(p) });
    return [...new Set(hits)].sort();
  }

  it('finds every literal, overlapping ones included, folding ASCII case', () => {
    expect(found(['he', 'she', 'his', 'hers'], 'USHERS')).toEqual([0, 1, 3]);
    expect(found(['abc', 'bc', 'c'], 'xxABCxx')).toEqual([0, 1, 2]);
    expect(found(['\\rundll32.exe'], 'C:\\Windows\\System32\\RUNDLL32.EXE')).toEqual([0]);
    expect(found(['aaa'], 'aa')).toEqual([]);
  });

  it('never misses what toLowerCase() or Unicode case folding finds (Kelvin sign, dotted I, long s)', () => {
    expect(found(['kb'], '\u212Ab')).toEqual([0]);
    expect(found(['xi'], 'x\u0130')).toEqual([0]);
    expect(found(['as'], 'a\u017f')).toEqual([0]);
    expect(found(['ab'], 'a\u00e9b')).toEqual([]);
  });
});

describe('globTest and compileStringSet', () => {
  it('handles * and ? anywhere', () => {
    const g = globTest(['a', STAR, 'b', ONE, 'c', STAR, 'd']);
    expect(['axxbycd', 'abycxd', 'abyc d'.replace(' ', '')].map(g)).toEqual([true, true, true]);
    expect(['abcd', 'axbyc', 'bbycd'].map(g)).toEqual([false, false, false]);
    expect(globTest(['ab', STAR, 'ba'])('aba')).toBe(false);
    expect(globTest([ONE, ONE])('ab')).toBe(true);
  });

  it('groups exact, prefix, suffix, substring and glob patterns', () => {
    const test = compileStringSet([['x.exe'], ['pre', STAR], [STAR, '.dll'], [STAR, 'mid', STAR], ['a', ONE, 'c']]);
    expect(['x.exe', 'prefix', 'a.dll', 'xmidx', 'abc'].map(test)).toEqual([true, true, true, true, true]);
    expect(['y.exe', 'xpre', 'a.dl', 'mi', 'abbc'].map(test)).toEqual([false, false, false, false, false]);
  });
});

describe('cidr', () => {
  it('parses and matches IPv4 and IPv6', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ words: [0x0a000000], prefix: 8 });
    expect(parseCidr('10.0.0/8')).toBeUndefined();
    expect(parseCidr('1.2.3.4/33')).toBeUndefined();
    expect(inNetwork(parseAddress('2001:db8::1')!, parseCidr('2001:db8::/32')!)).toBe(true);
    expect(inNetwork(parseAddress('2001:db9::1')!, parseCidr('2001:db8::/32')!)).toBe(false);
    expect(inNetwork(parseAddress('::ffff:192.168.1.1')!, parseCidr('192.168.0.0/16')!)).toBe(true);
    expect(inNetwork(parseAddress('0.0.0.1')!, parseCidr('0.0.0.0/0')!)).toBe(true);
    expect(parseAddress('1::2::3')).toBeUndefined();
  });
});

describe('requiredLiteral', () => {
  const cases: [string, string][] = [
    [String.raw`\\rundll32\.exe.{1,30}(Shell|Control)`, String.raw`\rundll32.exe`],
    ['(?i)powershell.+-enc', 'powershell'],
    ['abc|def', ''],
    ['ab?cdef', 'cdef'],
    ['[a-z]+xyz', 'xyz'],
    [String.raw`\s-e\s`, '-e'],
    ['(a[)]bcd)?efg', 'efg'],
    ['.{1000,}', ''],
    ['ab{2,3}cdef', 'cdef'],
  ];
  it.each(cases)('%s -> %s', (source, literal) => {
    expect(requiredLiteral(source)).toBe(literal);
  });
});
