/**
 * Where the control channel goes (the server URL resolved to addresses and a port), and the default probe
 * target (the default gateway, from `ip -j route show default`).
 */
import { lookup } from 'node:dns/promises';
import type { SystemExecutor } from '../runtime/executor.js';
import type { ControlEndpoint } from './ruleset.js';

export type Resolver = (hostname: string) => Promise<string[]>;

export const dnsResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address);

/** The port of an http(s)/ws(s) URL, with the scheme's default. */
export function urlPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}

/** Every address of the server URL's host, each with the URL's port. */
export async function controlEndpoints(serverUrl: string, resolve: Resolver = dnsResolver): Promise<ControlEndpoint[]> {
  const url = new URL(serverUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = urlPort(url);
  const addresses = [...new Set(await resolve(host))].sort();
  return addresses.map((address) => ({ address, port }));
}

/** The IPv4 default gateway, or undefined (no default route, or `ip` is missing). */
export async function defaultGateway(executor: SystemExecutor, ip: readonly string[] = ['ip']): Promise<string | undefined> {
  const result = await executor.run([...ip, '-j', 'route', 'show', 'default']);
  if (result.code !== 0) return undefined;
  try {
    const routes = JSON.parse(result.stdout || '[]') as { gateway?: string }[];
    return routes.find((r) => typeof r.gateway === 'string')?.gateway;
  } catch {
    return undefined;
  }
}
