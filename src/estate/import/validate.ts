/**
 * Validation of a parsed estate file against the estate it will merge into. Every problem is collected
 * (never only the first), located to its line and column, and comes with a hint.
 */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument } from '../schema.js';
import { checkCycles } from './checks/cycles.js';
import type { CheckContext } from './checks/context.js';
import { checkDuplicates } from './checks/duplicates.js';
import { checkNetwork } from './checks/network.js';
import { checkReferences } from './checks/references.js';
import { checkShape } from './shape.js';
import type { IncomingItems } from './shape.js';
import { formatPath } from './types.js';
import type { PathIssue, SourceMap } from './types.js';

/** A valid incoming document, or every problem found in the file. */
export type ValidationResult = { ok: true; document: EstateDocument } | { ok: false; issues: Issue[] };

/**
 * Validates raw data read from `file`: schema (types, unknown and missing fields), references resolved
 * against `existing` + the file, duplicates, IPs and CIDRs, self-links and dependency cycles.
 *
 * @example
 * const parsed = parseEstateFile(text, 'estate.yaml');
 * if (parsed.ok) validateEstateData(parsed.data, parsed.file, parsed.sourceMap, emptyEstate());
 */
export function validateEstateData(
  data: unknown,
  file: string,
  sourceMap: SourceMap,
  existing: EstateDocument,
): ValidationResult {
  const shape = checkShape(data);
  const context: CheckContext = {
    candidates: shape.candidates,
    declared: shape.declared,
    existing,
    lineOf: (path) => sourceMap.locate(path)?.line,
  };
  const problems = [
    ...shape.problems,
    ...checkDuplicates(context),
    ...checkReferences(context),
    ...checkNetwork(context),
    ...checkCycles(context),
  ];
  if (problems.length > 0)
    return { ok: false, issues: sortIssues(problems.map((problem) => toIssue(problem, file, sourceMap))) };
  return { ok: true, document: toDocument(shape.items) };
}

function toIssue(problem: PathIssue, file: string, sourceMap: SourceMap): Issue {
  const location = sourceMap.locate(problem.path, problem.at);
  const issue: Issue = { file, message: problem.message, hint: problem.hint };
  if (location !== undefined) {
    issue.line = location.line;
    issue.column = location.column;
  }
  if (problem.path.length > 0) issue.field = formatPath(problem.path);
  return issue;
}

/** Orders issues by position in the file; issues without a position keep their order, last. */
function sortIssues(issues: Issue[]): Issue[] {
  const key = (issue: Issue): [number, number] => [issue.line ?? Infinity, issue.column ?? Infinity];
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort((a, b) => {
      const [lineA, columnA] = key(a.issue);
      const [lineB, columnB] = key(b.issue);
      return lineA - lineB || columnA - columnB || a.order - b.order;
    })
    .map(({ issue }) => issue);
}

function toDocument(items: IncomingItems): EstateDocument {
  const values = <K extends keyof IncomingItems>(kind: K): EstateDocument[K] =>
    items[kind].map(({ value }) => value) as EstateDocument[K];
  return {
    version: 1,
    regions: values('regions'),
    entities: values('entities'),
    sites: values('sites'),
    segments: values('segments'),
    links: values('links'),
    hosts: values('hosts'),
    services: values('services'),
    dataStores: values('dataStores'),
  };
}
