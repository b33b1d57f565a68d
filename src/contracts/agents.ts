/** API contract for agents: enrolment tokens, agents, commands. Shared by the server and the CLI. */
import { z } from 'zod';
import { COMMAND_STATES } from '../agent/protocol/command.js';
import { pageSchema } from './common.js';

const DURATION = /^(\d+)([smhd])$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `90s`, `30m`, `24h`, `7d` to seconds, or undefined. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

export const createEnrolmentTokenSchema = z
  .object({
    host: z.string().min(1).max(255).optional(),
    /** `24h` (the default), `30m`, `7d`: at most 30 days. */
    expires: z
      .string()
      .max(10)
      .refine((v) => {
        const s = parseDuration(v);
        return s !== undefined && s >= 60 && s <= 30 * 86400;
      }, 'expected a duration from 1m to 30d such as 24h, 30m or 7d')
      .default('24h'),
  })
  .strict();

export const enrolmentTokenSchema = z.object({
  id: z.string(),
  host: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  agentId: z.string().nullable(),
});

export const createdEnrolmentTokenSchema = enrolmentTokenSchema.extend({ token: z.string() });

export const agentSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  online: z.boolean(),
  enrolledAt: z.string(),
  version: z.string().nullable(),
  os: z.string().nullable(),
  ips: z.array(z.string()),
  isolation: z.record(z.string(), z.unknown()).nullable(),
  lastSeenAt: z.string().nullable(),
  connectedAt: z.string().nullable(),
  lastRejection: z.record(z.string(), z.unknown()).nullable(),
  /** The estate host this agent reports for, when one has its hostname. */
  entity: z.string().nullable(),
});

const reasonSchema = z.object({ code: z.string(), message: z.string() });

export const agentCommandSchema = z.object({
  id: z.string(),
  agentId: z.string(),
  seq: z.number().nullable(),
  type: z.string(),
  args: z.record(z.string(), z.unknown()),
  state: z.enum(COMMAND_STATES),
  reason: reasonSchema.nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  expiresAt: z.string(),
  deadlineAt: z.string(),
  updatedAt: z.string(),
  history: z.array(
    z.object({ state: z.enum(COMMAND_STATES), at: z.string(), reason: reasonSchema.optional(), evidence: z.record(z.string(), z.unknown()).optional(), by: z.string().optional() }),
  ),
});

export const requestCommandSchema = z
  .object({
    type: z.string().min(1).max(64),
    args: z.record(z.string(), z.unknown()).default({}),
    /** How long the agent may still accept it (default 300 s). */
    ttlSeconds: z.number().int().min(5).max(86400).optional(),
  })
  .strict();

export const agentIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const agentListSchema = z.object({ items: z.array(agentSchema) });
export const agentCommandPageSchema = pageSchema(agentCommandSchema);
export const tokenListSchema = z.object({ items: z.array(enrolmentTokenSchema) });

export type AgentView = z.infer<typeof agentSchema>;
export type AgentCommandView = z.infer<typeof agentCommandSchema>;
