/** Human-readable blast radius and isolation impact for the terminal. */
import type { BlastRadius, IsolationImpact } from '../../estate/graph/index.js';
import { table } from '../output.js';

const rate = (rates: readonly { unit: string; perHour: number }[]) =>
  rates.length === 0 ? 'none declared' : rates.map((r) => `${Math.round(r.perHour)} ${r.unit}/h`).join(', ');

export function printBlastRadius(raw: Record<string, unknown>): string {
  const r = raw as unknown as BlastRadius & { hidden?: Record<string, number> };
  const t = r.totals;
  const lines = [
    `Blast radius of ${r.compromised.join(', ')}`,
    `  reachable: ${t.segments} segments, ${t.hosts} hosts, ${t.services} services at risk, ${t.entities} entities, ${t.regions} regions`,
    `  data: ${t.dataStores} data stores, ${t.personalDataStores} with personal data (${t.personalRecords} records)`,
    `  exposure points reached: ${t.exposurePoints}`,
    '',
    table(r.segments.slice(0, 30).map((s) => ({ ...s, ports: s.ports === 'any' ? 'any' : JSON.stringify(s.ports), external: s.external.map((e) => e.kind).join(',') })), ['id', 'entity', 'hops', 'via', 'hosts', 'ports', 'external']),
  ];
  if (r.segments.length > 30) lines.push(`  ... ${r.segments.length - 30} more segments (use --json)`);
  lines.push('', table(r.services.slice(0, 30), ['id', 'entity', 'criticality', 'reason']));
  if (r.personalData.length > 0) lines.push('', table(r.personalData, ['category', 'stores', 'records', 'subjectCountries']));
  if (r.hidden) lines.push('', `outside your entities (not listed): ${Object.entries(r.hidden).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  return lines.join('\n');
}

export function printIsolationImpact(raw: Record<string, unknown>): string {
  const r = raw as unknown as IsolationImpact;
  const t = r.totals;
  const lines = [
    `Isolating ${t.hostsIsolated} hosts: ${t.servicesDown} services down, ${t.servicesDegraded} degraded; lost ${rate(t.lostPerHour)}`,
    '',
    table(r.services.map((s) => ({ ...s, lost: s.lost ? `${Math.round(s.lost.perHour)} ${s.lost.unit}/h` : '', reason: s.reasons.join('; ') })), ['id', 'entity', 'status', 'capacity', 'lost', 'reason']),
    '',
    table(r.byEntity.map((e) => ({ ...e, lost: rate(e.lostPerHour) })), ['id', 'region', 'hostsIsolated', 'servicesDown', 'servicesDegraded', 'lost']),
  ];
  for (const a of r.assumptions) lines.push(`note: ${a}`);
  return lines.join('\n');
}
