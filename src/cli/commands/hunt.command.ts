/**
 * `firebreak hunt --rules DIR PATH...`: sweep collected logs with Sigma rules (and their correlations, on the
 * events' own clock across all files in the order given) and indicators, offline (no server needed).
 *
 * Exit codes: 0 finished (with or without detections); 1 nothing to run (no rule loaded, no event file found);
 * 2 wrong usage; 4 a detection at or above `--fail-on LEVEL`.
 */
import type { Command } from 'commander';
import {
  compileRules,
  Detector,
  IndicatorIndex,
  matchEvent,
  normaliseEvent,
  readEventFile,
  readIndicatorFile,
  readRuleSources,
  type EventFileProblem,
  type Indicator,
} from '../../detect/index.js';
import { distinctHits, levelRank, type AlertLevel } from '../../intake/index.js';
import { formatIssue, UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { findEventFiles } from '../event-files.js';
import { ExitCode } from '../exit.js';
import { fixedRow, table } from '../output.js';
import { Progress } from '../progress.js';
import { COLUMNS, detectionRow, indicatorRow, WIDTHS, type Detection } from './hunt.rows.js';

interface HuntOptions {
  rules: string[];
  ioc?: string[];
  failOn?: string;
  minLevel: string;
  max: string;
}

const LEVELS: AlertLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];
const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseLevel(value: string, option: string): AlertLevel {
  if (!LEVELS.includes(value as AlertLevel)) throw new UserError('invalid_input', `${option}: unknown level "${value}"`, [], { hint: `use one of ${LEVELS.join(', ')}` });
  return value as AlertLevel;
}

