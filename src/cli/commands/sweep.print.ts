/** Scope confirmation for the terminal: clearance per region and entity, a declaration and what it rolled back. */
import { table } from '../output.js';

interface Counts {
  hosts: number;
  sweptClean: number;
  inScope: number;
  findings: number;
  suspected: number;
  excepted: number;
  sweepFailed: number;
  notSwept: number;
  canDeclare: boolean;
  blockers: string[];
}

export interface PrintableClearance {
  regions: (Counts & { region: string; name: string; entities: (Counts & { entity: string })[]; outstanding: { host: string; status: string }[] })[];
  declared: { region: string; entities: string[]; by: string; at: string; evidence: { summary: string } }[];
  scoped: boolean;
}

const row = (name: string, c: Counts) => ({
  scope: name, hosts: c.hosts, clean: c.sweptClean, 'in scope': c.inScope, findings: c.findings, failed: c.sweepFailed, 'not swept': c.notSwept, excepted: c.excepted,
  declare: c.canDeclare ? 'yes' : 'no',
});

/**
 * One table with a line per region and one per entity under it, the blockers, and the declarations made.
 *
 * @example
 * printClearance(await client.get(`/api/incidents/${id}/scope/regions`));
 */
export function printClearance(view: PrintableClearance): string {
  const rows = view.regions.flatMap((r) => [row(`${r.region} (${r.name})`, r), ...r.entities.map((e) => row(`  ${e.entity}`, e))]);
  const columns = ['scope', 'hosts', 'clean', 'in scope', 'findings', 'failed', 'not swept', 'excepted', 'declare'];
  const lines = [table(rows, columns)];
  for (const r of view.regions.filter((x) => !x.canDeclare && x.blockers.length > 0)) {
    lines.push('', `${r.region} cannot be declared out of scope yet:`, ...r.blockers.map((b) => `  - ${b}`));
    if (r.outstanding.length > 0) lines.push(`  outstanding: ${r.outstanding.slice(0, 10).map((s) => `${s.host} (${s.status.replace('_', ' ')})`).join(', ')}${r.outstanding.length > 10 ? ', ...' : ''}`);
  }
  if (view.declared.length > 0) lines.push('', 'Declared out of scope:', ...view.declared.map((d) => `  ${d.at}  ${d.region} (${d.entities.join(', ')}) by ${d.by}: ${d.evidence.summary}`));
  if (view.scoped) lines.push('', '(only your entities are shown)');
  return lines.join('\n');
}

export interface PrintableDeclaration {
  declaration: { region: string; entities: string[]; by: string; evidence: { summary: string; excepted: { host: string; reason: string }[] } };
  shutdown: { planId: string; kind: string; outcome: string; actions: number; reason?: string }[];
}

/** What a declaration recorded and which shutdown plans it asked to roll back. */
export function printDeclaration(result: PrintableDeclaration): string {
  const d = result.declaration;
  const lines = [`${d.entities.length === 1 ? d.entities[0] : `region ${d.region}`} declared out of scope by ${d.by}: ${d.evidence.summary}`];
  for (const e of d.evidence.excepted) lines.push(`  excepted ${e.host}: ${e.reason}`);
  for (const s of result.shutdown) {
    lines.push(s.outcome === 'rollback_requested' ? `  ${s.planId} (${s.kind}): rollback of ${s.actions} action${s.actions === 1 ? '' : 's'} requested` : `  ${s.planId} (${s.kind}): rollback refused: ${s.reason ?? ''}`);
  }
  if (result.shutdown.length === 0) lines.push('  no running shutdown plan to roll back');
  return lines.join('\n');
}
