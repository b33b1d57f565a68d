import { describe, expect, it } from 'vitest';
import { shortHash, summariseEvidence } from './evidence';

const probe = (purpose: string, passed: boolean) => ({ purpose, passed, expect: 'blocked', outcome: passed ? 'timeout' : 'connected' });

describe('one line of evidence', () => {
  it('says how many probes passed and the ruleset hash, and flags a failed probe', () => {
    const ok = summariseEvidence({ simulated: true, probes: [probe('blocked-target', true), probe('control-channel', true)], ruleset: { rulesetHash: `sha256:${'ab'.repeat(32)}`, check: { ok: true, problems: [] } } });
    expect(ok).toEqual({ text: '2/2 probes passed · ruleset sha256:ababab…abab', ok: true, simulated: true });
    const bad = summariseEvidence({ probes: [probe('blocked-target', false), probe('control-channel', true)] });
    expect(bad).toMatchObject({ text: '1/2 probes passed (failed: blocked-target)', ok: false, simulated: false });
  });

  it('sums up a sweep: clean with what was checked, or its findings', () => {
    expect(summariseEvidence({ clean: true, complete: true, findings: [], checked: { files: 1200, processes: 87, connections: 23 } })?.text).toBe('clean (1,200 files, 87 processes, 23 connections checked)');
    const found = summariseEvidence({ clean: false, findings: [{ kind: 'file', indicator: 'f'.repeat(64) }, { kind: 'process', indicator: 'qbot.exe' }, { kind: 'connection', indicator: '203.0.113.7' }] });
    expect(found).toMatchObject({ text: '3 findings: file ffffff…ffff, process qbot.exe and 1 more', ok: false });
  });

  it('sums up each gateway of a segment cut, triage, and anything else by its keys', () => {
    const cut = summariseEvidence({ cutId: 'c1', segment: 'uk-office', gateways: [{ hostname: 'uk-gw01', state: 'verified', evidence: { simulated: true, ruleset: { rulesetHash: 'sha256:1234', check: { ok: true } } } }] });
    expect(cut).toEqual({ text: 'uk-gw01 verified: ruleset sha256:1234', ok: true, simulated: true });
    expect(summariseEvidence({ processes: [1, 2], connections: [1], recentFiles: [] })?.text).toBe('triage: 2 processes, 1 connections, 0 recent files');
    expect(summariseEvidence({ machineActionId: 'm-1', status: 'Succeeded' })?.text).toBe('status: Succeeded');
    expect(summariseEvidence(null)).toBeNull();
  });

  it('shortens hashes with or without their algorithm', () => {
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(`sha256:${'0123456789'.repeat(3)}`)).toBe('sha256:012345…6789');
  });
});
