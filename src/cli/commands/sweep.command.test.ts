import { describe, expect, it } from 'vitest';
import { gateBody } from './recovery.command.js';
import { exceptionsOf, sweepBody } from './sweep.command.js';

describe('sweep and recovery request bodies', () => {
  it('builds a sweep body from the options and refuses an ambiguous target', () => {
    expect(sweepBody({ region: 'emea', sha256: 'a,b', remote: '203.0.113.7' })).toEqual({ region: 'emea', indicators: { sha256: ['a', 'b'], remote: ['203.0.113.7'] }, fromAlerts: true });
    expect(sweepBody({ hosts: 'x, y', alerts: false, maxFiles: '10' })).toEqual({ hosts: ['x', 'y'], fromAlerts: false, maxFiles: 10 });
    expect(() => sweepBody({ region: 'emea', entity: 'uk-ltd' })).toThrow(/exactly one of --entity, --region or --hosts/);
    expect(() => sweepBody({})).toThrow(/exactly one/);
  });

  it('reads exceptions as host=reason', () => {
    expect(exceptionsOf(['uk-ws07=decommissioned in May', 'x=a=b'])).toEqual([{ host: 'uk-ws07', reason: 'decommissioned in May' }, { host: 'x', reason: 'a=b' }]);
    expect(() => exceptionsOf(['uk-ws07'])).toThrow(/not host=reason/);
  });

  it('builds a gate body and refuses gates people do not record', () => {
    expect(gateBody({ step: '2', gate: 'backup_verified', subject: 'crm-uk', evidence: 'restore test' })).toEqual({ step: 2, gate: 'backup_verified', subject: 'crm-uk', evidence: 'restore test' });
    expect(() => gateBody({ step: 'two', gate: 'approval', evidence: 'x' })).toThrow(/not a step number/);
    expect(() => gateBody({ step: '1', gate: 'clean_sweep', evidence: 'x' })).toThrow(/not a gate people record/);
  });
});
