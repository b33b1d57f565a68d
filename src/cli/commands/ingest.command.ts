/**
 * `firebreak ingest FILE...`: send event files to a server, where detection (rules, correlations and the
 * server's indicator sets) turns what it finds into alerts that open or join incidents.
 */
import type { Command } from 'commander';
import { ingestResultSchema, type IngestResultView } from '../../contracts/intake.js';
import { readEventFile } from '../../detect/index.js';
import type { CliContext } from '../context.js';
import { findEventFiles } from '../event-files.js';
import { json, table } from '../output.js';

const BATCH = 5000;

export function registerIngest(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('send event files (JSON lines, gzip, evtx_dump JSON; folders walked) to the server for detection')
    .argument('<paths...>', 'event files or folders')
    .action(async (paths: string[]) => {
      const client = await ctx.client();
      const files = await findEventFiles(paths);
      const totals = { events: 0, matches: 0, correlations: 0, indicators: 0, alerts: 0, skipped: 0 };
      const incidents = new Map<string, { id: string; opened: boolean; alerts: number }>();
      let batch: unknown[] = [];
      const send = async () => {
        if (batch.length === 0) return;
        const result: IngestResultView = await client.post('/api/intake/events', { events: batch }, ingestResultSchema);
        batch = [];
        totals.events += result.events;
        totals.matches += result.matches;
        totals.correlations += result.correlations;
        totals.indicators += result.indicators;
        totals.alerts += result.alerts;
        for (const i of result.incidents) {
          const known = incidents.get(i.id);
          incidents.set(i.id, { id: i.id, opened: (known?.opened ?? false) || i.opened, alerts: (known?.alerts ?? 0) + i.alerts });
        }
      };
      for (const file of files) {
        const pending: unknown[] = [];
        const result = await readEventFile(file, (event) => void pending.push(event));
        for (const problem of result.problems) ctx.out.err(`skipped ${problem.file}:${problem.line}: ${problem.reason}`);
        totals.skipped += result.problems.length;
        for (const event of pending) {
          batch.push(event);
          if (batch.length >= BATCH) await send();
        }
      }
      await send();
      const summary = { ...totals, files: files.length, incidents: [...incidents.values()] };
      if (ctx.json()) return ctx.out.out(json(summary));
      const of = totals.correlations + totals.indicators > 0 ? ` (${totals.correlations} correlations, ${totals.indicators} indicator hits)` : '';
      ctx.out.out(`sent ${totals.events} events from ${files.length} files (${totals.skipped} skipped): ${totals.matches} matches${of}, ${totals.alerts} alerts`);
      if (incidents.size > 0) ctx.out.out(table([...incidents.values()].map((i) => ({ ...i, opened: i.opened ? 'opened' : 'joined' })), ['id', 'opened', 'alerts']));
    });
}
