/**
 * Network namespaces for the gateway test: a router (r) with one link to each of four hosts, each host on
 * its own /24 with the router as its default gateway: the segment host (h, in the segment that gets cut), a
 * peer (p, another segment), an outside host (x, beyond the estate's internal networks) and the server (c).
 * Everything is created inside the namespaces (veths are made in the router namespace with their peer placed
 * straight into the host namespace), so the root namespace gets no interface, address, route or rule.
 * Networks are 10.214-10.217.<n>.0/24 with <n> random per run; the router is .1 and the host .2.
 */
import { randomBytes } from 'node:crypto';
import type { ExecResult } from '../../../src/agent/runtime/executor.js';
import { run } from './netns.js';

export type GatewayHost = 'h' | 'p' | 'x' | 'c';
export type GatewayNode = GatewayHost | 'r';

export interface GatewayTopology {
  id: string;
  ns: Record<GatewayNode, string>;
  /** Each host's address. */
  ip: Record<GatewayHost, string>;
  /** The router's address on each host's link. */
  router: Record<GatewayHost, string>;
  /** Each host's network (/24). */
  net: Record<GatewayHost, string>;
  exec(node: GatewayNode, argv: string[], input?: string): Promise<ExecResult>;
  destroy(): Promise<string[]>;
}

const LINKS: Record<GatewayHost, { octet: number; dev: string }> = {
  h: { octet: 214, dev: 'seg0' },
  p: { octet: 215, dev: 'peer0' },
  x: { octet: 216, dev: 'ext0' },
  c: { octet: 217, dev: 'mgmt0' },
};
const HOSTS = Object.keys(LINKS) as GatewayHost[];

async function must(argv: string[]): Promise<void> {
  const result = await run(argv);
  if (result.code !== 0) throw new Error(`${argv.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
}

function plan(): Pick<GatewayTopology, 'id' | 'ns' | 'ip' | 'router' | 'net'> {
  const id = randomBytes(3).toString('hex');
  const n = 1 + ((randomBytes(1)[0] ?? 0) % 250);
  const each = <T>(f: (host: GatewayHost) => T) => Object.fromEntries(HOSTS.map((host) => [host, f(host)])) as Record<GatewayHost, T>;
  return {
    id,
    ns: { r: `fbt-${id}-r`, ...each((host) => `fbt-${id}-${host}`) },
    ip: each((host) => `10.${LINKS[host].octet}.${n}.2`),
    router: each((host) => `10.${LINKS[host].octet}.${n}.1`),
    net: each((host) => `10.${LINKS[host].octet}.${n}.0/24`),
  };
}

async function link(t: ReturnType<typeof plan>, host: GatewayHost): Promise<void> {
  const { dev } = LINKS[host];
  await must(['ip', '-n', t.ns.r, 'link', 'add', dev, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', t.ns[host]]);
  await must(['ip', '-n', t.ns.r, 'addr', 'add', `${t.router[host]}/24`, 'dev', dev]);
  await must(['ip', '-n', t.ns.r, 'link', 'set', dev, 'up']);
  await must(['ip', '-n', t.ns[host], 'addr', 'add', `${t.ip[host]}/24`, 'dev', 'eth0']);
  await must(['ip', '-n', t.ns[host], 'link', 'set', 'eth0', 'up']);
  await must(['ip', '-n', t.ns[host], 'route', 'add', 'default', 'via', t.router[host]]);
}

export async function createGatewayTopology(): Promise<GatewayTopology> {
  const t = plan();
  const created: string[] = [];
  const topology: GatewayTopology = {
    ...t,
    exec: (node, argv, input) => run(['ip', 'netns', 'exec', t.ns[node], ...argv], input),
    async destroy() {
      const problems: string[] = [];
      for (const name of created.splice(0).reverse()) {
        const result = await run(['ip', 'netns', 'del', name]);
        if (result.code !== 0) problems.push(`ip netns del ${name}: ${result.stderr.trim()}`);
      }
      return problems;
    },
  };
  try {
    for (const name of Object.values(t.ns)) {
      await must(['ip', 'netns', 'add', name]);
      created.push(name);
      await must(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
    }
    for (const host of HOSTS) await link(t, host);
    // /proc/sys/net belongs to the network namespace of the process that writes it (no sysctl binary needed).
    await must(['ip', 'netns', 'exec', t.ns.r, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward']);
    return topology;
  } catch (error) {
    await topology.destroy();
    throw error;
  }
}

/** A TCP connection from one node to an address: true when it connected (nc -z, 2 s). */
export async function reaches(t: GatewayTopology, from: GatewayNode, address: string, port: number): Promise<boolean> {
  return (await t.exec(from, ['nc', '-z', '-w', '2', address, String(port)])).code === 0;
}
