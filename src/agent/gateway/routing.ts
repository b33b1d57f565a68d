/**
 * What a gateway routes, for its inventory: the networks in its routing table (`ip -j route show`, IPv4 and
 * IPv6) and whether it forwards at all (`/proc/sys/net/.../forwarding` of the agent's own network namespace).
 */
import { readFile } from 'node:fs/promises';
import type { SystemExecutor } from '../runtime/executor.js';

export interface RoutedNetwork {
  dst: string;
  dev?: string;
  via?: string;
}

export interface Forwarding {
  ipv4: boolean;
  ipv6: boolean;
}

const MAX_ROUTES = 256;

/** Routes from `ip -j route show` output, without the default route, link-local and multicast (pure). */
export function parseRoutes(json: string): RoutedNetwork[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json || '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: RoutedNetwork[] = [];
  for (const item of parsed as Record<string, unknown>[]) {
    const dst = item['dst'];
    if (typeof dst !== 'string' || dst === 'default' || /^(fe80|ff00)::/i.test(dst)) continue;
    out.push({ dst, ...(typeof item['dev'] === 'string' ? { dev: item['dev'] } : {}), ...(typeof item['gateway'] === 'string' ? { via: item['gateway'] } : {}) });
  }
  return out;
}

/** The networks the gateway routes (IPv4 then IPv6), at most 256. */
export async function routedNetworks(executor: SystemExecutor, ip: readonly string[] = ['ip']): Promise<RoutedNetwork[]> {
  const out: RoutedNetwork[] = [];
  for (const family of [[], ['-6']]) {
    const result = await executor.run([...ip, '-j', ...family, 'route', 'show']);
    if (result.code === 0) out.push(...parseRoutes(result.stdout));
  }
  return out.slice(0, MAX_ROUTES);
}

async function flag(file: string): Promise<boolean> {
  try {
    return (await readFile(file, 'utf8')).trim() === '1';
  } catch {
    return false;
  }
}

/** Whether this network namespace forwards IPv4 and IPv6 (false when it cannot be read). */
export async function forwardingStatus(procSys = '/proc/sys'): Promise<Forwarding> {
  return { ipv4: await flag(`${procSys}/net/ipv4/ip_forward`), ipv6: await flag(`${procSys}/net/ipv6/conf/all/forwarding`) };
}
