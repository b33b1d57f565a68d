/** `firebreak report INCIDENT --format md|json|pdf [--out FILE]`. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';

export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report <incident>')
    .description('the incident report: timeline, scope by entity, detections, obligations, decisions, metrics')
    .option('--format <format>', 'md, json or pdf', 'md')
    .option('--out <file>', 'write to a file (required for pdf)')
    .action(async (incident: string, opts: { format: string; out?: string }) => {
      const format = ctx.json() ? 'json' : opts.format;
      if (!['md', 'json', 'pdf'].includes(format)) throw new UserError('invalid_input', `unknown format "${format}"`, [], { hint: 'use md, json or pdf' });
      if (format === 'pdf' && !opts.out) throw new UserError('invalid_input', 'a PDF needs --out FILE', [], { hint: 'e.g. --out INC-0001.pdf' });
      const bytes = await (await ctx.client()).bytes(`/api/incidents/${encodeURIComponent(incident)}/report?format=${format}`);
      if (opts.out) {
        await writeFile(opts.out, bytes);
        ctx.out.err(`wrote ${opts.out} (${bytes.length} bytes)`);
      } else {
        ctx.out.out(bytes.toString('utf8').trimEnd());
      }
    });
}
