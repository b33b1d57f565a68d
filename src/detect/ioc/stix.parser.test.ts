import { describe, expect, it } from 'vitest';
import { fixture, located, typed } from './ioc.testing.js';
import { parseStixBundle } from './stix.parser.js';

describe('parseStixBundle', () => {
  const result = parseStixBundle(fixture('stix-bundle.json'), { file: 'stix-bundle.json' });

  it('reads every supported pattern form, one indicator per comparison', () => {
    expect(typed(result)).toEqual([
      'sha256 af89b5718829814ae1ecdee3ba558feed86834c4129c08ebf48946706b52f533',
      'md5 173adaecac081afd8b41e3d6ad08cd2b',
      'sha1 d3adcec7e0a9f5d234b23bbd886c6a718a41da90',
      expect.stringMatching(/^sha512 7daed8fa[0-9a-f]{120}$/),
      'ipv4 198.51.100.0/24',
      'ipv6 2001:db8:bad::/48',
      'ipv4 203.0.113.7',
      'domain qbot-c2.example',
      'url http://payload.example/dl/invoice.zip',
      'registry-key hklm\\software\\microsoft\\windows\\currentversion\\run\\qbotloader',
      'file-name qbot-dropper.exe',
      'file-name invoice_viewer.exe',
      'domain relay.qbot.example',
    ]);
  });

  it('keeps what the feed says about each indicator and who made it', () => {
    expect(result.indicators[0]).toEqual({
      id: 'indicator--00000000-0000-4000-8000-000000000001',
      type: 'sha256',
      value: 'af89b5718829814ae1ecdee3ba558feed86834c4129c08ebf48946706b52f533',
      pattern: "[file:hashes.'SHA-256' = 'AF89B5718829814AE1ECDEE3BA558FEED86834C4129C08EBF48946706B52F533']",
      name: 'Qbot loader DLL',
      description: 'Loader dropped by the phishing document',
      labels: ['malicious-activity', 'qbot'],
      confidence: 85,
      validFrom: '2024-03-01T00:00:00Z',
      validUntil: undefined,
      origin: {
        format: 'stix',
        file: 'stix-bundle.json',
        collection: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
        author: 'Hikari CERT',
        authorRef: undefined,
      },
    });
    const expired = result.indicators.find((i) => i.value === 'qbot-c2.example');
    expect(expired).toMatchObject({ validFrom: '2021-05-01T00:00:00Z', validUntil: '2021-07-01T00:00:00Z' });
    const unknownAuthor = result.indicators.find((i) => i.type === 'url');
    expect(unknownAuthor?.origin).toMatchObject({
      author: undefined,
      authorRef: 'identity--99999999-9999-4999-8999-999999999999',
    });
  });

  it('reports every skipped indicator or part at its JSON path, and reads the rest', () => {
    expect(located(result)).toEqual([
      expect.stringMatching(/^objects\[8\]\.pattern: indicator--\S+08: AND of comparisons .*; skipped$/),
      expect.stringMatching(/^objects\[9\]\.pattern: .*FOLLOWEDBY of observations/),
      expect.stringMatching(
        /^objects\[10\]\.pattern: .*LIKE needs a pattern match .* in "domain-name:value LIKE '%\.dga\.example'"; skipped$/,
      ),
      expect.stringMatching(/^objects\[11\]\.pattern: .*MATCHES/),
      expect.stringMatching(/^objects\[12\]\.pattern: .*the object path email-addr:value is not supported/),
      expect.stringMatching(/^objects\[13\]\.pattern: .*column 14: unterminated string/),
      expect.stringMatching(/^objects\[14\]\.pattern_type: .*pattern_type 'sigma' is not supported/),
      expect.stringMatching(/^objects\[15\]\.pattern: .*'not-a-hash' is not a valid md5 \(expected 32 hex digits\)/),
      expect.stringMatching(/^objects\[16\]\.pattern: .*the qualifiers REPEATS, WITHIN need a series of observations/),
      expect.stringMatching(/^objects\[17\]\.revoked: .*revoked; skipped$/),
    ]);
    expect(result.problems.every((p) => p.file === 'stix-bundle.json')).toBe(true);
  });

  it('says when a part of an OR is dropped while the rest is kept', () => {
    const partly = parseStixBundle(
      JSON.stringify({
        type: 'indicator',
        id: 'indicator--p',
        pattern: "[domain-name:value = 'a.example'] OR [file:name = 'x'] AND [file:name = 'y']",
      }),
    );
    expect(typed(partly)).toEqual(['domain a.example']);
    expect(located(partly)).toEqual([
      'objects[0].pattern: indicator--p: AND of observations needs several events together; not supported; this part is skipped, the rest of the OR is kept',
    ]);
  });

  it('reads STIX 2.0 indicators (no pattern_type) and arrays of objects', () => {
    const legacy = [
      {
        type: 'indicator',
        id: 'indicator--old',
        labels: ['malicious-activity'],
        pattern: "[ipv4-addr:value = '192.0.2.1']",
      },
    ];
    expect(typed(parseStixBundle(JSON.stringify(legacy)))).toEqual(['ipv4 192.0.2.1']);
  });

  it('rejects what is not a bundle, with a located reason', () => {
    expect(located(parseStixBundle('{"type": "report"}'))).toEqual([
      ': not a STIX bundle (expected {"type": "bundle", "objects": [...]})',
    ]);
    expect(located(parseStixBundle('{"type": "bundle"}'))).toEqual(['objects: the bundle has no objects array']);
    expect(located(parseStixBundle('{oops', { file: 'x.json' }))[0]).toMatch(/^: not JSON/);
  });

  it('skips indicators whose validity or confidence cannot be read', () => {
    const bad = {
      type: 'bundle',
      objects: [
        { type: 'indicator', id: 'indicator--a', pattern: "[domain-name:value = 'a.example']", valid_until: 'soon' },
        { type: 'indicator', id: 'indicator--b', pattern: "[domain-name:value = 'b.example']", confidence: 'high' },
      ],
    };
    const parsed = parseStixBundle(JSON.stringify(bad));
    expect(typed(parsed)).toEqual(['domain b.example']);
    expect(located(parsed)).toEqual([
      "objects[0].valid_until: indicator--a: 'soon' is not a timestamp; skipped",
      'objects[1].confidence: indicator--b: confidence must be an integer from 0 to 100; ignored',
    ]);
  });
});
