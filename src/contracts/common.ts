/** Shapes shared by every API contract: errors and paging. */
import { z } from 'zod';

export const issueSchema = z.object({
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
});

/** Every 4xx/5xx body: `{ error: { code, message, issues, details } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(issueSchema).default([]),
    details: z.record(z.string(), z.unknown()).default({}),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const pagingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A comma-separated list in a query string: `?state=contain,recover`. */
export const csvListSchema = z
  .string()
  .max(2000)
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
