/**
 * The order in which services come back: a topological order of their dependencies (a service after the
 * services it depends on), ties broken by tier (identity, then network, then data, then applications), then
 * criticality, then id. Services that depend on each other in a circle (a strongly connected component) are
 * restored together in one group and reported, never looped over.
 */
import type { Criticality, DataStore, Host, Service } from '../estate/index.js';
import type { StepTier } from './recovery.schema.js';

const IDENTITY_WORDS = /\b(identity|active directory|ad|ldap|kerberos|sso|idp|iam|entra|okta|directory)\b/i;
const NETWORK_WORDS = /\b(dns|dhcp|network|firewall|router|routing|vpn|proxy|ntp|wan|lan|sd-wan)\b/i;
const IDENTITY_ROLES = new Set(['domain-controller', 'identity', 'idp', 'ldap']);
const NETWORK_ROLES = new Set(['dns', 'dhcp', 'firewall', 'router', 'vpn-gateway', 'proxy', 'load-balancer', 'gateway']);
const DATA_ROLES = new Set(['database', 'file-server', 'backup', 'storage', 'nas', 'san']);

const TIER_RANK: Record<StepTier, number> = { identity: 0, network: 1, data: 2, application: 3, hosts: 4 };
const CRITICALITY_RANK: Record<Criticality, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * A service's tier: identity (a directory, or runs on domain controllers), network (DNS, DHCP, VPN, proxies),
 * data (every host is a database, file server or backup server), else application.
 *
 * @example
 * serviceTier({ id: 'identity-emea', name: 'Active Directory (EMEA)', ... }, hosts); // 'identity'
 */
export function serviceTier(service: Service, hostsByName: ReadonlyMap<string, Host>): StepTier {
  const text = `${service.id.replace(/[-_.]/g, ' ')} ${service.name}`;
  const roles = service.hosts.map((h) => hostsByName.get(h)?.role).filter((r): r is string => r !== undefined);
  if (IDENTITY_WORDS.test(text) || roles.some((r) => IDENTITY_ROLES.has(r))) return 'identity';
  if (NETWORK_WORDS.test(text) || roles.some((r) => NETWORK_ROLES.has(r))) return 'network';
  if (roles.length > 0 && roles.every((r) => DATA_ROLES.has(r))) return 'data';
  return 'application';
}

/** Data stores per hostname. */
export function dataStoresByHost(stores: readonly DataStore[]): Map<string, DataStore[]> {
  const map = new Map<string, DataStore[]>();
  for (const store of stores) {
    const list = map.get(store.host);
    if (list) list.push(store);
    else map.set(store.host, [store]);
  }
  return map;
}

export interface OrderNode {
  id: string;
  dependsOn: readonly string[];
  tier: StepTier;
  criticality: Criticality;
}

export interface ServiceOrder {
  /** Groups in the order they may be restored; a group of several services is a cycle. */
  groups: string[][];
  /** The cycles found (each sorted), including a service that depends on itself. */
  cycles: string[][];
}

/** Tarjan's strongly connected components, iteratively (no recursion depth limit). Edges: node -> dependency. */
function components(nodes: readonly OrderNode[], index: ReadonlyMap<string, number>): number[][] {
  const n = nodes.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  const edges = nodes.map((node) => node.dependsOn.map((d) => index.get(d)).filter((d): d is number => d !== undefined));
  for (let root = 0; root < n; root += 1) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0) {
        order[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const next = edges[v]![i];
      if (next !== undefined) {
        frame[1] = i + 1;
        if (order[next] === -1) work.push([next, 0]);
        else if (onStack[next]) low[v] = Math.min(low[v]!, order[next]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        result.push(component);
      }
    }
  }
  return result;
}

function compareKeys(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

/**
 * Orders services for restoration. Dependencies on ids outside `nodes` are ignored (they are not part of the plan).
 *
 * @example
 * orderServices([{ id: 'erp', dependsOn: ['identity'], ... }, { id: 'identity', dependsOn: [], ... }]).groups;
 * // [['identity'], ['erp']]
 */
export function orderServices(nodes: readonly OrderNode[]): ServiceOrder {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const comps = components(nodes, index);
  const compOf = new Int32Array(nodes.length);
  comps.forEach((members, c) => members.forEach((m) => (compOf[m] = c)));
  const waiting = comps.map(() => new Set<number>());
  const dependents = comps.map(() => new Set<number>());
  nodes.forEach((node, i) => {
    for (const dep of node.dependsOn) {
      const j = index.get(dep);
      if (j === undefined || compOf[j] === compOf[i]) continue;
      waiting[compOf[i]!]!.add(compOf[j]!);
      dependents[compOf[j]!]!.add(compOf[i]!);
    }
  });
  const key = (c: number): [number, number, string] => {
    const members = comps[c]!.map((m) => nodes[m]!);
    return [Math.min(...members.map((m) => TIER_RANK[m.tier])), Math.min(...members.map((m) => CRITICALITY_RANK[m.criticality])), members.map((m) => m.id).sort()[0]!];
  };
  const keys = comps.map((_, c) => key(c));
  const ready = comps.map((_, c) => c).filter((c) => waiting[c]!.size === 0);
  const groups: string[][] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => compareKeys(keys[a]!, keys[b]!));
    const c = ready.shift()!;
    groups.push(comps[c]!.map((m) => nodes[m]!.id).sort());
    for (const d of dependents[c]!) {
      waiting[d]!.delete(c);
      if (waiting[d]!.size === 0) ready.push(d);
    }
  }
  const cycles = comps
    .filter((members) => members.length > 1 || nodes[members[0]!]!.dependsOn.includes(nodes[members[0]!]!.id))
    .map((members) => members.map((m) => nodes[m]!.id).sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return { groups, cycles };
}
