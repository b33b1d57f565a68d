/** `firebreak estate ...` and `firebreak import estate FILE`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { estateSummarySchema, hostPageSchema, importResultSchema } from '../../contracts/estate.js';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { fields, json, table } from '../output.js';
import { printBlastRadius, printIsolationImpact } from './estate.print.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

async function importEstate(ctx: CliContext, file: string, opts: { dryRun?: boolean; format?: string }): Promise<void> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError('invalid_input', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, [], { hint: 'check the path' });
  }
  const body = { content, filename: path.basename(file), dryRun: opts.dryRun === true, ...(opts.format ? { format: opts.format } : {}) };
  const result = await (await ctx.client()).post('/api/estate/import', body, importResultSchema);
  if (ctx.json()) return ctx.out.out(json(result));
  const counts = Object.entries(result.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  ctx.out.out(`${result.dryRun ? 'checked (nothing written)' : 'imported'} ${file}: ${counts || 'nothing'}; ${result.created} created, ${result.updated} updated${result.dryRun ? '' : `; estate revision ${result.revision}`}`);
}

function addImport(command: Command, ctx: CliContext): void {
  command
    .argument('<file>', 'YAML or JSON estate file, or CSV of hosts')
    .option('--dry-run', 'check the file and report problems without writing anything')
    .option('--format <format>', 'yaml, json or csv (default: from the extension)')
    .action((file: string, opts: { dryRun?: boolean; format?: string }) => importEstate(ctx, file, opts));
}

export function registerEstate(program: Command, ctx: CliContext): void {
  const importCmd = program.command('import').description('import data into Firebreak');
  addImport(importCmd.command('estate').description('import an estate file (checked whole before anything is written)'), ctx);

  const estate = program.command('estate').description('the estate: entities, segments, hosts, services, data stores');
  addImport(estate.command('import').description('import an estate file (same as "firebreak import estate")'), ctx);

  estate.command('summary').description('counts of everything in the estate you may see').action(async () => {
    const summary = await (await ctx.client()).get('/api/estate/summary', estateSummarySchema);
    ctx.out.out(ctx.json() ? json(summary) : fields(summary));
  });

  estate
    .command('export')
    .description('print the estate as an importable file')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action(async (opts: { format: string }) => {
      const client = await ctx.client();
      const result = await client.get<{ content: string }>(`/api/estate/export?format=${encodeURIComponent(ctx.json() ? 'json' : opts.format)}`);
      ctx.out.out(result.content.trimEnd());
    });

  estate
    .command('hosts')
    .description('list hosts with filters')
    .option('--entity <ids>', 'entity ids (comma-separated)')
    .option('--segment <id>', 'segment id')
    .option('--criticality <levels>', 'low,medium,high,critical')
    .option('--role <role>', 'host role')
    .option('--q <text>', 'search hostnames')
    .option('--limit <n>', 'page size', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(async (opts: Record<string, string | undefined>) => {
      const query = new URLSearchParams(Object.entries(opts).filter((e): e is [string, string] => e[1] !== undefined));
      const page = await (await ctx.client()).get(`/api/estate/hosts?${query.toString()}`, hostPageSchema);
      if (ctx.json()) return ctx.out.out(json(page));
      ctx.out.out(table(page.items, ['hostname', 'ips', 'os', 'role', 'criticality', 'entity', 'segment']));
      ctx.out.out(`${page.offset + 1}-${page.offset + page.items.length} of ${page.total}`);
    });

  estate
    .command('blast-radius <hosts...>')
    .description('what compromised hosts can reach: segments, hosts, services, entities, regions, data stores')
    .action(async (hosts: string[]) => {
      const result = await (await ctx.client()).post<Record<string, unknown>>('/api/estate/blast-radius', { hosts });
      ctx.out.out(ctx.json() ? json(result) : printBlastRadius(result));
    });

  estate
    .command('isolation-impact')
    .description('what stops if hosts, segments, entities or regions are isolated')
    .option('--host <names>', 'hostnames (comma-separated, repeatable)', list)
    .option('--segment <ids>', 'segment ids', list)
    .option('--entity <ids>', 'entity ids', list)
    .option('--region <ids>', 'region ids', list)
    .action(async (opts: { host?: string[]; segment?: string[]; entity?: string[]; region?: string[] }) => {
      const body = { hosts: opts.host ?? [], segments: opts.segment ?? [], entities: opts.entity ?? [], regions: opts.region ?? [] };
      const result = await (await ctx.client()).post<Record<string, unknown>>('/api/estate/isolation-impact', body);
      ctx.out.out(ctx.json() ? json(result) : printIsolationImpact(result));
    });
}
