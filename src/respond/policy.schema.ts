/**
 * The approval policy format (YAML, see `content/policies/default.yaml` and the README): which plans need
 * which approvals, how long an approval counts, and who may break the glass. Types derive from the schema.
 */
import { z } from 'zod';
import { PLAN_KINDS } from './types.js';

/** Roles a policy may name (the server's roles; viewers never approve). */
export const POLICY_ROLES = ['responder', 'entity_lead', 'commander', 'admin'] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

/**
 * Where an approver's entities must reach: `entity` every entity of the plan, `region` every entity of the
 * plan's regions (the region's lead), `any` no entity condition (the role alone).
 */
export const APPROVAL_SCOPES = ['entity', 'region', 'any'] as const;
export type ApprovalScope = (typeof APPROVAL_SCOPES)[number];

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;

export const DURATION_HINT = 'write a whole number and a unit: m (minutes), h (hours) or d (days), e.g. 30m, 4h, 1d';

/** `30m`, `4h`, `1d` (at most 30 days). */
export const policyDurationSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,4}(m|h|d)$/, DURATION_HINT)
  .refine((text) => durationMs(text) <= 30 * 86_400_000, { error: 'at most 30d' });

/**
 * Milliseconds of a policy duration.
 *
 * @example
 * durationMs('4h'); // 14_400_000
 */
export function durationMs(text: string): number {
  const match = /^([0-9]+)(m|h|d)$/.exec(text);
  if (!match) return Number.NaN;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and "-", e.g. region-lead');

export const approvalRequirementSchema = z
  .object({
    /** Shown to people: "needs: region-lead". Unique within its rule. */
    name,
    /** Any of these roles may fill it. */
    roles: z.array(z.enum(POLICY_ROLES)).min(1),
    scope: z.enum(APPROVAL_SCOPES),
    /** Also filled by the incident's named commander, whatever their role. */
    incidentCommander: z.boolean().default(false),
    description: z.string().min(1).optional(),
  })
  .strict();
export type ApprovalRequirement = z.output<typeof approvalRequirementSchema>;

/** Extra conditions of a rule; every one given must hold. */
export const ruleConditionsSchema = z
  .object({
    minHosts: z.number().int().nonnegative().optional(),
    maxHosts: z.number().int().nonnegative().optional(),
    /** The plan affects at least one host of one of these criticalities. */
    criticality: z.array(z.enum(CRITICALITIES)).min(1).optional(),
    /** The plan touches more than one entity. */
    multiEntity: z.boolean().optional(),
  })
  .strict();
export type RuleConditions = z.output<typeof ruleConditionsSchema>;

export const policyRuleSchema = z
  .object({
    name,
    description: z.string().min(1).optional(),
    kinds: z.array(z.enum(PLAN_KINDS)).min(1),
    when: ruleConditionsSchema.optional(),
    /** Every requirement must be filled, each by a different person. */
    approvals: z.array(approvalRequirementSchema).min(1).max(5),
  })
  .strict();
export type PolicyRule = z.output<typeof policyRuleSchema>;

export const breakGlassSchema = z
  .object({
    roles: z.array(z.enum(POLICY_ROLES)).min(1),
    minReasonLength: z.number().int().min(1).max(2000).default(20),
  })
  .strict();

export const policyFileSchema = z
  .object({
    format: z.literal(1),
    name,
    version: z.string().min(1),
    description: z.string().min(1).optional(),
    /** How long an approval counts; a plan not fully approved by then needs it again. */
    approvalTtl: policyDurationSchema,
    /** A plan still awaiting approval after this long expires. */
    proposalTtl: policyDurationSchema.default('24h'),
    /** First matching rule wins (file order). */
    rules: z.array(policyRuleSchema).min(1),
    /** Absent: nobody may break the glass. */
    breakGlass: breakGlassSchema.optional(),
  })
  .strict();
export type Policy = z.output<typeof policyFileSchema>;
