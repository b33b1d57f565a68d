/**
 * Response shapes of the detection routes, built from the shared contracts: an alert is an incident event whose
 * payload is the intake `alertSchema` (indicator hits carry `indicator`, correlations `correlation`); a hunt's
 * matches are alerts too; the rule set's status is the engine's statistics, load problems and indicator counts.
 */
import { z } from 'zod';
import { pageSchema } from '../../../src/contracts/common';
import { incidentEventSchema } from '../../../src/contracts/incidents';
import { huntResultSchema } from '../../../src/contracts/intake';
import { alertSchema, type Alert, type AlertLevel } from '../../../src/intake/alert';

export type { Alert, AlertLevel };

/** One `alert.raised` event of an incident's log. */
export const alertEventSchema = incidentEventSchema.extend({ payload: alertSchema });
export type AlertEvent = z.infer<typeof alertEventSchema>;
export const alertPageSchema = pageSchema(alertEventSchema);
export type AlertPage = z.infer<typeof alertPageSchema>;

/** The hunt's answer, with its matches read as alerts (the contract leaves them as records). */
export const huntAnswerSchema = huntResultSchema.extend({ matches: z.array(alertSchema) });
export type HuntAnswer = z.infer<typeof huntAnswerSchema>;
export type RuleCount = HuntAnswer['byRule'][number];

const loadProblemSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  ruleId: z.string().optional(),
  reason: z.string(),
  hint: z.string().optional(),
});

/** The parts of the engine's statistics the hunt page shows (other fields are dropped). */
export const detectStatusSchema = z.object({
  rulePaths: z.array(z.string()),
  stats: z
    .object({
      rules: z.number().int(),
      correlations: z.number().int(),
      filters: z.number().int(),
      byLogsource: z.record(z.string(), z.number().int()),
      unmapped: z.number().int(),
    })
    .nullable(),
  problems: z.array(loadProblemSchema),
  problemCount: z.number().int(),
  /** The indicator sets (configured and uploaded): how many, and indicators per type. */
  indicators: z
    .object({
      sets: z.number().int(),
      total: z.number().int(),
      byType: z.record(z.string(), z.number().int()),
      problemCount: z.number().int(),
    })
    .optional(),
});
export type DetectStatus = z.infer<typeof detectStatusSchema>;
