import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEstateIndex } from '../estate/graph/index.js';
import { checkApproval, evaluateApprovals } from './approvals.js';
import type { ApprovalContext, ApprovalRecord, ApproverInfo, ReasonedRecord } from './approvals.types.js';
import { buildPlan } from './planner.build.js';
import { parsePolicy } from './policy.parse.js';
import { estate2021 } from './respond.testing.js';

const parsed = parsePolicy(readFileSync(new URL('../../content/policies/default.yaml', import.meta.url), 'utf8'), 'default.yaml');
if (!parsed.ok) throw new Error('default policy does not load');
const policy = parsed.policy;
const index = buildEstateIndex(estate2021());
const NOW = new Date('2021-06-02T10:00:00Z');
const LATER = '2021-06-02T14:00:00.000Z';

const PEOPLE: Record<string, ApproverInfo> = {
  cora: { username: 'cora', role: 'commander', entities: '*' },
  rob: { username: 'rob', role: 'responder', entities: '*' },
  ria: { username: 'ria', role: 'responder', entities: ['jp-hq'] },
  'uk-lead': { username: 'uk-lead', role: 'entity_lead', entities: ['uk-ltd'] },
  'emea-lead': { username: 'emea-lead', role: 'entity_lead', entities: ['uk-ltd', 'de-gmbh'] },
  'jp-lead': { username: 'jp-lead', role: 'entity_lead', entities: ['jp-hq'] },
};

function approval(by: string, expiresAt = LATER, at = '2021-06-02T09:00:00.000Z'): ApprovalRecord {
  const who = PEOPLE[by]!;
  return { by, at, expiresAt, role: who.role, entities: who.entities };
}

function reasoned(by: string, reason: string, at = '2021-06-02T09:30:00.000Z'): ReasonedRecord {
  const who = PEOPLE[by]!;
  return { by, at, reason, role: who.role, entities: who.entities };
}

const ctx = (requester: string, approvals: ApprovalRecord[], extra: Partial<ApprovalContext> = {}): ApprovalContext => ({
  requester,
  approvals,
  now: NOW,
  regionEntities: { emea: ['uk-ltd', 'de-gmbh'], apac: ['jp-hq'] },
  ...extra,
});

const isolate = buildPlan({ kind: 'isolate_hosts', target: { hosts: ['tk-ws01'] } }, index);
const cutTokyo = buildPlan({ kind: 'cut_segment_external', target: { segment: 'tokyo-office' } }, index);
const emea = buildPlan({ kind: 'shutdown_region', target: { region: 'emea' } }, index);

