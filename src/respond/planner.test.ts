import { describe, expect, it } from 'vitest';
import { buildEstateIndex } from '../estate/graph/index.js';
import { estateDocumentSchema } from '../estate/index.js';
import { UserError } from '../shared/errors.js';
import { buildPlan } from './planner.build.js';
import { planKey } from './planner.request.js';
import { suggestPlans } from './planner.suggest.js';
import { estate2021, scopeOf } from './respond.testing.js';

const index = buildEstateIndex(estate2021());

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('buildPlan: isolate hosts', () => {
  it('isolates through the agent, or through Defender for hosts tagged edr:mde, each with its reversal', () => {
    const plan = buildPlan({ kind: 'isolate_hosts', target: { hosts: ['tk-fs01', 'TK-WS01'] } }, index);
    expect(plan.entities).toEqual(['jp-hq']);
    expect(plan.regions).toEqual(['apac']);
    expect(plan.actions).toEqual([
      expect.objectContaining({ id: 'a0001', connector: 'mde', operation: 'isolate', args: { machineId: '4f1c9a' }, reversal: { operation: 'unisolate', args: { machineId: '4f1c9a' } }, target: { kind: 'host', ref: 'tk-fs01', entity: 'jp-hq' } }),
      expect.objectContaining({ id: 'a0002', connector: 'agent', operation: 'isolate', reversal: { operation: 'release', args: {} }, label: 'isolate tk-ws01 (jp-hq)' }),
    ]);
    expect(plan.request).toEqual({ kind: 'isolate_hosts', target: { hosts: ['tk-fs01', 'tk-ws01'] } });
  });

  it('shows what stops and whose it is', () => {
    const plan = buildPlan({ kind: 'isolate_hosts', target: { hosts: ['tk-dc01'] } }, index);
    expect(plan.impact.hostsAffected).toBe(1);
    expect(plan.impact.services.map((s) => [s.id, s.status, s.entity])).toEqual([
      ['jp-identity', 'down', 'jp-hq'],
      ['jp-files', 'down', 'jp-hq'],
    ]);
    expect(plan.impact.hostsByCriticality).toEqual({ low: 0, medium: 0, high: 0, critical: 1 });
  });

  it('refuses hosts of several entities, naming the split', () => {
    const error = userError(() => buildPlan({ kind: 'isolate_hosts', target: { hosts: ['tk-fs01', 'uk-app01'] } }, index));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('jp-hq (tk-fs01); uk-ltd (uk-app01)');
    expect(error.issues[0]?.hint).toContain('one isolate_hosts plan per entity');
  });

  it('names every unknown host', () => {
    const error = userError(() => buildPlan({ kind: 'isolate_hosts', target: { hosts: ['nope1', 'tk-fs01', 'nope2'] } }, index));
    expect(error.code).toBe('not_found');
    expect(error.details['unknown']).toEqual(['nope1', 'nope2']);
  });
});

describe('buildPlan: segment cuts', () => {
  it('cuts external connectivity on the gateway, with its links in the impact', () => {
    const plan = buildPlan({ kind: 'cut_segment_external', target: { segment: 'uk-office' } }, index);
    expect(plan.actions).toEqual([
      expect.objectContaining({ connector: 'gateway', operation: 'cut', args: { segment: 'uk-office', external: true, peers: [] }, reversal: { operation: 'restore', args: { segment: 'uk-office', external: true, peers: [] } } }),
    ]);
    expect(plan.impact.externalLinksCut).toEqual([
      { segment: 'uk-office', kind: 'internet', name: 'London breakout' },
      { segment: 'uk-office', kind: 'vpn', name: 'UK VPN' },
    ]);
    expect(plan.impact.hostsAffected).toBe(3);
    expect(plan.impact.services).toEqual([]);
  });

  it('refuses an external cut of a segment that has no external links', () => {
    const error = userError(() => buildPlan({ kind: 'cut_segment_external', target: { segment: 'tokyo-dc' } }, index));
    expect(error.issues[0]).toMatchObject({ field: 'target.segment', hint: expect.stringContaining('cut_segment_links') });
  });

  it('cuts the links to every linked segment, or to the peers asked for', () => {
    const all = buildPlan({ kind: 'cut_segment_links', target: { segment: 'tokyo-dc' } }, index);
    expect(all.actions[0]?.args).toEqual({ segment: 'tokyo-dc', external: false, peers: ['tokyo-office', 'uk-office'] });
    expect(all.impact.linksCut).toEqual([
      { from: 'tokyo-office', to: 'tokyo-dc' },
      { from: 'uk-office', to: 'tokyo-dc' },
    ]);
    const one = buildPlan({ kind: 'cut_segment_links', target: { segment: 'tokyo-dc', peers: ['uk-office'] } }, index);
    expect(one.impact.linksCut).toEqual([{ from: 'uk-office', to: 'tokyo-dc' }]);
    const error = userError(() => buildPlan({ kind: 'cut_segment_links', target: { segment: 'tokyo-dc', peers: ['us-office'] } }, index));
    expect(error.issues[0]).toMatchObject({ field: 'target.peers', hint: 'its links go to: tokyo-office, uk-office' });
  });
});