export function registerHunt(program: Command, ctx: CliContext): void {
  program
    .command('hunt')
    .description('sweep event files (JSON lines, gzip, evtx_dump JSON; folders walked) with Sigma rules, correlations and indicators, offline')
    .argument('<paths...>', 'event files or folders')
    .requiredOption('--rules <dir>', 'Sigma rule folder or file (repeatable)', collect)
    .option('--ioc <file>', 'indicators: STIX 2.1 bundle, MISP event or feed, or CSV (repeatable)', collect)
    .option('--min-level <level>', 'report detections at or above this level', 'informational')
    .option('--fail-on <level>', 'exit 4 when a detection at or above this level is found')
    .option('--max <n>', 'print at most this many detections (the summary counts all)', '1000')
    .action(async (paths: string[], opts: HuntOptions) => {
      const minLevel = parseLevel(opts.minLevel, '--min-level');
      const failOn = opts.failOn === undefined ? undefined : parseLevel(opts.failOn, '--fail-on');
      const { engine, problems } = compileRules(await readRuleSources(opts.rules));
      reportRuleProblems(ctx, problems.length, problems.slice(0, 10).map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`));
      if (engine.rules.length + engine.correlations.length === 0) throw new UserError('invalid_input', `no rule could be loaded from ${opts.rules.join(', ')}`, [], { hint: 'point --rules at a folder of Sigma YAML rules' });
      const iocs = opts.ioc ? await loadIndicators(ctx, opts.ioc) : undefined;
      const files = await findEventFiles(paths);
      if (files.length === 0) throw new UserError('invalid_input', `no event files (.json, .jsonl, .ndjson, optionally .gz) under ${paths.join(', ')}`);
      const tally = await sweep(ctx, engine, files, { minLevel, max: Number(opts.max), iocs });
      printSummary(ctx, tally, engine.rules.length, engine.correlations.length);
      if (failOn && tally.detections.some((d) => levelRank(d.level) >= levelRank(failOn))) throw new ExitCode(4);
    });
}

/** Loads indicator files into one index; entries that cannot be read are named on stderr and skipped. */
async function loadIndicators(ctx: CliContext, files: readonly string[]): Promise<IndicatorIndex> {
  const all: Indicator[] = [];
  for (const file of files) {
    const { indicators, problems } = await readIndicatorFile(file);
    all.push(...indicators);
    for (const problem of problems.slice(0, 10)) ctx.out.err(`  ${formatIssue(problem)}`);
    if (problems.length > 10) ctx.out.err(`  ... and ${problems.length - 10} more problems in ${file}`);
  }
  if (all.length === 0) throw new UserError('invalid_input', `no indicator could be read from ${files.join(', ')}`, [], { hint: 'pass a STIX 2.1 bundle, a MISP event or feed, or a CSV with a type,value header' });
  ctx.out.err(`${all.length} indicators loaded from ${files.length} file(s)`);
  return IndicatorIndex.from(all);
}

function reportRuleProblems(ctx: CliContext, count: number, first: string[]): void {
  if (count === 0) return;
  ctx.out.err(`${count} rule(s) could not be loaded and were skipped:`);
  for (const line of first) ctx.out.err(`  ${line}`);
  if (count > first.length) ctx.out.err(`  ... and ${count - first.length} more`);
}

interface Tally {
  files: number;
  events: number;
  problems: EventFileProblem[];
  detections: { id: string; title: string; level: AlertLevel; author: string; count: number }[];
  seconds: number;
}

async function sweep(ctx: CliContext, engine: ReturnType<typeof compileRules>['engine'], files: string[], opts: { minLevel: AlertLevel; max: number; iocs: IndicatorIndex | undefined }): Promise<Tally> {
  const started = performance.now();
  const byRule = new Map<string, Tally['detections'][number]>();
  const progress = new Progress(files.length);
  const tally: Tally = { files: files.length, events: 0, problems: [], detections: [], seconds: 0 };
  const detector = new Detector(engine);
  const now = Date.now();
  let printed = 0;
  const json = ctx.json();
  if (!json) ctx.out.out(fixedRow(COLUMNS, WIDTHS));
  const report = (found: Detection, file: string) => {
    const { row } = found;
    if (levelRank(row.level) < levelRank(opts.minLevel)) return;
    const entry = byRule.get(found.id) ?? { id: found.id, title: row.rule, level: row.level, author: row.author, count: 0 };
    entry.count += 1;
    byRule.set(found.id, entry);
    if (printed++ >= opts.max) return;
    if (json) ctx.out.out(JSON.stringify({ ...found.json, file }));
    else ctx.out.out(fixedRow(Object.values(row), WIDTHS));
  };
  let file = '';
  for (const [i, current] of files.entries()) {
    file = current;
    const result = await readEventFile(file, (event) => {
      for (const alert of detector.push(event)) report(detectionRow(alert), file);
      if (!opts.iocs) return;
      const record = normaliseEvent(event);
      if (!record) return;
      for (const hit of distinctHits(matchEvent(opts.iocs, record, { now }))) report(indicatorRow(hit, record, event), file);
    });
    tally.events += result.events;
    tally.problems.push(...result.problems);
    progress.update(i + 1, `${tally.events} events, ${printed} detections`);
  }
  for (const alert of detector.flush()) report(detectionRow(alert), file);
  progress.done();
  tally.detections = [...byRule.values()].sort((a, b) => levelRank(b.level) - levelRank(a.level) || b.count - a.count);
  tally.seconds = (performance.now() - started) / 1000;
  return tally;
}

function printSummary(ctx: CliContext, t: Tally, rules: number, correlations: number): void {
  const total = t.detections.reduce((n, d) => n + d.count, 0);
  if (ctx.json()) {
    ctx.out.err(JSON.stringify({ summary: { files: t.files, events: t.events, rules, correlations, detections: total, skipped: t.problems.length, byRule: t.detections } }));
    return;
  }
  const levels = LEVELS.map((l) => [l, t.detections.filter((d) => d.level === l).reduce((n, d) => n + d.count, 0)] as const).filter(([, n]) => n > 0);
  ctx.out.out('');
  ctx.out.out(`Swept ${t.events} events in ${t.files} files with ${rules} rules${correlations > 0 ? ` and ${correlations} correlations` : ''} in ${t.seconds.toFixed(1)} s: ${total} detections (${levels.map(([l, n]) => `${n} ${l}`).join(', ') || 'none'})`);
  if (t.detections.length > 0) ctx.out.out(table(t.detections, ['level', 'count', 'title', 'author']));
  if (t.problems.length > 0) {
    ctx.out.err(`${t.problems.length} line(s) or file(s) skipped:`);
    for (const p of t.problems.slice(0, 10)) ctx.out.err(`  ${p.file}:${p.line}: ${p.reason}`);
  }
}
