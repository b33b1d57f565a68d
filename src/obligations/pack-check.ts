/**
 * Checks that zod cannot express field by field: an anchor that needs a condition or a calendar, a clock with
 * neither deadline nor wording, duplicate ids, and (across files) chained clocks that point at missing rules
 * or at each other in a loop.
 */
import { parseDuration } from './duration.js';
import type { PathIssue } from './pack-issues.js';
import type { Anchor, Rule, RulePackFile } from './pack.schema.js';
import type { FieldPath } from '../shared/yaml-source.js';

/**
 * Problems in one parsed file (zod has already accepted its shape).
 *
 * @example
 * checkPackFile(file).map((issue) => issue.message);
 */
export function checkPackFile(file: RulePackFile): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Map<string, number>();
  file.rules.forEach((rule, index) => {
    const at: FieldPath = ['rules', index];
    const first = seen.get(rule.id);
    if (first !== undefined) {
      issues.push({
        path: [...at, 'id'],
        message: `rule id \`${rule.id}\` is used twice (also rules[${first}])`,
        hint: 'give each rule its own id',
      });
    }
    seen.set(rule.id, index);
    issues.push(...checkRule(rule, at));
  });
  return issues;
}

function checkRule(rule: Rule, at: FieldPath): PathIssue[] {
  const issues = rule.clock.anchors.flatMap((anchor, index) =>
    checkAnchor(rule, anchor, [...at, 'clock', 'anchors', index]),
  );
  const durations = rule.clock.anchors.flatMap((anchor) =>
    anchor.after === undefined ? [] : [parseDuration(anchor.after)],
  );
  if (durations.length === 0 && rule.clock.promptly === undefined) {
    issues.push({
      path: [...at, 'clock'],
      message: "the clock has neither a deadline (`after:` on an anchor) nor the law's wording (`promptly:`)",
      hint: 'add `after: 72h` to an anchor, or `promptly: "without undue delay"` when the law gives no figure',
    });
  }
  if (rule.clock.endOfDay && durations.length > 0 && durations.every((duration) => duration?.unit === 'h')) {
    issues.push({
      path: [...at, 'clock', 'endOfDay'],
      message: 'endOfDay applies to day counts, not to hours',
      hint: 'remove `endOfDay`, or count in d, bd or mo',
    });
  }
  if (rule.clock.dueSoon !== undefined && durations.length === 0) {
    issues.push({
      path: [...at, 'clock', 'dueSoon'],
      message: 'dueSoon needs a deadline',
      hint: 'remove `dueSoon` or give an anchor `after:`',
    });
  }
  const { from, until } = rule.inForce ?? {};
  if (from !== undefined && until !== undefined && from > until) {
    issues.push({
      path: [...at, 'inForce', 'until'],
      message: `in force until ${until}, before it starts (${from})`,
      hint: 'swap the dates',
    });
  }
  return issues;
}

interface AnchorCheck {
  fails: (rule: Rule, anchor: Anchor) => boolean;
  field: 'from' | 'rule' | 'after';
  at?: 'key';
  message: string;
  hint: string;
}

