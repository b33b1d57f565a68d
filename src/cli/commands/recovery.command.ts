/**
 * `firebreak recovery plan|list|show|gate|run` and `firebreak backlog`: restore plans per entity or region, their
 * gates and steps, and the business backlog.
 */
import type { Command } from 'commander';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { json } from '../output.js';
import { printBacklog, printRecovery, printRecoveryList, type PrintableBacklog, type PrintableRecovery } from './recovery.print.js';

const base = (incident: string) => `/api/incidents/${encodeURIComponent(incident)}`;
const GATES = ['credentials_reset', 'backup_verified', 'approval'];

/**
 * The body of `POST .../recovery/:id/gates` from the options.
 *
 * @example
 * gateBody({ step: '2', gate: 'backup_verified', subject: 'crm-uk', evidence: 'restore test 2021-06-05' });
 */
export function gateBody(opts: { step: string; gate: string; subject?: string; evidence: string }): Record<string, unknown> {
  const step = Number(opts.step);
  if (!Number.isInteger(step) || step < 1) throw new UserError('invalid_input', `--step "${opts.step}" is not a step number`, [], { hint: 'use the step numbers of "firebreak recovery show"' });
  if (!GATES.includes(opts.gate)) throw new UserError('invalid_input', `--gate "${opts.gate}" is not a gate people record`, [], { hint: `use ${GATES.join(', ')} (a clean sweep is read from sweeps)` });
  return { step, gate: opts.gate, ...(opts.subject ? { subject: opts.subject } : {}), evidence: opts.evidence };
}

export function registerRecovery(program: Command, ctx: CliContext): void {
  const recovery = program.command('recovery').description('restore plans per entity or region: steps in dependency order, gates, runs');
  const show = (view: PrintableRecovery) => ctx.out.out(ctx.json() ? json(view) : printRecovery(view));

  recovery
    .command('plan <incident>')
    .description('plan the recovery of a region or an entity (identity and network first; each step with its gates)')
    .option('--region <id>', 'the region to restore')
    .option('--entity <id>', 'the entity to restore')
    .option('--approver <username>', 'the person whose sign-off every step needs')
    .action(async (incident: string, opts: { region?: string; entity?: string; approver?: string }) => {
      if ((opts.region === undefined) === (opts.entity === undefined)) throw new UserError('invalid_input', 'name exactly one of --region or --entity', [], { hint: 'e.g. firebreak recovery plan INC-0001 --region emea' });
      const body = { ...(opts.region ? { region: opts.region } : {}), ...(opts.entity ? { entity: opts.entity } : {}), ...(opts.approver ? { approver: opts.approver } : {}) };
      show(await (await ctx.client()).post<PrintableRecovery>(`${base(incident)}/recovery`, body));
    });

  recovery.command('list <incident>').description('the recovery plans of an incident').action(async (incident: string) => {
    const result = await (await ctx.client()).get<{ items: PrintableRecovery[] }>(`${base(incident)}/recovery`);
    ctx.out.out(ctx.json() ? json(result.items) : printRecoveryList(result.items));
  });

  recovery.command('show <incident> <recovery>').description('one plan: steps, gates, what can run').action(async (incident: string, id: string) => {
    show(await (await ctx.client()).get<PrintableRecovery>(`${base(incident)}/recovery/${encodeURIComponent(id)}`));
  });

  recovery
    .command('gate <incident> <recovery>')
    .description('record a gate of a step: credentials_reset, backup_verified (with --subject) or approval (your sign-off)')
    .requiredOption('--step <n>', 'the step number')
    .requiredOption('--gate <gate>', GATES.join(', '))
    .option('--subject <id>', 'the data store or service the gate is about')
    .requiredOption('--evidence <text>', 'what was done: ticket, tool output, restore test')
    .action(async (incident: string, id: string, opts: { step: string; gate: string; subject?: string; evidence: string }) => {
      show(await (await ctx.client()).post<PrintableRecovery>(`${base(incident)}/recovery/${encodeURIComponent(id)}/gates`, gateBody(opts)));
    });

  recovery.command('run <incident> <recovery> <step>').description('run a step whose gates pass (its actions go to the executor)').action(async (incident: string, id: string, step: string) => {
    show(await (await ctx.client()).post<PrintableRecovery>(`${base(incident)}/recovery/${encodeURIComponent(id)}/steps/${encodeURIComponent(step)}/run`, {}));
  });

  program
    .command('backlog <incident>')
    .description('business backlog per service and region: down since, accrued, time to work it off')
    .option('--surge <factor>', 'throughput once back, as a multiple of normal', '1.25')
    .option('--step-minutes <n>', 'minutes between points of the series (JSON)', '60')
    .action(async (incident: string, opts: { surge: string; stepMinutes: string }) => {
      const query = new URLSearchParams({ surge: opts.surge, stepMinutes: opts.stepMinutes });
      const result = await (await ctx.client()).get<PrintableBacklog>(`${base(incident)}/backlog?${query.toString()}`);
      ctx.out.out(ctx.json() ? json(result) : printBacklog(result));
    });
}
