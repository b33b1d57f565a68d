/**
 * Which gates a recovery step needs:
 * - `clean_sweep`: every host of the step swept clean after its last in-scope (or suspected) mark; for the
 *   network step, the suspected and in-scope hosts of the cut segments (isolated hosts stay isolated until
 *   their own step, so reopening links exposes only those);
 * - `credentials_reset`: for each identity service of the step (a directory the attacker may have read);
 * - `backup_verified`: for each data store on a host of the step that is in scope (restored from backup), or for
 *   the services on such a host when it holds no data store;
 * - `approval`: the named approver's sign-off (or any lead of the step's entities, a commander or an admin).
 */
import type { DataStore, Service } from '../estate/index.js';
import type { GateRequirement, StepTier } from './recovery.schema.js';

export interface GateInputs {
  tier: StepTier;
  services: readonly Service[];
  hosts: readonly string[];
  /** Hosts for the clean sweep (the step's hosts, or for the network step the suspect hosts of the cut segments). */
  sweepHosts: readonly string[];
  inScopeHosts: ReadonlySet<string>;
  storesByHost: ReadonlyMap<string, DataStore[]>;
  identityServices: ReadonlySet<string>;
  approver?: string | undefined;
}

function backupGates(input: GateInputs): GateRequirement[] {
  const subjects = new Map<string, string>();
  for (const host of input.hosts) {
    if (!input.inScopeHosts.has(host)) continue;
    const stores = input.storesByHost.get(host) ?? [];
    for (const store of stores) subjects.set(store.id, `backup of ${store.name} (${store.id}, on ${host}) verified before it is restored`);
    if (stores.length > 0) continue;
    for (const service of input.services.filter((s) => s.hosts.includes(host))) {
      subjects.set(service.id, `backup of ${service.name} (${service.id}) verified: ${host} is in scope`);
    }
  }
  return [...subjects.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([subject, description]) => ({ gate: 'backup_verified', subject, description }));
}

/**
 * The gates of one step, in the order people usually clear them.
 *
 * @example
 * requiredGates({ tier: 'identity', services: [ad], hosts: ['dc1'], sweepHosts: ['dc1'], ... }).map((g) => g.gate);
 * // ['clean_sweep', 'credentials_reset', 'approval']
 */
export function requiredGates(input: GateInputs): GateRequirement[] {
  const gates: GateRequirement[] = [];
  if (input.sweepHosts.length > 0) {
    const n = input.sweepHosts.length;
    gates.push({ gate: 'clean_sweep', hosts: [...input.sweepHosts], description: `${n} host${n === 1 ? '' : 's'} swept clean after their last in-scope or suspected mark` });
  }
  for (const service of input.services.filter((s) => input.identityServices.has(s.id))) {
    gates.push({ gate: 'credentials_reset', subject: service.id, description: `credentials of ${service.name} reset (privileged accounts, service accounts, krbtgt twice)` });
  }
  gates.push(...backupGates(input));
  const approval: GateRequirement = input.approver === undefined
    ? { gate: 'approval', description: 'sign-off by a lead of the step’s entities, a commander or an admin' }
    : { gate: 'approval', subject: input.approver, description: `sign-off by ${input.approver}` };
  gates.push(approval);
  return gates;
}
