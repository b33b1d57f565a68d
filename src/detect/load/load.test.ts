import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventFile } from './event-files.js';
import { parseJsonValues } from './json-values.js';
import { readRuleSources } from './rule-files.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'firebreak-detect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseJsonValues', () => {
  it('reads several pretty-printed objects written one after another, and arrays', () => {
    expect(parseJsonValues('{\n "a": "}{"\n}\n{\n "a": 2\n}\n').values).toEqual([{ a: '}{' }, { a: 2 }]);
    expect(parseJsonValues('[{"a":1},{"a":2}]').values).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reports a broken object with its line and keeps the others', () => {
    const { values, problems } = parseJsonValues('{"a":1}\n{"a":}\n{"b":2}');
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
    expect(problems).toEqual([expect.objectContaining({ line: 2 })]);
  });
});

describe('readEventFile', () => {
  it('reads gzipped JSON lines and names bad lines', async () => {
    const file = path.join(dir, 'events.jsonl.gz');
    await writeFile(file, gzipSync('{"EventID":1}\nnot json\n\n{"EventID":2}\r\n'));
    const events: unknown[] = [];
    const result = await readEventFile(file, (e) => events.push(e));
    expect(events).toEqual([{ EventID: 1 }, { EventID: 2 }]);
    expect(result).toEqual({ events: 2, problems: [expect.objectContaining({ file, line: 2 })] });
  });

  it('reports a truncated gzip file instead of throwing', async () => {
    const file = path.join(dir, 'broken.jsonl.gz');
    await writeFile(file, gzipSync('{"EventID":1}\n'.repeat(1000)).subarray(0, 40));
    const result = await readEventFile(file, () => undefined);
    expect(result.events).toBe(0);
    expect(result.problems[0]?.reason).toMatch(/cannot read/);
  });
});

describe('readRuleSources', () => {
  it('reads .yml and .yaml files under folders, sorted', async () => {
    await mkdir(path.join(dir, 'rules', 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'rules', 'sub', 'b.yaml'), 'title: b');
    await writeFile(path.join(dir, 'rules', 'a.yml'), 'title: a');
    await writeFile(path.join(dir, 'rules', 'notes.md'), '# not a rule');
    const sources = await readRuleSources([path.join(dir, 'rules')]);
    expect(sources.map((s) => path.relative(dir, s.file))).toEqual([path.join('rules', 'a.yml'), path.join('rules', 'sub', 'b.yaml')]);
  });
});
