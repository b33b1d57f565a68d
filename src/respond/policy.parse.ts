/**
 * Reading an approval policy file: YAML text in, a validated policy or every problem out, each with file,
 * line, column, field and a hint. The YAML reading and field location are the estate importer's
 * (`parseEstateFile`), and zod problems are described by its `zodIssues`, so policies read like estates.
 */
import { formatPath, parseEstateFile, type FieldPath } from '../estate/index.js';
// Shared with the estate importer: fix-oriented descriptions of zod problems (unknown fields, enums, types).
import { zodIssues } from '../estate/import/zod-issues.js';
import type { Issue } from '../shared/errors.js';
import { checkPolicy, type PolicyProblem } from './policy.check.js';
import { policyFileSchema, type Policy } from './policy.schema.js';

/** A loaded policy and where it came from (recorded with every plan). */
export interface LoadedPolicy {
  policy: Policy;
  source: { file: string; name: string; version: string };
}

export type ParsedPolicy = ({ ok: true } & LoadedPolicy) | { ok: false; file: string; issues: Issue[] };

/** zod reports a missing enum field as an empty value that is not one of the options: say it is missing. */
function missingInstead(problem: PolicyProblem, raw: unknown): PolicyProblem {
  let value = raw;
  for (const part of problem.path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[part] : undefined;
  if (value !== undefined || problem.at === 'key' || problem.message.startsWith('missing')) return problem;
  const name = String(problem.path[problem.path.length - 1] ?? 'value');
  return { ...problem, message: `missing required field \`${name}\``, hint: `add \`${name}: ...\`; ${problem.hint}` };
}

type Locate = (path: FieldPath, at?: 'key' | 'value') => { line: number; column: number } | undefined;

function located(file: string, problem: PolicyProblem, locate: Locate): Issue {
  const position = locate(problem.path, problem.at);
  return { file, line: position?.line, column: position?.column, field: formatPath(problem.path) || undefined, message: problem.message, hint: problem.hint };
}

/**
 * Parses and validates a policy file.
 *
 * @example
 * const parsed = parsePolicy(text, 'default.yaml');
 * if (!parsed.ok) parsed.issues.map(formatIssue);
 * // ['default.yaml:12:14 field `rules[1].kinds[0]`: "shutdown" is not one of isolate_hosts, ... HINT: use one of: ...']
 */
export function parsePolicy(text: string, file: string): ParsedPolicy {
  const parsed = parseEstateFile(text, file, 'yaml');
  if (!parsed.ok) return { ok: false, file, issues: parsed.issues };
  const locate: Locate = (path, at) => parsed.sourceMap.locate(path, at);
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return { ok: false, file, issues: [{ file, line: 1, column: 1, message: 'the policy must be a mapping of fields', hint: 'start with `format: 1`, then `name:`, `version:`, `approvalTtl:` and `rules:`' }] };
  }
  const result = policyFileSchema.safeParse(parsed.data);
  if (!result.success) {
    const problems = zodIssues(result.error, parsed.data, policyFileSchema, []).map((problem) => missingInstead(problem, parsed.data));
    return { ok: false, file, issues: problems.map((problem) => located(file, problem, locate)) };
  }
  const problems = checkPolicy(result.data);
  if (problems.length > 0) return { ok: false, file, issues: problems.map((problem) => located(file, problem, locate)) };
  return { ok: true, policy: result.data, source: { file, name: result.data.name, version: result.data.version } };
}
