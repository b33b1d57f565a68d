/**
 * Sigma evaluation speed: all SigmaHQ Windows rules (product windows under rules/, rules-emerging-threats/ and
 * rules-threat-hunting/) over every OTRF event file, against the baseline of reading, gunzipping and parsing
 * the same files. Goal: b/a >= 0.5 (the engine costs no more than the parsing). Single core, one run.
 *
 * Both wall-clock and CPU time (user + system of this process, helper threads included) are reported: on a
 * shared machine the wall clock also measures the neighbours. Time in garbage collection pauses is shown too.
 * Each path gets one unmeasured warm-up pass (JIT), then one measured run. (a) runs before the rules are
 * loaded, so that the collector's extra work on a heap holding the rule set counts against (b), not (a).
 */
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { compileRules, forEachJsonLine, readRuleSources, type Engine } from '../src/detect/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(process.env['FIREBREAK_SHARED_DATA'] ?? path.join(here, '..', '..', 'shared', 'data'));
const TREES = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let gcTotal = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcTotal += entry.duration;
}).observe({ entryTypes: ['gc'] });

/** True when the file's top-level `logsource:` block says `product: windows`. */
function isWindowsRule(text: string): boolean {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('logsource:'));
  for (let i = start + 1; start >= 0 && i < lines.length && /^(\s|$)/.test(lines[i]!); i += 1) {
    if (/^\s+product:\s*windows\s*$/.test(lines[i]!)) return true;
  }
  return false;
}

/** Heap plus typed-array memory (the prefilter tables live outside the JS heap), after a full collection. */
function memoryMb(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.arrayBuffers) / 1e6;
}

async function loadRules(): Promise<{ engine: Engine; files: number; problems: number; ms: number; memoryMb: number }> {
  const all = await readRuleSources(TREES.map((t) => path.join(DATA, 'sigma', t)));
  const sources = all.filter((s) => isWindowsRule(s.text));
  const before = memoryMb();
  const start = performance.now();
  const { engine, problems } = compileRules(sources);
  const ms = performance.now() - start;
  return { engine, files: sources.length, problems: problems.length, ms, memoryMb: memoryMb() - before };
}

interface Pass {
  name: string;
  events: number;
  bytes: number;
  ms: number;
  cpuMs: number;
  gcMs: number;
  matches: number;
}

async function pass(name: string, files: readonly string[], evaluate: ((event: unknown) => number) | undefined): Promise<Pass> {
  let events = 0;
  let bytes = 0;
  let matches = 0;
  const onEvent = evaluate ? (value: unknown): void => void (matches += evaluate(value)) : (): void => undefined;
  const gcBefore = gcTotal;
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (const file of files) {
    const buffer = gunzipSync(await readFile(file));
    bytes += buffer.length;
    events += forEachJsonLine(buffer, onEvent, () => undefined);
  }
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - start;
  await new Promise((resolve) => setImmediate(resolve)); // let the GC observer report
  return { name, events, bytes, ms, cpuMs: (used.user + used.system) / 1000, gcMs: gcTotal - gcBefore, matches };
}

const rate = (events: number, ms: number): number => events / (ms / 1000);
const HEADER = ['pass'.padEnd(44), 'events', 'wall ms', ' cpu ms', 'ev/s wall', ' ev/s cpu', 'b/a wall', ' b/a cpu', ' gc ms'].join(' ');

function row(p: Pass, base: Pass): string {
  const wall = rate(p.events, p.ms);
  const cpu = rate(p.events, p.cpuMs);
  return [
    p.name.padEnd(44),
    p.events.toString().padStart(6),
    p.ms.toFixed(0).padStart(7),
    p.cpuMs.toFixed(0).padStart(7),
    Math.round(wall).toString().padStart(9),
    Math.round(cpu).toString().padStart(9),
    (wall / rate(base.events, base.ms)).toFixed(3).padStart(8),
    (cpu / rate(base.events, base.cpuMs)).toFixed(3).padStart(8),
    p.gcMs.toFixed(0).padStart(6),
  ].join(' ');
}

function topRules(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([title, n]) => `  ${n.toString().padStart(6)}  ${title}`);
}

/**
 * Runs the benchmark and prints the figures; returns them.
 *
 * @example
 * const figures = await run(); // { rules: {...}, parseOnly: {...}, full: {...}, ratio: 0.6, cpuRatio: 0.6 }
 */
export async function run(): Promise<object> {
  const otrf = path.join(DATA, 'logs', 'otrf');
  const files = (await readdir(otrf)).filter((f) => f.endsWith('.jsonl.gz')).sort().map((f) => path.join(otrf, f));
  for (const file of files) await readFile(file); // warm the page cache so that both passes read from memory
  const warmup = files; // and the JIT: one full pass through each path first, not measured (as measure.ts does)
  // (a) runs before the rules are loaded, so that the collector's work on the rule set counts against (b).
  await pass('warm-up a', warmup, undefined);
  const parseOnly = await pass('(a) read + gunzip + JSON.parse', files, undefined);
  const rules = await loadRules();
  const stats = rules.engine.stats();
  console.log(
    `rules: ${stats.rules} Windows rules from ${rules.files} files (${rules.problems} not loaded) in ${rules.ms.toFixed(0)} ms; ` +
      `memory of the loaded rule set ${rules.memoryMb.toFixed(1)} MB measured (heap + typed arrays; engine estimate ` +
      `${(stats.memoryEstimateBytes / 1e6).toFixed(1)} MB; prefilter tables ` +
      `${(stats.prefilterBytes / 1e6).toFixed(1)} MB, ${stats.literals} literals, ${stats.alwaysEvaluated} rules without one)`,
  );
  await pass('warm-up b', warmup, (event) => rules.engine.evaluate(event).length);
  const counts = new Map<string, number>();
  const full = await pass('(b) read + gunzip + JSON.parse + evaluate', files, (event) => {
    const matches = rules.engine.evaluate(event);
    for (const m of matches) counts.set(m.rule.title, (counts.get(m.rule.title) ?? 0) + 1);
    return matches.length;
  });
  const ratio = rate(full.events, full.ms) / rate(parseOnly.events, parseOnly.ms);
  const cpuRatio = rate(full.events, full.cpuMs) / rate(parseOnly.events, parseOnly.cpuMs);
  console.log([HEADER, row(parseOnly, parseOnly), row(full, parseOnly)].join('\n'));
  console.log(`b/a = ${ratio.toFixed(3)} wall, ${cpuRatio.toFixed(3)} CPU (goal >= 0.5); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  console.log(`${full.matches} matches in ${files.length} files; most frequent rules:\n${topRules(counts).join('\n')}`);
  const figures = (p: Pass): object => ({ events: p.events, ms: p.ms, cpuMs: p.cpuMs, gcMs: p.gcMs, eventsPerSecond: rate(p.events, p.ms) });
  return {
    rules: { loaded: stats.rules, files: rules.files, notLoaded: rules.problems, loadMs: rules.ms, memoryMb: rules.memoryMb, prefilterBytes: stats.prefilterBytes },
    parseOnly: figures(parseOnly),
    full: { ...figures(full), matches: full.matches },
    ratio,
    cpuRatio,
    loadAverage: loadavg()[0],
  };
}
