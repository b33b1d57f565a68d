import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIndicatorFile } from './indicator-files.js';
import { fixture, fixturePath, located, typed } from './ioc.testing.js';
import { parseIndicatorText } from './parse-indicators.js';

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'firebreak-ioc-'));
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('readIndicatorFile', () => {
  it('tells STIX, MISP and CSV apart and puts the file on indicators and problems', async () => {
    const stix = await readIndicatorFile(fixturePath('stix-bundle.json'));
    expect(stix.indicators).toHaveLength(13);
    expect(stix.indicators[0]?.origin).toMatchObject({ format: 'stix', file: fixturePath('stix-bundle.json') });
    expect(stix.problems[0]?.file).toBe(fixturePath('stix-bundle.json'));
    const misp = await readIndicatorFile(fixturePath('misp-event.json'));
    expect(misp.indicators[0]?.origin.format).toBe('misp');
    const csv = await readIndicatorFile(fixturePath('indicators.csv'));
    expect(csv.problems.map((p) => p.line)).toEqual([4, 12, 13, 14]);
  });

  it('passes the to_ids choice to MISP events', async () => {
    const all = await readIndicatorFile(fixturePath('misp-event.json'), { includeNonIds: true });
    expect(typed(all)).toContain('domain watering-hole.example');
  });

  it('reads gzip files by extension and reports a truncated one', async () => {
    const gz = gzipSync(fixture('stix-bundle.json'));
    const whole = await readIndicatorFile(await tempFile('bundle.json.gz', gz));
    expect(whole.indicators).toHaveLength(13);
    const cut = await readIndicatorFile(await tempFile('list.csv.gz', gz.subarray(0, gz.length - 20)));
    expect(cut.indicators).toEqual([]);
    expect(cut.problems).toEqual([
      {
        file: expect.stringMatching(/list\.csv\.gz$/),
        message: expect.stringMatching(/^cannot read: /),
        hint: 'is the gzip file complete?',
      },
    ]);
  });

  it('reads a MISP feed from its folder or its manifest, naming event files that are missing', async () => {
    for (const target of [fixturePath('misp-feed'), fixturePath('misp-feed/manifest.json')]) {
      const feed = await readIndicatorFile(target);
      expect(typed(feed)).toEqual(['ipv4 192.0.2.0/28', 'domain feed-c2.example']);
      expect(feed.indicators[0]?.origin).toMatchObject({ author: 'Feed Org', collectionName: 'Feed event one' });
      expect(located(feed)).toEqual([
        "not-a-uuid: 'not-a-uuid' is not an event uuid; skipped",
        expect.stringMatching(/^: cannot read: ENOENT/),
      ]);
      expect(feed.problems[1]?.file).toMatch(/f1f2a3b4-0000-4000-8000-000000000002\.json$/);
    }
  });

  it('reports a missing file and a file over the size limit', async () => {
    expect((await readIndicatorFile('/nonexistent/iocs.csv')).problems[0]?.message).toMatch(/^cannot read: ENOENT/);
    const big = await readIndicatorFile(fixturePath('indicators.csv'), { maxBytes: 100 });
    expect(big.problems).toEqual([
      { file: fixturePath('indicators.csv'), message: 'larger than 100 bytes; not read', hint: 'split the file' },
    ]);
  });
});

describe('parseIndicatorText', () => {
  it('guesses the format from the extension and the JSON shape', () => {
    expect(typed(parseIndicatorText('evil.example\n', { file: 'list.txt' }))).toEqual(['domain evil.example']);
    expect(
      typed(
        parseIndicatorText('{"type":"indicator","id":"indicator--x","pattern":"[url:value = \'http://a.example/\']"}'),
      ),
    ).toEqual(['url http://a.example/']);
    expect(
      typed(
        parseIndicatorText(
          '{"Event":{"Attribute":[{"type":"md5","value":"44d88612fea8a8f36de82e1278abb02f","to_ids":true}]}}',
        ),
      ),
    ).toEqual(['md5 44d88612fea8a8f36de82e1278abb02f']);
    expect(typed(parseIndicatorText('type,value\nurl,http://a.example/x\n'))).toEqual(['url http://a.example/x']);
  });

  it('names a feed manifest and other JSON it cannot read', () => {
    expect(located(parseIndicatorText(fixture('misp-feed/manifest.json')))).toEqual([
      ': this is a MISP feed manifest; read the feed folder (or manifest.json) with readIndicatorFile',
    ]);
    expect(located(parseIndicatorText('{"a": 1}'))).toEqual([': neither a STIX bundle nor a MISP event']);
    expect(located(parseIndicatorText('[1,', { file: 'x.json' }))[0]).toMatch(/^: not JSON/);
  });
});