describe('buildPlan: shutdowns', () => {
  it('shuts a region down: gateway cuts first, every host isolated, lost throughput per region', () => {
    const plan = buildPlan({ kind: 'shutdown_region', target: { region: 'emea' } }, index);
    expect(plan.entities).toEqual(['uk-ltd', 'de-gmbh']);
    expect(plan.actions.map((a) => `${a.id} ${a.connector} ${a.target.ref}`)).toEqual([
      'a0001 gateway uk-office',
      'a0002 gateway de-office',
      'a0003 agent uk-app01',
      'a0004 agent uk-app02',
      'a0005 agent uk-ws01',
      'a0006 agent de-erp01',
    ]);
    expect(plan.impact.hostsAffected).toBe(4);
    expect(plan.impact.lostPerHour).toEqual([
      { unit: 'orders', perHour: 120 },
      { unit: 'invoices', perHour: 40 },
    ]);
    expect(plan.impact.byRegion.map((r) => r.id)).toEqual(['emea']);
    expect(plan.impact.externalLinksCut).toHaveLength(3);
  });

  it('shuts an entity down', () => {
    const plan = buildPlan({ kind: 'shutdown_entity', target: { entity: 'de-gmbh' } }, index);
    expect(plan.actions.map((a) => a.label)).toEqual(['cut external links of de-office (Frankfurt breakout)', 'isolate de-erp01 (de-gmbh)']);
    expect(plan.impact.services.map((s) => `${s.id} ${s.status}`)).toEqual(['de-billing down']);
  });

  it('builds a 10,000-host region in one pass with unique action ids', () => {
    const n = 10_000;
    const doc = estateDocumentSchema.parse({
      regions: [{ id: 'emea', name: 'EMEA' }],
      entities: [{ id: 'big', name: 'Big', country: 'GB', region: 'emea' }],
      segments: Array.from({ length: 100 }, (_, s) => ({ id: `s${s}`, name: `s${s}`, entity: 'big', cidrs: ['10.0.0.0/8'], external: [{ kind: 'internet', name: `b${s}` }] })),
      hosts: Array.from({ length: n }, (_, h) => ({ hostname: `h${h}`, os: 'linux', role: 'server', entity: 'big', segment: `s${h % 100}` })),
    });
    const plan = buildPlan({ kind: 'shutdown_region', target: { region: 'emea' } }, buildEstateIndex(doc));
    expect(plan.actions).toHaveLength(n + 100);
    expect(new Set(plan.actions.map((a) => a.id)).size).toBe(n + 100);
    expect(plan.impact.hostsAffected).toBe(n);
  });
});

describe('suggestPlans', () => {
  it('the 2021 shape: Tokyo hit, EMEA reachable and clean, so a precautionary EMEA shutdown is proposed', () => {
    const { suggestions, notes } = suggestPlans(index, scopeOf({ host: { 'tk-fs01': 'in_scope', 'tk-ws01': 'suspected' } }));
    expect(notes).toEqual([]);
    expect(suggestions.map((s) => s.key)).toEqual([
      'isolate_hosts:jp-hq',
      'cut_segment_links:tokyo-dc',
      'cut_segment_external:tokyo-office',
      'cut_segment_links:tokyo-office',
      'shutdown_region:emea',
    ]);
    const isolate = suggestions[0]!;
    expect(isolate.plan.rationale).toBe('1 in scope, 1 suspected in jp-hq: tk-fs01, tk-ws01');
    const emea = suggestions.at(-1)!;
    expect(emea.plan.rationale).toContain('reaches emea (uk-ltd, de-gmbh: 4 hosts reachable');
    expect(emea.plan.impact.lostPerHour).toEqual([
      { unit: 'orders', perHour: 120 },
      { unit: 'invoices', perHour: 40 },
    ]);
    expect(planKey(emea.request)).toBe('shutdown_region:emea');
  });

  it('proposes no region shutdown where a host is already in scope, and shuts down entities marked as a whole', () => {
    const { suggestions } = suggestPlans(index, scopeOf({ host: { 'tk-fs01': 'in_scope', 'uk-ws01': 'suspected' }, entity: { 'us-inc': 'suspected' } }));
    const keys = suggestions.map((s) => s.key);
    expect(keys).toContain('isolate_hosts:uk-ltd');
    expect(keys).toContain('shutdown_entity:us-inc');
    expect(keys.filter((k) => k.startsWith('shutdown_region'))).toEqual([]);
  });

  it('leaves out hosts already isolated by a plan, and says so', () => {
    const scope = scopeOf({ host: { 'tk-fs01': 'in_scope', 'tk-ws01': 'suspected' } });
    const { suggestions, notes } = suggestPlans(index, scope, { isolated: new Set(['tk-fs01']) });
    expect(suggestions[0]?.request).toEqual({ kind: 'isolate_hosts', target: { hosts: ['tk-ws01'] } });
    expect(notes).toEqual(['1 host in scope or suspected is isolated already by a running or completed plan']);
    expect(suggestions.map((s) => s.key)).toContain('cut_segment_links:tokyo-dc');
    const none = suggestPlans(index, scope, { isolated: new Set(['tk-fs01', 'tk-ws01']) });
    expect(none.suggestions.map((s) => s.key)).not.toContain('isolate_hosts:jp-hq');
  });

  it('ignores cleared hosts and hosts the estate does not know', () => {
    const { suggestions } = suggestPlans(index, scopeOf({ host: { 'tk-fs01': 'cleared', 'ghost': 'in_scope' } }));
    expect(suggestions).toEqual([]);
  });
});
