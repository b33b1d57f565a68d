/** `firebreak demo estate`: print the built-in demo estate as an importable file. */
import type { Command } from 'commander';
import { generateDemoEstate } from '../../estate/demo.js';
import { exportEstate } from '../../estate/export.js';
import type { CliContext } from '../context.js';

export function registerDemo(program: Command, ctx: CliContext): void {
  const demo = program.command('demo').description('built-in demo data');
  demo
    .command('estate')
    .description('print the demo estate (a global manufacturer shaped like the 2021 case) as YAML or JSON')
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--seed <n>', 'generator seed (the same seed always gives the same estate)', '2021')
    .action((opts: { format: string; seed: string }) => {
      const format = opts.format === 'json' || ctx.json() ? 'json' : 'yaml';
      ctx.out.out(exportEstate(generateDemoEstate({ seed: Number(opts.seed) }), format).trimEnd());
    });
}
