/** Turns zod validation errors into the project's `Issue` list and `UserError`. */
import type { z } from 'zod';
import { UserError, formatIssue, type Issue } from '../shared/errors.js';

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * One `Issue` per zod issue, with the field as a dotted path (`entities[2]`).
 *
 * @example
 * zodIssues(schema.safeParse(body).error!); // [{ field: 'title', message: 'must not be empty' }]
 */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    return field ? { field, message: issue.message } : { message: issue.message };
  });
}

/**
 * Parses `value` with `schema`, or throws `UserError('validation_failed')` whose message starts with `what` and
 * names the first problem, and whose issues list every problem.
 *
 * @example
 * parseOrThrow(openIncidentInputSchema, body, 'cannot open the incident');
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new UserError('validation_failed', `${what}: ${first ? formatIssue(first) : 'invalid input'}${more}`, issues);
}
