/**
 * Test vectors for every field modifier of the Sigma specification v2.1 (ideas from pySigma's test suite,
 * written as rule + events, not ported code). Each vector: a detection, events that match, events that do not.
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { rejection, testRule } from '../detect.testing.js';

type Event = Record<string, unknown>;

function check(detection: string, yes: Event[], no: Event[]): void {
  const rule = testRule(detection);
  expect(rule.problems).toEqual([]);
  for (const event of yes) expect(rule.matches(event), `should match ${JSON.stringify(event)}`).toBe(true);
  for (const event of no) expect(rule.matches(event), `should not match ${JSON.stringify(event)}`).toBe(false);
}

const sel = (item: string): string => `  sel:\n    ${item}\n  condition: sel`;
const b64 = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64');

describe('string position modifiers', () => {
  it('contains, startswith and endswith, case-insensitively', () => {
    check(sel("F|contains: 'foo'"), [{ F: 'xFOOy' }, { F: 'foo' }], [{ F: 'fo' }, {}]);
    check(sel("F|startswith: 'foo'"), [{ F: 'FooBar' }], [{ F: 'barfoo' }]);
    check(sel(String.raw`F|endswith: '\cmd.exe'`), [{ F: String.raw`C:\Windows\CMD.EXE` }], [{ F: 'cmd.exe.bak' }, { F: 'xcmd.exe' }]);
  });

  it('keeps a trailing backslash literal before the added wildcard', () => {
    check(sel(String.raw`F|contains: 'C:\Windows\'`), [{ F: String.raw`c:\windows\system32` }], [{ F: 'c:/windows/' }]);
  });

  it('does not double a wildcard the value already has', () => {
    check(sel("F|contains: '*foo*'"), [{ F: 'afoob' }], [{ F: 'fo' }]);
    check(sel("F|startswith: 'a*c'"), [{ F: 'abcd' }, { F: 'ac' }], [{ F: 'bac' }]);
  });
});

describe('all', () => {
  it('joins the values with AND', () => {
    check(sel('F|contains|all: [a1, b2]'), [{ F: 'xa1yb2' }], [{ F: 'a1' }, { F: 'b2' }]);
  });

  it('works on keywords', () => {
    check("  kw:\n    '|all': [alpha, beta]\n  condition: kw", [{ A: 'alpha', B: 'x beta' }], [{ A: 'alpha' }]);
  });
});

describe('encodings', () => {
  it('base64 encodes the value', () => {
    check(sel('F|base64: foobar'), [{ F: 'Zm9vYmFy' }], [{ F: 'foobar' }]);
    check(sel('F|base64|contains: foobar'), [{ F: 'xxZm9vYmFyxx' }], [{ F: 'Zm9vYm' }]);
  });

  it('base64offset finds the value at every byte offset of a larger encoded string', () => {
    const rule = testRule(sel('F|base64offset|contains: foobar'));
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      for (const suffix of ['', 'z', 'zz']) expect(rule.matches({ F: b64(`${prefix}foobar${suffix}`) })).toBe(true);
    }
    expect(rule.matches({ F: b64('fooba') })).toBe(false);
  });

  it('wide (utf16le), utf16be and utf16 (with byte order mark) before base64', () => {
    const le = Buffer.from('cmd /c ping x', 'utf16le');
    check(sel('F|wide|base64offset|contains: ping'), [{ F: b64(le) }], [{ F: b64('cmd /c ping x') }]);
    check(sel('F|utf16le|base64: cmd'), [{ F: b64(Buffer.from('cmd', 'utf16le')) }], []);
    check(sel('F|utf16be|base64: cmd'), [{ F: b64(Buffer.from('cmd', 'utf16le').swap16()) }], [{ F: b64(Buffer.from('cmd', 'utf16le')) }]);
    check(sel('F|utf16|base64: cmd'), [{ F: b64(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('cmd', 'utf16le')])) }], []);
  });

  it('rejects wildcards under base64', () => {
    expect(rejection(sel("F|base64: 'foo*'"))[0]).toMatch(/does not allow wildcards/);
  });

  it('windash accepts every dash and the slash where a dash starts a word', () => {
    const yes = ['-', '/', '\u2013', '\u2014', '\u2015'].map((d) => ({ F: `ping ${d}n 1` }));
    check(sel("F|contains|windash: ' -n '"), yes, [{ F: 'ping +n 1' }, { F: 'ping n 1' }]);
    check(sel("F|windash: 'param-1'"), [{ F: 'param-1' }], [{ F: 'param/1' }]);
  });
});

describe('regular expressions', () => {
  it('re is a case-sensitive search anywhere in the value', () => {
    check(sel(String.raw`F|re: 'abc\d+'`), [{ F: 'xabc123' }], [{ F: 'ABC123' }, { F: 'abc' }]);
    check(sel("F|re: '^abc$'"), [{ F: 'abc' }], [{ F: 'abcd' }]);
  });

  it('i, m and s flags, and an inline (?i)', () => {
    check(sel("F|re|i: '^abc'"), [{ F: 'ABCd' }], [{ F: 'xabc' }]);
    check(sel("F|re|m: '^b$'"), [{ F: 'a\nb\nc' }], [{ F: 'a b c' }]);
    check(sel("F|re|s: 'a.b'"), [{ F: 'a\nb' }], [{ F: 'a\n\nb' }]);
    check(sel("F|re: '(?i)abc'"), [{ F: 'ABC' }], [{ F: 'ab' }]);
  });

  it('rejects what the linear-time engine cannot run and re after other modifiers', () => {
    expect(rejection(sel("F|re: 'a(?=b)'"))[0]).toMatch(/not supported by the linear-time engine/);
    expect(rejection(sel("F|contains|re: 'a'"))[0]).toMatch(/must come first/);
    expect(rejection(sel("F|i: 'a'"))[0]).toMatch(/only applies after "re"/);
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 networks', () => {
    check(sel('F|cidr: 10.0.0.0/8'), [{ F: '10.1.2.3' }, { F: '::ffff:10.9.9.9' }], [{ F: '11.0.0.1' }, { F: 'host' }, {}]);
    check(sel("F|cidr: 'fe80::/10'"), [{ F: 'fe80::1' }, { F: 'FEBF:0:0:0:0:0:0:1' }], [{ F: 'fec0::1' }, { F: '10.0.0.1' }]);
    check(sel('F|cidr: [192.168.0.0/16, 172.16.0.0/12]'), [{ F: '172.31.255.255' }], [{ F: '172.32.0.0' }]);
  });

  it('rejects a value that is not a network', () => {
    expect(rejection(sel("F|cidr: '10.0.0/8'"))[0]).toMatch(/is not a CIDR network/);
  });
});

describe('exists', () => {
  it('checks presence only', () => {
    check(sel('F|exists: true'), [{ F: '' }, { F: null }, { F: 0 }], [{ G: 'x' }]);
    check(sel('F|exists: false'), [{ G: 'x' }], [{ F: '' }]);
  });
});

describe('expand', () => {
  it('replaces placeholders with the configured values', () => {
    const rule = testRule(sel("F|expand: '%dc%\\share'"), { placeholders: { dc: ['DC1', 'DC*'] } });
    expect(rule.problems).toEqual([]);
    expect(rule.matches({ F: 'dc1\\share' })).toBe(true);
    expect(rule.matches({ F: 'DC9\\share' })).toBe(true);
    expect(rule.matches({ F: 'X\\share' })).toBe(false);
  });

  it('keeps an escaped percent sign and rejects a placeholder without values', () => {
    check(sel(String.raw`F|expand: '100\%'`), [{ F: '100%' }], []);
    expect(rejection(sel("F|expand: '%missing%'"))[0]).toBe('placeholder %missing% has no value');
  });
});

describe('fieldref', () => {
  it('compares with another field of the same event', () => {
    check(sel('A|fieldref: B'), [{ A: 'x', B: 'X' }], [{ A: 'x', B: 'y' }, { A: 'x' }]);
    check(sel('A|fieldref|endswith: B'), [{ A: 'c:\\a\\b.exe', B: 'B.EXE' }], [{ A: 'b.exe\\c', B: 'b.exe' }]);
    check(sel('A|fieldref|startswith: B'), [{ A: 'abc', B: 'ab' }], [{ A: 'abc', B: 'bc' }]);
    check(sel('A|fieldref|contains: B'), [{ A: 'abc', B: 'b' }], [{ A: 'abc', B: 'd' }]);
    check(sel('A|fieldref|neq: B'), [{ A: 'x', B: 'y' }], [{ A: 'x', B: 'x' }]);
  });
});

describe('numeric comparisons and neq', () => {
  it('gt, gte, lt, lte on numbers and numeric text', () => {
    check(sel('F|gt: 10'), [{ F: 11 }, { F: '11' }, { F: '0x10' }], [{ F: 10 }, { F: 'ten' }, {}]);
    check(sel('F|gte: 10'), [{ F: 10 }], [{ F: 9.5 }]);
    check(sel('F|lt: 10'), [{ F: -1 }], [{ F: 10 }]);
    check(sel('F|lte: 10'), [{ F: '10' }], [{ F: 11 }]);
  });

  it('neq: the field is present and differs from every value', () => {
    check(sel('F|neq: x'), [{ F: 'y' }], [{ F: 'X' }, {}, { F: null }]);
    check(sel('F|neq: 4624'), [{ F: 4625 }], [{ F: '4624' }]);
    check(sel('F|neq: [a, b]'), [{ F: 'c' }], [{ F: 'a' }, { F: 'b' }]);
  });
});

describe('cased', () => {
  it('matches case-sensitively', () => {
    check(sel('F|cased: Foo'), [{ F: 'Foo' }], [{ F: 'foo' }]);
    check(sel('F|cased|contains: Foo'), [{ F: 'xFooy' }], [{ F: 'xfooy' }]);
  });
});

describe('time-part modifiers', () => {
  const at = { T: '2024-03-05T22:10:30Z' };
  it('minute, hour, day, week, month, year', () => {
    check(sel('T|minute: 10'), [at], [{ T: '2024-03-05T22:11:30Z' }]);
    check(sel('T|hour: 22'), [at, { T: '2024-03-05 22:59:00' }], [{ T: '2024-03-05T21:10:30Z' }]);
    check(sel('T|day: 5'), [at], [{ T: '2024-03-06T00:00:00Z' }]);
    check(sel('T|week: 10'), [at], [{ T: '2024-03-11T00:00:00Z' }]);
    check(sel('T|month: 3'), [at], [{ T: '2024-04-05T22:10:30Z' }]);
    check(sel('T|year: 2024'), [at], [{ T: '2023-03-05T22:10:30Z' }, { T: 'not a date' }]);
  });

  it('combines with comparisons', () => {
    check(sel('T|hour|gte: 20'), [at], [{ T: '2024-03-05T08:00:00Z' }]);
  });
});

describe('values without modifiers', () => {
  it('wildcards * and ? with escapes', () => {
    check(sel("F: 'a?c*'"), [{ F: 'abcdef' }, { F: 'ABC' }], [{ F: 'ac' }]);
    check(sel(String.raw`F: 'a\*b'`), [{ F: 'a*b' }], [{ F: 'axb' }]);
    check(sel(String.raw`F: 'a\\*'`), [{ F: 'a\\xyz' }], [{ F: 'axyz' }]);
    check(sel(String.raw`F: 'a\\\*'`), [{ F: 'a\\*' }], [{ F: 'a\\x' }]);
    check(sel(String.raw`F: 'a\?'`), [{ F: 'a?' }], [{ F: 'ab' }]);
  });

  it("null, empty string and '*'", () => {
    check(sel('F: null'), [{}, { F: null }], [{ F: '' }, { F: 'x' }]);
    check(sel("F: ''"), [{ F: '' }], [{}, { F: 'x' }]);
    check(sel("F: '*'"), [{ F: '' }, { F: 'x' }, { F: 3 }], [{}, { F: null }]);
  });

  it('numbers and booleans compare with text', () => {
    check(sel('EventID: 1'), [{ EventID: 1 }, { EventID: '1' }], [{ EventID: 11 }, { EventID: '01' }]);
    check(sel("EventID: '4688'"), [{ EventID: 4688 }], [{ EventID: 4689 }]);
    check(sel('F: true'), [{ F: true }, { F: 'TRUE' }], [{ F: false }, { F: 'yes' }]);
  });

  it('a list is OR, and a list of maps is OR of ANDs', () => {
    check(sel('F: [a, b]'), [{ F: 'a' }, { F: 'B' }], [{ F: 'c' }]);
    check('  sel:\n    - A: 1\n      B: 2\n    - C: 3\n  condition: sel', [{ A: 1, B: 2 }, { C: 3 }], [{ A: 1 }, { B: 2 }]);
  });

  it('array values match when any element matches', () => {
    check(sel("F|endswith: '.exe'"), [{ F: ['a.dll', 'b.exe'] }], [{ F: ['a.dll'] }]);
  });

  it('keywords are searched in every value', () => {
    check('  kw:\n    - mimikatz\n    - "sekurlsa::*"\n  condition: kw', [{ A: 'run MIMIKATZ now' }, { B: 'x sekurlsa::logonpasswords' }], [{ A: 'mimi' }]);
  });

  it('rejects unknown modifiers with the list of known ones', () => {
    const [reason] = rejection(sel('F|containz: a'));
    expect(reason).toBe('unknown modifier "containz"');
  });
});
