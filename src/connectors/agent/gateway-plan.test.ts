import { describe, expect, it } from 'vitest';
import type { EstateDocument } from '../../estate/schema.js';
import { gatewaysOf, planGatewayCommand, type GatewayAction } from './gateway-plan.js';

const doc = {
  segments: [
    { id: 'office', cidrs: ['10.1.0.0/16'] },
    { id: 'dc', cidrs: ['10.2.0.0/16', '10.3.0.0/16'] },
    { id: 'lab', cidrs: ['10.9.0.0/16'] },
  ],
  hosts: [
    { hostname: 'gw-b', segment: 'dc', tags: ['gateway-for:office'] },
    { hostname: 'gw-a', segment: 'office', tags: ['gateway'] },
    { hostname: 'ws1', segment: 'office', tags: [] },
    { hostname: 'gw-dc', segment: 'lab', tags: ['gateway'] },
  ],
} as unknown as EstateDocument;

const cut = (args: Record<string, unknown>, ref = 'office', operation = 'cut'): GatewayAction => ({ operation, args, target: { kind: 'segment', ref }, planId: 'INC-0001-P-0001', actionId: 'a0001' });

describe('gateway plan', () => {
  it('finds the gateways tagged for the segment or inside it, a redundant pair included', () => {
    expect(gatewaysOf(doc, 'office')).toEqual(['gw-a', 'gw-b']);
    expect(gatewaysOf(doc, 'dc')).toEqual([]);
  });

  it('builds the cut with the segment, its peers and the whole estate as internal; the restore names the same cut', () => {
    const plan = planGatewayCommand(doc, cut({ external: true, peers: ['dc'] }));
    expect(plan).toMatchObject({ ok: true, type: 'segment_cut', gateways: ['gw-a', 'gw-b'], args: { segment: 'office', cidrs: ['10.1.0.0/16'], peers: ['10.2.0.0/16', '10.3.0.0/16'], external: true } });
    expect(plan.ok && plan.args['internal']).toEqual(['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '10.9.0.0/16']);
    const restore = planGatewayCommand(doc, cut({ external: true, peers: ['dc'] }, 'office', 'restore'));
    expect(restore).toMatchObject({ ok: true, type: 'segment_restore', args: { cutId: plan.ok ? plan.cutId : '' } });
    expect(plan.ok && plan.cutId).toMatch(/^fb[0-9a-f]{30}$/);
  });

  it('says why there is no cut, with a hint where one helps', () => {
    expect(planGatewayCommand(doc, cut({ external: true }, 'dc'))).toMatchObject({ ok: false, code: 'no_gateway', message: expect.stringContaining('HINT') });
    expect(planGatewayCommand(doc, cut({ external: true }, 'mars'))).toMatchObject({ ok: false, code: 'unknown_segment' });
    expect(planGatewayCommand(doc, cut({ peers: ['office'] }))).toMatchObject({ ok: false, code: 'invalid_args' });
    expect(planGatewayCommand(doc, cut({}))).toMatchObject({ ok: false, code: 'invalid_args', message: expect.stringContaining('external: true or at least one peer') });
    expect(planGatewayCommand(doc, cut({ external: 'yes' }))).toMatchObject({ ok: false, code: 'invalid_args', message: expect.stringContaining('args.external') });
    expect(planGatewayCommand(doc, cut({ segment: 'dc', external: true }))).toMatchObject({ ok: false, code: 'invalid_args' });
    expect(planGatewayCommand(doc, { ...cut({}), operation: 'open' })).toMatchObject({ ok: false, code: 'unsupported_operation' });
  });
});
