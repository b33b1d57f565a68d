import { describe, expect, it } from 'vitest';
import { PatternSyntaxError } from './stix-lexer.js';
import { parsePattern } from './stix-pattern.js';
import { termValues } from './stix-terms.js';

function values(pattern: string): string[] {
  return parsePattern(pattern).comparisons.flatMap((c) => {
    const terms = termValues(c);
    return terms.ok ? terms.values.map((v) => `${terms.type}:${v}`) : [`!${terms.reason}`];
  });
}

function syntaxError(pattern: string): { message: string; column: number } {
  try {
    parsePattern(pattern);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { message: error.message, column: error.column };
    throw error;
  }
  throw new Error(`parsed: ${pattern}`);
}

describe('STIX patterns', () => {
  it('reads each supported object path', () => {
    expect(values("[file:hashes.'SHA-256' = 'AB']")).toEqual(['sha256:AB']);
    expect(values("[file:hashes.MD5 = 'ab']")).toEqual(['md5:ab']);
    expect(values("[file:hashes.'SHA-1' = 'ab']")).toEqual(['sha1:ab']);
    expect(values("[file:hashes.SHA512 = 'ab']")).toEqual(['sha512:ab']);
    expect(values("[ipv4-addr:value = '10.0.0.0/8']")).toEqual(['ipv4:10.0.0.0/8']);
    expect(values("[ipv6-addr:value ISSUBSET '2001:db8::/32']")).toEqual(['ipv6:2001:db8::/32']);
    expect(values("[domain-name:value = 'evil.example']")).toEqual(['domain:evil.example']);
    expect(values("[url:value = 'http://x.example/a']")).toEqual(['url:http://x.example/a']);
    expect(values("[windows-registry-key:key = 'HKLM\\\\Software\\\\X']")).toEqual(['registry-key:HKLM\\Software\\X']);
    expect(values("[process:name = 'a.exe'] OR [file:name = 'b.exe']")).toEqual(['file-name:a.exe', 'file-name:b.exe']);
    expect(values("[network-traffic:dst_ref.value = '192.0.2.1']")).toEqual(['ip-or-domain:192.0.2.1']);
  });

  it('turns OR of comparisons, OR of observations and IN into several comparisons', () => {
    const pattern =
      "([domain-name:value = 'a.example' OR (domain-name:value = 'b.example')]) OR [url:value IN ('http://c.example/', 'http://d.example/')]";
    expect(values(pattern)).toEqual([
      'domain:a.example',
      'domain:b.example',
      'url:http://c.example/',
      'url:http://d.example/',
    ]);
  });

  it('reports AND, FOLLOWEDBY and qualifiers instead of approximating them', () => {
    expect(parsePattern("[file:name = 'a' AND file:size > 1]")).toMatchObject({
      comparisons: [],
      unsupported: [expect.stringContaining('AND of comparisons')],
    });
    expect(parsePattern("[file:name = 'a'] AND [file:name = 'b']").unsupported).toEqual([
      expect.stringContaining('AND of observations'),
    ]);
    expect(parsePattern("[file:name = 'a'] FOLLOWEDBY [file:name = 'b']").unsupported).toEqual([
      expect.stringContaining('FOLLOWEDBY'),
    ]);
    expect(parsePattern("[file:name = 'a'] WITHIN 10 SECONDS").unsupported).toEqual([
      expect.stringContaining('qualifier WITHIN'),
    ]);
    expect(
      parsePattern("[file:name = 'a'] START t'2020-01-01T00:00:00Z' STOP t'2021-01-01T00:00:00Z'").comparisons,
    ).toEqual([]);
  });

  it('gives AND precedence over OR, keeping the OR parts that stand alone', () => {
    const result = parsePattern("[file:name = 'a'] OR [file:name = 'b'] AND [file:name = 'c']");
    expect(result.comparisons.map((c) => c.values[0]?.text)).toEqual(['a']);
    expect(result.unsupported).toHaveLength(1);
    const inner = parsePattern("[file:name = 'a' OR file:name = 'b' AND file:name = 'c']");
    expect(inner.comparisons.map((c) => c.values[0]?.text)).toEqual(['a']);
  });

  it('reports operators and paths it cannot index, with the reason', () => {
    expect(values("[domain-name:value LIKE '%.evil.example']")).toEqual([
      expect.stringMatching(/^!LIKE needs a pattern match/),
    ]);
    expect(values("[file:name MATCHES '^a']")).toEqual([expect.stringMatching(/^!MATCHES/)]);
    expect(values("[file:name != 'a']")).toEqual([expect.stringMatching(/operator != is not supported/)]);
    expect(values("[file:name NOT = 'a']")).toEqual(['!NOT is not supported']);
    expect(values('[file:size = 10]')).toEqual([expect.stringMatching(/object path file:size/)]);
    expect(values('[file:name = 10]')).toEqual(['!the value is a number, not a string']);
    expect(values("[file:hashes.SSDEEP = 'x']")).toEqual([expect.stringMatching(/hash algorithm 'SSDEEP'/)]);
    expect(values("[domain-name:value ISSUBSET 'evil.example']")).toEqual([expect.stringMatching(/ISSUBSET/)]);
  });

  it('reads escapes in strings and list indexes in paths', () => {
    expect(values("[file:name = 'it\\'s.exe']")).toEqual(["file-name:it's.exe"]);
    expect(parsePattern("[windows-registry-key:values[*].name = 'x']").comparisons[0]?.path).toEqual([
      'values',
      '[*]',
      'name',
    ]);
  });

  it('locates syntax errors by column', () => {
    expect(syntaxError("[file:name = 'open]")).toEqual({
      message: expect.stringContaining('unterminated string'),
      column: 14,
    });
    expect(syntaxError("[file:name = 'a'")).toEqual({
      message: "expected ']', found the end of the pattern",
      column: 17,
    });
    expect(syntaxError("file:name = 'a'")).toMatchObject({ column: 1 });
    expect(syntaxError("[file:name = 'a'] OR")).toMatchObject({
      message: expect.stringContaining("expected '[' or '('"),
    });
    expect(syntaxError("[file:name ~ 'a']")).toMatchObject({ column: 12 });
    expect(syntaxError("[file:name = 'a\\q']")).toMatchObject({ message: expect.stringContaining('unknown escape') });
  });
});

describe('STIX patterns from untrusted feeds', () => {
  it('reads long OR chains without deep recursion', () => {
    const pattern = Array.from({ length: 5000 }, (_, i) => `[domain-name:value = 'd${i}.example']`).join(' OR ');
    expect(parsePattern(pattern).comparisons).toHaveLength(5000);
  });

  it('refuses deeply nested parentheses with a located error', () => {
    const pattern = `${'('.repeat(100)}[file:name = 'a']${')'.repeat(100)}`;
    expect(syntaxError(pattern)).toEqual({ message: 'parentheses nested deeper than 64', column: 65 });
  });
});
