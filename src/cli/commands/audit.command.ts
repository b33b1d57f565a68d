/** `firebreak audit verify [INCIDENT]`: prove that no event of the incident log was changed, removed or reordered. */
import type { Command } from 'commander';
import { verifyResultSchema } from '../../contracts/incidents.js';
import type { CliContext } from '../context.js';
import { ExitCode } from '../exit.js';
import { json } from '../output.js';

export function registerAudit(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('verify the integrity of incident logs');
  audit
    .command('verify [incident]')
    .description('check the hash chain of one incident, or of every incident you may see; exit 1 if any is broken')
    .action(async (incident?: string) => {
      const client = await ctx.client();
      const path = incident ? `/api/incidents/${encodeURIComponent(incident)}/verify` : '/api/audit/verify';
      const result = await client.get(path, verifyResultSchema);
      if (ctx.json()) ctx.out.out(json(result));
      else {
        for (const r of result.incidents) {
          if (r.ok) ctx.out.out(`ok       ${r.incidentId}: ${r.count} events, chain intact`);
          else ctx.out.out(`BROKEN   ${r.incidentId}: first bad event seq ${r.firstBad?.seq} (${r.firstBad?.id}): ${r.firstBad?.reason}: ${r.firstBad?.message}`);
        }
        const broken = result.incidents.filter((r) => !r.ok).length;
        ctx.out.out(broken === 0 ? `verified ${result.incidents.length} incident log(s): all intact` : `${broken} of ${result.incidents.length} incident log(s) BROKEN`);
      }
      if (!result.ok) throw new ExitCode(1);
    });
}
