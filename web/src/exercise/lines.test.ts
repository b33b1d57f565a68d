import { describe, expect, it } from 'vitest';
import { actorOf, countLines, kindOf } from './lines';
import { scenarioClock, scenarioDay, zoneLabel } from './scenario-time';

describe('exercise progress lines', () => {
  it('tells the kinds of moments apart', () => {
    expect(kindOf('attack 2/12 on tyo-ws042 (T1218.010): regsvr32 loads the Qbot DLL; 1 detection(s)')).toBe('attack');
    expect(kindOf('detection opens INC-0001: Office application spawning a script host on tyo-ws042')).toBe('detect');
    expect(kindOf('soc proposes P-0001: Isolate tyo-ws042 (hik-hd)')).toBe('propose');
    expect(kindOf('jp-lead approves P-0001 (running: approved)')).toBe('approve');
    expect(kindOf('soc asks for sweep P-0004 of americas')).toBe('sweep');
    expect(kindOf('emea-lead declares emea out of scope; 1 precautionary shutdown plan(s) rolled back')).toBe('scope');
    expect(kindOf('jp-lead runs step 2 of R-0001')).toBe('recover');
    expect(kindOf('ic records the decision: ransom refused')).toBe('decide');
    expect(kindOf('dpo confirms 12 breach determination(s)')).toBe('legal');
    expect(kindOf('emea-lead drafts eu-nis2-early-warning for hik-eu (N-005); dpo to approve')).toBe('legal');
    expect(kindOf('dpo approves and emea-lead sends N-005 (files eu-nis2-early-warning) via portal')).toBe('legal');
    expect(kindOf('ic moves the incident to contain: isolating')).toBe('decide');
    expect(kindOf('ic takes command of the incident')).toBe('decide');
    expect(kindOf('ic: approving P-0002 refused (409 conflict): already decided')).toBe('refused');
    expect(kindOf('2000 simulated agents connected')).toBe('setup');
    expect(kindOf('run ends: the playbook has nothing left to do')).toBe('end');
    expect(kindOf('something new the driver says')).toBe('info');
  });

  it('finds the person who acted, only among the scenario’s people', () => {
    const people = new Set(['ic', 'jp-lead']);
    expect(actorOf('jp-lead approves P-0001', people)).toEqual({ person: 'jp-lead', rest: 'approves P-0001' });
    expect(actorOf('ic: no cut_segment_external plan to propose', people)).toEqual({
      person: 'ic',
      rest: 'no cut_segment_external plan to propose',
    });
    expect(actorOf('attack 1/12 on tyo-ws042', people)).toBeNull();
  });

  it('counts what happened so far', () => {
    const counts = countLines([
      { text: 'attack 1/12 on a (T1): x; 1 detection(s)' },
      { text: 'attack 2/12 on a (T2): y; 2 detection(s)' },
      { text: 'soc proposes P-0001: Isolate a' },
      { text: 'jp-lead approves P-0001' },
      { text: 'emea-lead declares emea out of scope; 1 precautionary shutdown plan(s) rolled back' },
      { text: 'jp-lead runs step 1 of R-0001' },
    ]);
    expect(counts).toMatchObject({
      attackSteps: 2,
      attackTotal: 12,
      detections: 3,
      proposals: 1,
      approvals: 1,
      cleared: ['emea'],
      recoverySteps: 1,
    });
  });
});

describe('scenario time', () => {
  it('reads in the zone the scenario starts in', () => {
    expect(scenarioClock('2021-06-01T23:00:00+09:00', 35 * 60_000)).toEqual({
      date: 'Tue 1 Jun 2021',
      time: '23:35',
      zone: 'UTC+9',
    });
    expect(scenarioClock('2021-06-01T23:00:00+09:00', 2 * 3_600_000).date).toBe('Wed 2 Jun 2021');
    expect(zoneLabel('2021-06-01T08:00:00-05:30')).toBe('UTC-5:30');
    expect(zoneLabel('2021-06-01T08:00:00Z')).toBe('UTC');
    expect(scenarioDay(0)).toBe(1);
    expect(scenarioDay(86_400_000 * 2.5)).toBe(3);
  });
});
