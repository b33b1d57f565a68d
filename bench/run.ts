/**
 * Runs benchmarks: `npm run bench -- <name>` runs `bench/<name>.bench.ts`; no name runs them all. Each module
 * exports `run(): Promise<object>` and prints its own table; the last line of output is one line of JSON with
 * every figure, keyed by benchmark name. Arguments starting with `--` are options for the benchmarks (each
 * reads `process.argv`), e.g. `npm run bench -- fanout --pg`.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

interface BenchModule {
  run(): Promise<object>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

async function available(): Promise<string[]> {
  const files = await readdir(here);
  return files.filter((f) => f.endsWith('.bench.ts')).map((f) => f.slice(0, -'.bench.ts'.length)).sort();
}

async function main(argv: readonly string[]): Promise<number> {
  const known = await available();
  const asked = argv.filter((a) => !a.startsWith('--'));
  const names = asked.length > 0 ? asked : known;
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')}. HINT: one of ${known.join(', ')}`);
    return 2;
  }
  const results: Record<string, object> = {};
  for (const name of names) {
    console.log(`\n== ${name} ==`);
    const mod = (await import(pathToFileURL(path.join(here, `${name}.bench.ts`)).href)) as BenchModule;
    results[name] = await mod.run();
  }
  console.log(JSON.stringify(results));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