describe('evaluateApprovals', () => {
  it('never lets the requester approve alone', () => {
    const alone = evaluateApprovals(isolate, policy, ctx('rob', [approval('rob')]));
    expect(alone).toMatchObject({ outcome: 'pending', satisfied: false, rule: 'isolate-few-hosts' });
    expect(alone.ignored).toEqual([expect.objectContaining({ by: 'rob', reason: 'the requester cannot approve alone: someone else must approve this plan' })]);
    const other = evaluateApprovals(isolate, policy, ctx('rob', [approval('rob'), approval('ria')]));
    expect(other).toMatchObject({ outcome: 'satisfied', satisfied: true });
    expect(other.requirements[0]).toMatchObject({ name: 'entity-responder', by: 'ria', satisfied: true });
  });

  it('does not count expired approvals', () => {
    const result = evaluateApprovals(isolate, policy, ctx('rob', [approval('ria', '2021-06-02T09:59:59.000Z')]));
    expect(result.satisfied).toBe(false);
    expect(result.ignored[0]?.reason).toBe('expired at 2021-06-02T09:59:59.000Z');
  });

  it('refuses approvers without the role or outside the entity', () => {
    const result = evaluateApprovals(cutTokyo, policy, ctx('rob', [approval('uk-lead'), approval('ria')]));
    expect(result.satisfied).toBe(false);
    expect(result.ignored.map((x) => x.reason)).toEqual(["uk-lead's entities do not include jp-hq", 'ria is responder; needs entity_lead']);
    expect(result.requirements[0]?.why).toBe('waiting for entity_lead of jp-hq');
    expect(evaluateApprovals(cutTokyo, policy, ctx('rob', [approval('jp-lead')])).satisfied).toBe(true);
  });

  it('needs the commander and the lead of the whole region, two different people, for a region shutdown', () => {
    const partial = evaluateApprovals(emea, policy, ctx('cora', [approval('cora'), approval('uk-lead')]));
    expect(partial.satisfied).toBe(false);
    expect(partial.requirements.map((r) => [r.name, r.by, r.satisfied])).toEqual([
      ['incident-commander', 'cora', false],
      ['region-lead', null, false],
    ]);
    expect(partial.requirements[0]?.why).toContain('counts once someone else approves');
    expect(partial.ignored[0]?.reason).toBe('uk-lead does not cover region emea (missing de-gmbh)');
    const done = evaluateApprovals(emea, policy, ctx('cora', [approval('cora'), approval('emea-lead')]));
    expect(done).toMatchObject({ outcome: 'satisfied', summary: 'approved (incident-commander: cora, region-lead: emea-lead)', expiresAt: LATER });
  });

  it('lets one person fill one requirement only, even as the named incident commander', () => {
    const result = evaluateApprovals(emea, policy, ctx('rob', [approval('emea-lead')], { incidentCommander: 'emea-lead' }));
    expect(result.satisfied).toBe(false);
    expect(result.requirements.filter((r) => r.by === 'emea-lead')).toHaveLength(1);
    expect(result.requirements.find((r) => r.by === null)?.why).toBe('emea-lead already fills another requirement (one person fills one)');
    const two = evaluateApprovals(emea, policy, ctx('rob', [approval('emea-lead'), approval('cora')], { incidentCommander: 'emea-lead' }));
    expect(two.satisfied).toBe(true);
  });

  it('ends the plan on a rejection by someone who could approve, and ignores others', () => {
    expect(evaluateApprovals(cutTokyo, policy, ctx('rob', [], { rejections: [reasoned('rob', 'no')] })).outcome).toBe('pending');
    const rejected = evaluateApprovals(cutTokyo, policy, ctx('rob', [approval('jp-lead')], { rejections: [reasoned('jp-lead', 'breaks the factory line')] }));
    expect(rejected).toMatchObject({ outcome: 'rejected', satisfied: false, rejectedBy: { by: 'jp-lead', reason: 'breaks the factory line' } });
  });

  it('runs at once on a valid break-glass, and not on an invalid one', () => {
    const reason = 'ransomware spreading to EMEA file servers now';
    expect(evaluateApprovals(emea, policy, ctx('cora', [], { breakGlass: [reasoned('cora', reason)] }))).toMatchObject({ outcome: 'break_glass', satisfied: true, breakGlass: { by: 'cora', reason } });
    expect(evaluateApprovals(emea, policy, ctx('cora', [], { breakGlass: [reasoned('rob', reason)] })).satisfied).toBe(false);
    expect(evaluateApprovals(emea, policy, ctx('cora', [], { breakGlass: [reasoned('cora', 'now')] })).satisfied).toBe(false);
  });

  it('stops counting approvals of people since disabled or moved', () => {
    const principalsInfo = new Map([['ria', { ...PEOPLE['ria']!, disabled: true }]]);
    const result = evaluateApprovals(isolate, policy, ctx('rob', [approval('ria')], { principalsInfo }));
    expect(result.ignored[0]?.reason).toBe("ria's account is disabled");
  });
});

describe('checkApproval', () => {
  it('says whether an approval would count, and which requirement it fills', () => {
    expect(checkApproval(isolate, policy, ctx('rob', []), PEOPLE['rob']!, LATER)).toEqual({ ok: false, reason: 'the requester cannot approve alone: someone else must approve this plan' });
    expect(checkApproval(emea, policy, ctx('cora', []), PEOPLE['cora']!, LATER)).toEqual({ ok: true, requirement: 'incident-commander' });
    expect(checkApproval(emea, policy, ctx('cora', [approval('cora')]), PEOPLE['cora']!, LATER)).toEqual({ ok: false, reason: 'cora has already approved this plan' });
    expect(checkApproval(emea, policy, ctx('cora', [approval('cora')]), PEOPLE['emea-lead']!, LATER)).toEqual({ ok: true, requirement: 'region-lead' });
    expect(checkApproval(isolate, policy, ctx('cora', [approval('ria')]), PEOPLE['rob']!, LATER)).toMatchObject({ ok: false, reason: expect.stringContaining('nothing left for rob') });
  });
});
