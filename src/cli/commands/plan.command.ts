/** `firebreak plan suggest|create|list|show|approve|reject|break-glass|cancel|rollback`. */
import type { Command } from 'commander';
import { planDetailSchema, planListSchema, suggestionListSchema } from '../../contracts/plans.js';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { json } from '../output.js';
import { printDecision, printPlan, printPlanList, printSuggestions, type PrintablePlan } from './plan.print.js';

const list = (value: string | undefined) => value?.split(',').map((v) => v.trim()).filter(Boolean);
const base = (incident: string) => `/api/incidents/${encodeURIComponent(incident)}/plans`;
const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

interface CreateOptions {
  suggestion?: string;
  kind?: string;
  hosts?: string;
  segment?: string;
  peers?: string;
  entity?: string;
  region?: string;
}

const KIND_HINT = 'use --suggestion KEY (see "firebreak plan suggest"), or --kind with: isolate_hosts --hosts a,b; cut_segment_external --segment s; cut_segment_links --segment s [--peers x,y]; shutdown_entity --entity e; shutdown_region --region r';

/** The request body for `plan create` (the server validates it and answers with located problems). */
export function createBody(opts: CreateOptions): Record<string, unknown> {
  if (opts.suggestion) return { suggestion: opts.suggestion };
  const targets: Record<string, Record<string, unknown>> = {
    isolate_hosts: { hosts: list(opts.hosts) },
    cut_segment_external: { segment: opts.segment },
    cut_segment_links: drop({ segment: opts.segment, peers: list(opts.peers) }),
    shutdown_entity: { entity: opts.entity },
    shutdown_region: { region: opts.region },
  };
  const target = opts.kind === undefined ? undefined : targets[opts.kind];
  if (!target) throw new UserError('invalid_input', opts.kind ? `unknown plan kind "${opts.kind}"` : 'say which plan to propose', [], { hint: KIND_HINT });
  return { kind: opts.kind, target };
}

export function registerPlan(program: Command, ctx: CliContext): void {
  const plan = program.command('plan').alias('plans').description('containment plans: suggest, propose, approve, run, roll back');

  const decide = async (incident: string, planId: string, verb: string, body: Record<string, unknown>) => {
    const result = await (await ctx.client()).post(`${base(incident)}/${encodeURIComponent(planId)}/${verb}`, body, planDetailSchema);
    ctx.out.out(ctx.json() ? json(result) : printDecision(result as unknown as PrintablePlan));
  };

  plan.command('suggest <incident>').description('plans the planner proposes from the incident scope, with impact and approvals').action(async (incident: string) => {
    const result = await (await ctx.client()).get(`${base(incident)}/suggestions`, suggestionListSchema);
    ctx.out.out(ctx.json() ? json(result) : printSuggestions(result as unknown as Parameters<typeof printSuggestions>[0]));
  });

  plan
    .command('create <incident>')
    .description('propose a plan (recorded in the incident log; it runs once the policy’s approvals are given)')
    .option('--suggestion <key>', 'a suggestion key from "plan suggest", e.g. shutdown_region:emea')
    .option('--kind <kind>', 'isolate_hosts, cut_segment_external, cut_segment_links, shutdown_entity or shutdown_region')
    .option('--hosts <hostnames>', 'hosts to isolate (comma-separated, one entity)')
    .option('--segment <id>', 'segment to cut')
    .option('--peers <ids>', 'only the links to these segments (cut_segment_links)')
    .option('--entity <id>', 'entity to shut down')
    .option('--region <id>', 'region to shut down')
    .action(async (incident: string, opts: CreateOptions) => {
      const result = await (await ctx.client()).post(base(incident), createBody(opts), planDetailSchema);
      ctx.out.out(ctx.json() ? json(result) : `proposed ${printDecision(result as unknown as PrintablePlan)}`);
    });

  plan.command('list <incident>').description('the plans of an incident with status and approvals').action(async (incident: string) => {
    const result = await (await ctx.client()).get(base(incident), planListSchema);
    ctx.out.out(ctx.json() ? json(result.items) : printPlanList(result.items));
  });

  plan.command('show <incident> <plan>').description('one plan: impact, approvals, actions and execution').action(async (incident: string, planId: string) => {
    const result = await (await ctx.client()).get(`${base(incident)}/${encodeURIComponent(planId)}?records=${ctx.json() ? 'all' : 'none'}`, planDetailSchema);
    ctx.out.out(ctx.json() ? json(result) : printPlan(result as unknown as PrintablePlan));
  });

  plan
    .command('approve <incident> <plan>')
    .description('approve (the policy decides whether your approval counts); the last approval starts the plan')
    .option('--comment <text>', 'a note kept with the approval')
    .action((incident: string, planId: string, opts: { comment?: string }) => decide(incident, planId, 'approve', drop({ comment: opts.comment })));

  plan
    .command('reject <incident> <plan>')
    .description('reject (ends the plan)')
    .requiredOption('--reason <text>', 'why')
    .action((incident: string, planId: string, opts: { reason: string }) => decide(incident, planId, 'reject', { reason: opts.reason }));

  plan
    .command('break-glass <incident> <plan>')
    .description('run the plan now without approvals (commanders; recorded loudly)')
    .requiredOption('--reason <text>', 'why this cannot wait for approval')
    .action((incident: string, planId: string, opts: { reason: string }) => decide(incident, planId, 'break-glass', { reason: opts.reason }));

  plan
    .command('cancel <incident> <plan>')
    .description('withdraw a plan that has not started')
    .option('--reason <text>', 'why')
    .action((incident: string, planId: string, opts: { reason?: string }) => decide(incident, planId, 'cancel', drop({ reason: opts.reason })));

  plan
    .command('rollback <incident> <plan>')
    .description('undo what the plan did (all actions, or --actions)')
    .option('--reason <text>', 'why')
    .option('--actions <ids>', 'only these actions, e.g. a0001,a0002')
    .action((incident: string, planId: string, opts: { reason?: string; actions?: string }) => decide(incident, planId, 'rollback', drop({ reason: opts.reason, actionIds: list(opts.actions) })));
}
