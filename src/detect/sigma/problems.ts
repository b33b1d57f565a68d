/**
 * Problems found while loading rules. A rule that cannot be loaded becomes a LoadProblem (file, line, rule id,
 * reason) and the other rules still load.
 */
import { UserError, type Issue } from '../../shared/errors.js';
import type { DocPath } from './types.js';

/** Why one rule (or one file) could not be loaded. */
export interface LoadProblem {
  file: string;
  /** 1-based line of the offending key when known, else of the document. */
  line?: number;
  ruleId?: string;
  reason: string;
  /** How to fix it, when we know. */
  hint?: string;
}

/**
 * Raised while parsing or compiling one rule; `path` points into the YAML document so that the loader can
 * report the line. The caller turns it into a LoadProblem.
 *
 * @example
 * throw ruleError('unknown modifier "containz"', ['detection', 'selection', 'Image|containz']);
 */
export function ruleError(reason: string, path: DocPath = [], hint?: string): UserError {
  const issue: Issue = { field: path.join('.'), message: reason, hint };
  return new UserError('validation_failed', reason, [issue], { path });
}

/** The document path carried by an error from ruleError, if any. */
export function errorPath(error: unknown): DocPath {
  if (error instanceof UserError) {
    const path = error.details['path'];
    if (Array.isArray(path)) return path as DocPath;
  }
  return [];
}

/** The hint carried by an error from ruleError, if any. */
export function errorHint(error: unknown): string | undefined {
  return error instanceof UserError ? error.issues[0]?.hint : undefined;
}

/** The message of any thrown value. */
export function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A LoadProblem as a shared Issue (for CLI and HTTP output).
 *
 * @example
 * formatIssue(problemToIssue(problem)); // 'rules/x.yml:12: unknown modifier ...'
 */
export function problemToIssue(problem: LoadProblem): Issue {
  const rule = problem.ruleId ? ` (rule ${problem.ruleId})` : '';
  return { file: problem.file, line: problem.line, message: `${problem.reason}${rule}`, hint: problem.hint };
}
