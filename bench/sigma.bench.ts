/**
 * Sigma evaluation speed: all SigmaHQ Windows rules (product windows under rules/, rules-emerging-threats/ and
 * rules-threat-hunting/) over every OTRF event file, against the baseline of reading, gunzipping and parsing
 * the same files. Goal: b/a >= 0.5 (the engine costs no more than the parsing). Single core, one run.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { compileRules, forEachJsonLine, readRuleSources, type Engine } from '../src/detect/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(process.env['FIREBREAK_SHARED_DATA'] ?? path.join(here, '..', '..', 'shared', 'data'));
const TREES = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];

/** True when the file's top-level `logsource:` block says `product: windows`. */
function isWindowsRule(text: string): boolean {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('logsource:'));
  for (let i = start + 1; start >= 0 && i < lines.length && /^(\s|$)/.test(lines[i]!); i += 1) {
    if (/^\s+product:\s*windows\s*$/.test(lines[i]!)) return true;
  }
  return false;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

async function loadRules(): Promise<{ engine: Engine; files: number; problems: number; ms: number; heapMb: number }> {
  const all = await readRuleSources(TREES.map((t) => path.join(DATA, 'sigma', t)));
  const sources = all.filter((s) => isWindowsRule(s.text));
  const before = heapMb();
  const start = performance.now();
  const { engine, problems } = compileRules(sources);
  const ms = performance.now() - start;
  return { engine, files: sources.length, problems: problems.length, ms, heapMb: heapMb() - before };
}

interface Pass {
  name: string;
  events: number;
  bytes: number;
  ms: number;
  matches: number;
}

async function pass(name: string, files: readonly string[], evaluate: ((event: unknown) => number) | undefined): Promise<Pass> {
  let events = 0;
  let bytes = 0;
  let matches = 0;
  const start = performance.now();
  for (const file of files) {
    const buffer = gunzipSync(await readFile(file));
    bytes += buffer.length;
    events += forEachJsonLine(
      buffer,
      evaluate ? (value) => void (matches += evaluate(value)) : () => undefined,
      () => undefined,
    );
  }
  return { name, events, bytes, ms: performance.now() - start, matches };
}

function row(p: Pass, baseline: Pass): string {
  const rate = p.events / (p.ms / 1000);
  const base = baseline.events / (baseline.ms / 1000);
  return `${p.name.padEnd(46)} ${p.events.toString().padStart(7)} ${p.ms.toFixed(0).padStart(8)} ${Math.round(rate).toString().padStart(10)} ${(p.bytes / 1e6 / (p.ms / 1000)).toFixed(0).padStart(6)} ${(rate / base).toFixed(3).padStart(6)}`;
}

function topRules(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([title, n]) => `  ${n.toString().padStart(6)}  ${title}`);
}

/**
 * Runs the benchmark and prints the figures; returns them.
 *
 * @example
 * const figures = await run(); // { rules: {...}, parseOnly: {...}, full: {...}, ratio: 0.6 }
 */
export async function run(): Promise<object> {
  const otrf = path.join(DATA, 'logs', 'otrf');
  const files = (await readdir(otrf)).filter((f) => f.endsWith('.jsonl.gz')).sort().map((f) => path.join(otrf, f));
  const rules = await loadRules();
  const stats = rules.engine.stats();
  console.log(
    `rules: ${stats.rules} Windows rules from ${rules.files} files (${rules.problems} not loaded) in ${rules.ms.toFixed(0)} ms; ` +
      `heap of the loaded rule set ${rules.heapMb.toFixed(1)} MB (prefilter tables ${(stats.prefilterBytes / 1e6).toFixed(1)} MB, ` +
      `${stats.literals} literals, ${stats.alwaysEvaluated} rules without a literal)`,
  );
  for (const file of files) await readFile(file); // warm the page cache so that both passes read from memory
  const counts = new Map<string, number>();
  const parseOnly = await pass('(a) read + gunzip + JSON.parse', files, undefined);
  const full = await pass('(b) read + gunzip + JSON.parse + evaluate', files, (event) => {
    const matches = rules.engine.evaluate(event);
    for (const m of matches) counts.set(m.rule.title, (counts.get(m.rule.title) ?? 0) + 1);
    return matches.length;
  });
  console.log(`${'pass'.padEnd(46)} ${'events'.padStart(7)} ${'ms'.padStart(8)} ${'events/s'.padStart(10)} ${'MB/s'.padStart(6)} ${'b/a'.padStart(6)}`);
  console.log(row(parseOnly, parseOnly));
  console.log(row(full, parseOnly));
  const ratio = full.events / full.ms / (parseOnly.events / parseOnly.ms);
  console.log(`b/a = ${ratio.toFixed(3)} (goal >= 0.5); ${full.matches} matches over ${files.length} files; most frequent rules:`);
  for (const line of topRules(counts)) console.log(line);
  return {
    rules: { loaded: stats.rules, files: rules.files, notLoaded: rules.problems, loadMs: rules.ms, heapMb: rules.heapMb, prefilterBytes: stats.prefilterBytes },
    parseOnly: { events: parseOnly.events, ms: parseOnly.ms, eventsPerSecond: parseOnly.events / (parseOnly.ms / 1000) },
    full: { events: full.events, ms: full.ms, eventsPerSecond: full.events / (full.ms / 1000), matches: full.matches },
    ratio,
  };
}
