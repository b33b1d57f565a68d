/**
 * Network namespaces for the isolation test: hosts a, b and c, each with one veth into a bridge that lives in
 * a fourth namespace. Everything is created inside the namespaces (veths are made in the bridge namespace with
 * their peer placed straight into the host namespace), so the root namespace gets no interface, address, route
 * or firewall rule. Addresses are 10.213.<n>.1-3/24 with <n> random per run.
 */
import { randomBytes } from 'node:crypto';
import { processExecutor, type ExecResult } from '../../../src/agent/runtime/executor.js';

export const INSTALL_HINT = 'apt-get install -y --no-install-recommends nftables iproute2 iputils-ping netcat-openbsd';

export type HostName = 'a' | 'b' | 'c';

export interface Topology {
  id: string;
  ns: Record<HostName | 'br', string>;
  ip: Record<HostName, string>;
  /** Runs argv inside a host's namespace. */
  exec(host: HostName, argv: string[], input?: string): Promise<ExecResult>;
  /** Deletes every namespace (and with them the veths and the bridge). Safe to call twice. */
  destroy(): Promise<string[]>;
}

export async function run(argv: string[], input?: string): Promise<ExecResult> {
  return processExecutor.run(argv, input === undefined ? { timeoutMs: 20_000 } : { input, timeoutMs: 20_000 });
}

async function must(argv: string[]): Promise<void> {
  const result = await run(argv);
  if (result.code !== 0) throw new Error(`${argv.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
}

/** Problems that stop the test, each with its fix; empty when the machine is ready. */
export async function missingPrerequisites(): Promise<string[]> {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) problems.push('the namespace test must run as root (it creates network namespaces and nftables tables)');
  const tools: [string, string[]][] = [['nft', ['nft', '--version']], ['ip', ['ip', '-V']], ['nc', ['nc', '-h']], ['ping', ['ping', '-V']]];
  for (const [name, argv] of tools) {
    const result = await run(argv);
    if (result.code === 127) problems.push(`${name} is not installed`);
  }
  return problems;
}

export async function createTopology(): Promise<Topology> {
  const id = randomBytes(3).toString('hex');
  const subnet = 1 + (randomBytes(1)[0] ?? 0) % 250;
  const ns = { a: `fbt-${id}-a`, b: `fbt-${id}-b`, c: `fbt-${id}-c`, br: `fbt-${id}-br` };
  const ip = { a: `10.213.${subnet}.1`, b: `10.213.${subnet}.2`, c: `10.213.${subnet}.3` };
  const created: string[] = [];
  const topology: Topology = {
    id,
    ns,
    ip,
    exec: (host, argv, input) => run(['ip', 'netns', 'exec', ns[host], ...argv], input),
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
    for (const name of Object.values(ns)) {
      await must(['ip', 'netns', 'add', name]);
      created.push(name);
      await must(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
    }
    await must(['ip', '-n', ns.br, 'link', 'add', 'br0', 'type', 'bridge']);
    await must(['ip', '-n', ns.br, 'link', 'set', 'br0', 'up']);
    for (const host of ['a', 'b', 'c'] as const) {
      await must(['ip', '-n', ns.br, 'link', 'add', `v${host}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns[host]]);
      await must(['ip', '-n', ns.br, 'link', 'set', `v${host}`, 'master', 'br0', 'up']);
      await must(['ip', '-n', ns[host], 'addr', 'add', `${ip[host]}/24`, 'dev', 'eth0']);
      await must(['ip', '-n', ns[host], 'link', 'set', 'eth0', 'up']);
    }
    return topology;
  } catch (error) {
    await topology.destroy();
    throw error;
  }
}

/** A TCP connection from one host to another: true when it connected (nc -z). */
export async function canConnect(topology: Topology, from: HostName, address: string, port: number): Promise<boolean> {
  return (await topology.exec(from, ['nc', '-z', '-w', '2', address, String(port)])).code === 0;
}
