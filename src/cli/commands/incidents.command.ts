/** `firebreak incidents list|show|new|note|task|state|scope|severity|commander|events`. */
import type { Command } from 'commander';
import { z } from 'zod';
import { appendResultSchema, incidentEventSchema, incidentPageSchema, incidentSummarySchema } from '../../contracts/incidents.js';
import type { CliContext } from '../context.js';
import { json, table } from '../output.js';
import { printIncident, printEvent } from './incidents.print.js';

async function append(ctx: CliContext, id: string, type: string, payload: Record<string, unknown>): Promise<void> {
  const result = await (await ctx.client()).post(`/api/incidents/${encodeURIComponent(id)}/events`, { type, payload }, appendResultSchema);
  if (ctx.json()) return ctx.out.out(json(result));
  for (const event of result.events) ctx.out.out(printEvent(event));
}

const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function registerIncidents(program: Command, ctx: CliContext): void {
  const inc = program.command('incidents').alias('incident').description('open, follow and work incidents');

  inc
    .command('list')
    .description('incidents you may see, newest activity first')
    .option('--state <states>', 'e.g. detect,analyse,contain')
    .option('--severity <levels>', 'e.g. high,critical')
    .option('--entity <ids>', 'entity ids')
    .option('--q <text>', 'search titles and ids')
    .option('--limit <n>', 'page size', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(async (opts: Record<string, string | undefined>) => {
      const query = new URLSearchParams(Object.entries(opts).filter((e): e is [string, string] => e[1] !== undefined));
      const page = await (await ctx.client()).get(`/api/incidents?${query.toString()}`, incidentPageSchema);
      if (ctx.json()) return ctx.out.out(json(page));
      ctx.out.out(table(page.items, ['id', 'severity', 'state', 'title', 'entities', 'commander', 'updatedAt']));
      ctx.out.out(`${page.items.length === 0 ? 0 : page.offset + 1}-${page.offset + page.items.length} of ${page.total}`);
    });

  inc.command('show <id>').description('state, scope, tasks and timeline of an incident').action(async (id: string) => {
    const view = await (await ctx.client()).get<Record<string, unknown>>(`/api/incidents/${encodeURIComponent(id)}`);
    ctx.out.out(ctx.json() ? json(view) : printIncident(view));
  });

  inc
    .command('new <title>')
    .description('open an incident')
    .option('--severity <level>', 'low, medium, high or critical', 'high')
    .option('--summary <text>', 'what is known so far')
    .option('--entities <ids>', 'entities concerned (comma-separated)')
    .option('--aware-at <iso time>', 'when the organisation became aware (starts legal clocks; default now)')
    .option('--commander <username>', 'incident commander')
    .action(async (title: string, opts: { severity: string; summary?: string; entities?: string; awareAt?: string; commander?: string }) => {
      const body = drop({ title, severity: opts.severity, summary: opts.summary, awarenessAt: opts.awareAt, commander: opts.commander, entities: opts.entities?.split(',').map((e) => e.trim()) });
      const summary = await (await ctx.client()).post('/api/incidents', body, incidentSummarySchema);
      ctx.out.out(ctx.json() ? json(summary) : `opened ${summary.id}: ${summary.title} (${summary.severity}, ${summary.state})`);
    });

  inc.command('note <id> <text>').description('add a note').action((id: string, text: string) => append(ctx, id, 'note.added', { text }));

  inc
    .command('task <id> <title>')
    .description('add a task')
    .option('--assignee <username>', 'who does it')
    .option('--due <iso time>', 'when it is due')
    .action((id: string, title: string, opts: { assignee?: string; due?: string }) => append(ctx, id, 'task.added', drop({ title, assignee: opts.assignee, due: opts.due })));

  inc
    .command('task-status <id> <taskId> <status>')
    .description('move a task: open, in_progress, done or cancelled')
    .action((id: string, taskId: string, status: string) => append(ctx, id, 'task.updated', { taskId, status }));

  inc
    .command('state <id> <to>')
    .description('move the incident through its lifecycle (detect, analyse, contain, eradicate, recover, lessons_learned, closed)')
    .option('--reason <text>', 'why')
    .action((id: string, to: string, opts: { reason?: string }) => append(ctx, id, 'state.changed', drop({ to, reason: opts.reason })));

  inc
    .command('scope <id> <kind> <ref> <state>')
    .description('set the scope of a host, segment or entity: suspected, in_scope or cleared')
    .requiredOption('--evidence <text>', 'why: the evidence for this scope state')
    .action((id: string, kind: string, ref: string, state: string, opts: { evidence: string }) => append(ctx, id, 'scope.changed', { kind, ref, state, evidence: opts.evidence }));

  inc
    .command('severity <id> <to>')
    .description('change the severity')
    .option('--reason <text>', 'why')
    .action((id: string, to: string, opts: { reason?: string }) => append(ctx, id, 'severity.changed', drop({ to, reason: opts.reason })));

  inc
    .command('rename <id> <title>')
    .description('rename the incident (recorded as title.changed)')
    .option('--reason <text>', 'why')
    .action((id: string, title: string, opts: { reason?: string }) => append(ctx, id, 'title.changed', drop({ to: title, reason: opts.reason })));

  inc.command('commander <id> <username>').description('assign the incident commander').action((id: string, username: string) => append(ctx, id, 'commander.assigned', { username }));

  inc
    .command('events <id>')
    .description('print the incident log; --follow keeps printing new events as they arrive')
    .option('--after <seq>', 'only events after this seq')
    .option('--follow', 'stream new events until interrupted')
    .action(async (id: string, opts: { after?: string; follow?: boolean }) => {
      const client = await ctx.client();
      const after = opts.after ? `?after=${Number(opts.after)}` : '';
      const page = await client.get(`/api/incidents/${encodeURIComponent(id)}/events${after}`, z.object({ items: z.array(incidentEventSchema) }));
      for (const event of page.items) ctx.out.out(ctx.json() ? JSON.stringify(event) : printEvent(event));
      if (!opts.follow) return;
      const last = page.items.at(-1)?.seq ?? Number(opts.after ?? 0);
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      await client
        .stream(`/api/incidents/${encodeURIComponent(id)}/stream?after=${last}`, (_type, data) => {
          const event = incidentEventSchema.parse(data);
          ctx.out.out(ctx.json() ? JSON.stringify(event) : printEvent(event));
        }, controller.signal)
        .catch((error: unknown) => {
          if (!controller.signal.aborted) throw error;
        });
    });

}
