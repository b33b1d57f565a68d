/**
 * `firebreak sweep INCIDENT (--entity E | --region R | --hosts a,b) [--sha256 ..] [--process ..] [--remote ..]`,
 * `firebreak scope regions INCIDENT`, `firebreak scope clear INCIDENT REGION [--entity E] [--except host=reason]`.
 */
import type { Command } from 'commander';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { json } from '../output.js';
import { printClearance, printDeclaration, type PrintableClearance, type PrintableDeclaration } from './sweep.print.js';

const list = (value: string | undefined) => value?.split(',').map((v) => v.trim()).filter(Boolean);
const collect = (value: string, previous: string[] = []) => [...previous, value];
const base = (incident: string) => `/api/incidents/${encodeURIComponent(incident)}`;

export interface SweepOptions {
  entity?: string;
  region?: string;
  hosts?: string;
  sha256?: string;
  process?: string;
  remote?: string;
  alerts?: boolean;
  maxFiles?: string;
}

/**
 * The body of `POST /api/incidents/:id/sweeps` from the options (the server validates it and names the field).
 *
 * @example
 * sweepBody({ region: 'emea', sha256: 'ab..,cd..' }); // { region: 'emea', indicators: { sha256: [...] }, fromAlerts: true }
 */
export function sweepBody(opts: SweepOptions): Record<string, unknown> {
  const targets = [opts.entity, opts.region, opts.hosts].filter((t) => t !== undefined);
  if (targets.length !== 1) throw new UserError('invalid_input', 'name exactly one of --entity, --region or --hosts', [], { hint: 'e.g. firebreak sweep INC-0001 --region emea --sha256 <hash>' });
  const indicators = Object.fromEntries(Object.entries({ sha256: list(opts.sha256), processNames: list(opts.process), remote: list(opts.remote) }).filter(([, v]) => v !== undefined && v.length > 0));
  return {
    ...(opts.entity ? { entity: opts.entity } : {}),
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.hosts ? { hosts: list(opts.hosts) } : {}),
    ...(Object.keys(indicators).length > 0 ? { indicators } : {}),
    fromAlerts: opts.alerts !== false,
    ...(opts.maxFiles ? { maxFiles: Number(opts.maxFiles) } : {}),
  };
}

/** `host=reason` pairs to `{ host, reason }`. */
export function exceptionsOf(values: readonly string[]): { host: string; reason: string }[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new UserError('invalid_input', `--except "${value}" is not host=reason`, [], { hint: 'e.g. --except "uk-ws07=decommissioned in May"' });
    return { host: value.slice(0, at).trim(), reason: value.slice(at + 1).trim() };
  });
}

export function registerSweep(program: Command, ctx: CliContext): void {
  program
    .command('sweep <incident>')
    .description('propose a sweep of an entity, a region or hosts for indicators (approve it like any plan); results clear hosts or put them in scope')
    .option('--entity <id>', 'sweep every host of this entity')
    .option('--region <id>', 'sweep every host of this region')
    .option('--hosts <hostnames>', 'sweep these hosts (comma-separated)')
    .option('--sha256 <hashes>', 'file hashes (comma-separated)')
    .option('--process <names>', 'process image names (comma-separated)')
    .option('--remote <addresses>', 'remote addresses or networks (comma-separated)')
    .option('--no-alerts', 'do not add the indicators of the incident’s alerts')
    .option('--max-files <n>', 'files hashed per host at most')
    .action(async (incident: string, opts: SweepOptions) => {
      const result = await (await ctx.client()).post<{ planId: string; indicators: Record<string, number>; plan: { actionCount?: number; evaluation?: { summary?: string } | null } }>(`${base(incident)}/sweeps`, sweepBody(opts));
      if (ctx.json()) return ctx.out.out(json(result));
      const i = result.indicators;
      ctx.out.out(`proposed ${result.planId}: sweep ${result.plan.actionCount ?? '?'} hosts for ${i['sha256']} hashes, ${i['processNames']} process names, ${i['remote']} remote addresses`);
      if (result.plan.evaluation?.summary) ctx.out.out(`approvals: ${result.plan.evaluation.summary}`);
      ctx.out.out(`approve it: firebreak plan approve ${incident} ${result.planId}`);
    });

  const scope = program.command('scope').description('scope confirmation: clearance per region and entity, declaring a region out of scope');
  scope.command('regions <incident>').description('hosts swept clean, in scope, suspected or not swept, per region and entity').action(async (incident: string) => {
    const result = await (await ctx.client()).get<PrintableClearance>(`${base(incident)}/scope/regions`);
    ctx.out.out(ctx.json() ? json(result) : printClearance(result));
  });
  scope
    .command('clear <incident> <region>')
    .description('declare a region (or --entity) out of scope: refused unless every host is swept clean or excepted; rolls back its shutdown')
    .option('--entity <id>', 'only this entity of the region')
    .option('--except <host=reason>', 'a host that counts as clean, with the reason (repeatable)', collect)
    .option('--note <text>', 'a note kept with the declaration')
    .option('--keep-shutdown', 'do not ask to roll back the region’s shutdown plans')
    .action(async (incident: string, region: string, opts: { entity?: string; except?: string[]; note?: string; keepShutdown?: boolean }) => {
      const body = { ...(opts.entity ? { entity: opts.entity } : {}), exceptions: exceptionsOf(opts.except ?? []), ...(opts.note ? { note: opts.note } : {}), endShutdown: opts.keepShutdown !== true };
      const result = await (await ctx.client()).post<PrintableDeclaration>(`${base(incident)}/scope/regions/${encodeURIComponent(region)}/clear`, body);
      ctx.out.out(ctx.json() ? json(result) : printDeclaration(result));
    });
}
