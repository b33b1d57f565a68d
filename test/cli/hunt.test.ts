/** `firebreak hunt` over gzip JSON lines and evtx_dump JSON with the project's own rules; exit codes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

let dir: string;

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const output: Output = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await main(['node', 'firebreak', ...args], output, {});
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-hunt-'));
  const flat = {
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    EventID: 1,
    Image: 'C:\\Windows\\System32\\vssadmin.exe',
    CommandLine: 'vssadmin delete shadows /all /quiet',
    Computer: 'FS01.corp.local',
    UtcTime: '2021-06-01 22:40:00.000',
  };
  await writeFile(path.join(dir, 'a.jsonl.gz'), gzipSync([JSON.stringify(flat), 'not json', JSON.stringify({ ...flat, Image: 'C:\\x.exe', CommandLine: 'x' })].join('\n')));
  const nested = {
    Event: {
      System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS7' },
      EventData: { Image: 'C:\\Windows\\SysWOW64\\regsvr32.exe', CommandLine: 'regsvr32 /s C:\\ProgramData\\q\\a.dll' },
    },
  };
  await writeFile(path.join(dir, 'b.json'), `${JSON.stringify(nested, null, 2)}\n${JSON.stringify(nested, null, 2)}`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('firebreak hunt', () => {
  it('prints detections with level, ATT&CK and author, a summary, and the skipped line', async () => {
    const r = await run('hunt', '--rules', 'content/rules', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/fs01\s+critical\s+Shadow Copies Deleted.*T1490\s+Firebreak project/);
    expect(r.out).toMatch(/ws7\s+high\s+Regsvr32 Loads a DLL/);
    expect(r.out).toMatch(/Swept 4 events in 2 files with \d+ rules .*: 3 detections \(2 high, 1 critical\)/);
    expect(r.err).toMatch(/a\.jsonl\.gz:2: /);
  });

  it('writes JSON lines with --json and exits 4 with --fail-on', async () => {
    const r = await run('--json', 'hunt', '--rules', 'content/rules', '--fail-on', 'critical', dir);
    expect(r.code).toBe(4);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { rule: string; author: string });
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.author === 'Firebreak project')).toBe(true);
  });

  it('matches indicators from a CSV list, naming their source as the author', async () => {
    const csv = path.join(dir, 'iocs.csv');
    await writeFile(csv, 'type,value,description,source\nfilename,vssadmin.exe,shadow copy tool,Example CERT\nipv4,203.0.113.9,c2,Example CERT\n');
    const r = await run('hunt', '--rules', 'content/rules', '--ioc', csv, dir);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/2 indicators loaded from 1 file/);
    expect(r.out).toMatch(/fs01\s+high\s+IOC file-name vssadmin\.exe.*Example CERT/);
    const bad = await run('hunt', '--rules', 'content/rules', '--ioc', path.join(dir, 'b.json'), dir);
    expect(bad.code).toBe(1);
  });

  it('runs correlation rules over the files: the correlations alert with the events that formed them, not their base rules', async () => {
    const rules = 'test/fixtures/correlation/rules';
    const events = 'test/fixtures/correlation/logons.jsonl';
    const r = await run('hunt', '--rules', rules, events);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2021-06-01T22:02:00\.000Z\s+jp-dc01\s+high\s+Password Guessing Against One Account \(fixture\)\s+T1110\.001\s+Firebreak test fixture/);
    expect(r.out).toMatch(/2021-06-01T22:03:00\.000Z\s+jp-dc01\s+critical\s+Logon After Failed Logons \(fixture\)/);
    expect(r.out).toMatch(/Swept 7 events in 1 files with 2 rules and 2 correlations .*: 2 detections \(1 high, 1 critical\)/);
    expect(r.out).not.toMatch(/Failed Logon \(fixture\)\s/);

    const lines = (await run('--json', 'hunt', '--rules', rules, events)).out.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; ruleId: string; author: string; correlation: { type: string; count: number; group: Record<string, string>; events: { TargetUserName: string }[]; rules: string[] } });
    expect(lines.map((l) => l.correlation.type).sort()).toEqual(['event_count', 'temporal_ordered']);
    const guessing = lines.find((l) => l.correlation.type === 'event_count');
    expect(guessing).toMatchObject({ kind: 'correlation', ruleId: '9b2f4c6d-1e3a-4b5c-8d7e-0f1a2b3c4d5e', author: 'Firebreak test fixture' });
    expect(guessing?.correlation).toMatchObject({ count: 3, group: { TargetUserName: 'svc-backup' }, rules: ['6c1b0f8e-2f3a-4d7c-9a51-0b7c2d9e4f10'] });
    expect(guessing?.correlation.events.map((e) => e.TargetUserName)).toEqual(['svc-backup', 'svc-backup', 'svc-backup']);
  });

  it('fails clearly on a missing path or rule folder', async () => {
    const missing = await run('hunt', '--rules', 'content/rules', path.join(dir, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such file or folder/);
    const noRules = await run('hunt', '--rules', dir, dir);
    expect(noRules.code).toBe(1);
    expect(noRules.err).toMatch(/no rule could be loaded/);
  });
});
