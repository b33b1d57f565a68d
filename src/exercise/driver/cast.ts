/**
 * The cast of a run: the scenario's people as users of the target (each with their own token, so every
 * approval and decision in the log carries their name), and the simulated agents on the scenario's hosts.
 */
import { randomBytes } from 'node:crypto';
import { startSimulatedFleet, type SimulatedFleet } from '../../agent/simulate/index.js';
import type { ApiClient } from '../../cli/client.js';
import { ApiError } from '../../cli/client.js';
import type { EstateDocument } from '../../estate/index.js';
import { parseScenarioDuration } from '../duration.js';
import type { HostSelector, Scenario } from '../scenario.schema.js';
import { login } from './target.js';

export interface Cast {
  /** API clients by scenario person name. */
  people: Map<string, ApiClient>;
  /** The user name each person has on the target (prefixed on a shared server). */
  usernames: Map<string, string>;
  fleet: SimulatedFleet;
}

/** Hostnames a selector picks (every host when it is empty). */
export function selectHosts(doc: EstateDocument, selector: HostSelector): string[] {
  const regionOf = new Map(doc.entities.map((e) => [e.id, e.region]));
  const empty = !selector.hosts && !selector.entities && !selector.regions && !selector.segments;
  return doc.hosts
    .filter(
      (h) =>
        empty ||
        selector.hosts?.includes(h.hostname) ||
        selector.entities?.includes(h.entity) ||
        selector.segments?.includes(h.segment) ||
        selector.regions?.includes(regionOf.get(h.entity) ?? ''),
    )
    .map((h) => h.hostname);
}

/** Creates the people (as `<prefix><name>`) and logs each of them in. */
export async function castPeople(admin: ApiClient, url: string, scenario: Scenario, prefix: string): Promise<Pick<Cast, 'people' | 'usernames'>> {
  const people = new Map<string, ApiClient>();
  const usernames = new Map<string, string>();
  for (const person of scenario.people) {
    const username = `${prefix}${person.name}`;
    const password = randomBytes(18).toString('base64url');
    const body = { username, displayName: person.displayName ?? person.name, role: person.role, entities: person.entities, password };
    try {
      await admin.request('POST', '/api/users', body);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      throw new Error(`a user ${username} already exists on the target; run the exercise with another --prefix`);
    }
    people.set(person.name, (await login(url, username, password)).client);
    usernames.set(person.name, username);
  }
  return { people, usernames };
}

/** Enrols and connects simulated agents for the scenario's hosts, infected as the scenario says. */
export async function castAgents(url: string, adminToken: string, doc: EstateDocument, scenario: Scenario, now: () => Date): Promise<SimulatedFleet> {
  const onHosts = selectHosts(doc, scenario.agents.on);
  const gateways = new Set(doc.hosts.filter((h) => h.tags.includes('gateway') || h.tags.some((t) => t.startsWith('gateway-for:'))).map((h) => h.hostname));
  const ips = new Map(doc.hosts.map((h) => [h.hostname, h.ips]));
  const fleet = await startSimulatedFleet({
    server: url,
    adminToken,
    hosts: onHosts.map((hostname) => ({ hostname, ips: ips.get(hostname) ?? [], role: gateways.has(hostname) ? 'gateway' : 'endpoint' })),
    // The server, the driver and the fleet share one event loop here: long heartbeats keep busy moments from
    // looking like dead connections.
    behaviour: { latencyMs: parseScenarioDuration(scenario.agents.latency) ?? 20, offline: scenario.agents.offline, heartbeatMs: 60_000, reconnect: { baseMs: 200, capMs: 2000 } },
    now,
  });
  for (const item of scenario.compromised) fleet.infect(item.hosts, item.found);
  return fleet;
}