const ANCHOR_CHECKS: readonly AnchorCheck[] = [
  {
    fails: (_rule, anchor) => anchor.from === 'report' && anchor.rule === undefined,
    field: 'from',
    message: '`from: report` needs the rule whose report starts this clock',
    hint: 'add `rule: <id of the previous report>`',
  },
  {
    fails: (rule, anchor) => anchor.from === 'report' && anchor.rule === rule.id,
    field: 'rule',
    message: 'a report cannot follow itself',
    hint: 'name the previous report in the chain',
  },
  {
    fails: (_rule, anchor) => anchor.from !== 'report' && (anchor.rule !== undefined || anchor.filing !== undefined),
    field: 'rule',
    at: 'key',
    message: '`rule` and `filing` belong to `from: report` anchors',
    hint: 'remove them, or write `from: report`',
  },
  {
    fails: (rule, anchor) => anchor.after?.endsWith('bd') === true && rule.clock.calendar === undefined,
    field: 'after',
    message: 'business days need a holiday calendar',
    hint: 'add `calendar: us-federal` (or jp-national, gb-eng, de-national) to the clock',
  },
  {
    fails: (rule, anchor) => anchor.from === 'classification' && rule.applies.classified === undefined,
    field: 'from',
    message: '`from: classification` needs the classification it waits for',
    hint: 'add `applies.classified: { regime: dora, as: [major] }`',
  },
  {
    fails: (rule, anchor) => anchor.from === 'determination' && rule.applies.determination === undefined,
    field: 'from',
    message: '`from: determination` needs the determination it waits for',
    hint: "add `applies.determination: <key>` (e.g. the rule's regime)",
  },
];

function checkAnchor(rule: Rule, anchor: Anchor, at: FieldPath): PathIssue[] {
  return ANCHOR_CHECKS.filter((check) => check.fails(rule, anchor)).map((check) => ({
    path: [...at, check.field],
    message: check.message,
    hint: check.hint,
    ...(check.at === undefined ? {} : { at: check.at }),
  }));
}

/** A rule with the file it came from and its index there, for cross-file checks. */
export interface PlacedRule {
  rule: Rule;
  file: string;
  index: number;
}

export interface CrossFileIssue extends PathIssue {
  file: string;
  ruleId: string;
  /** The rule's index in its file. */
  index: number;
}

/**
 * Cross-file problems: ids used in two files, chained clocks that name a missing rule, and loops of chained
 * clocks. Each problem names the rule to drop.
 *
 * @example
 * checkAcrossFiles(placed).map((issue) => issue.ruleId);
 */
export function checkAcrossFiles(placed: readonly PlacedRule[]): CrossFileIssue[] {
  const issues: CrossFileIssue[] = [];
  const byId = new Map<string, PlacedRule>();
  for (const item of placed) {
    const other = byId.get(item.rule.id);
    if (other && other.file !== item.file) {
      issues.push({
        ...where(item, ['id']),
        message: `rule id \`${item.rule.id}\` is also defined in ${other.file}`,
        hint: 'give each rule its own id',
      });
    } else if (!other) byId.set(item.rule.id, item);
  }
  for (const item of placed) {
    item.rule.clock.anchors.forEach((anchor, index) => {
      if (anchor.rule !== undefined && !byId.has(anchor.rule)) {
        issues.push({
          ...where(item, ['clock', 'anchors', index, 'rule']),
          message: `no rule \`${anchor.rule}\` in the pack`,
          hint: 'name a rule of the pack (its file may have been rejected)',
        });
      }
    });
  }
  for (const id of chainCycle(byId)) {
    const item = byId.get(id);
    if (item)
      issues.push({
        ...where(item, ['clock', 'anchors']),
        message: `chained clocks loop back to \`${id}\``,
        hint: 'a chain must start from an awareness, determination, classification or payment anchor',
      });
  }
  return issues;
}

function where(item: PlacedRule, rest: FieldPath): { file: string; ruleId: string; index: number; path: FieldPath } {
  return { file: item.file, ruleId: item.rule.id, index: item.index, path: ['rules', item.index, ...rest] };
}

/** Rule ids that sit on a loop of `from: report` anchors. */
function chainCycle(byId: ReadonlyMap<string, PlacedRule>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const looped = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      for (const member of trail.slice(trail.indexOf(id))) looped.add(member);
      return;
    }
    state.set(id, 'open');
    for (const anchor of byId.get(id)?.rule.clock.anchors ?? []) {
      if (anchor.rule !== undefined && byId.has(anchor.rule)) visit(anchor.rule, [...trail, id]);
    }
    state.set(id, 'done');
  };
  for (const id of byId.keys()) visit(id, []);
  return [...looped].sort();
}
