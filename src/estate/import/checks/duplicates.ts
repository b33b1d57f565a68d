/**
 * Duplicates: ids per kind and hostnames within the file, links with the same `from` and `to`, and IP
 * addresses used by more than one host (in the file, or in the estate it merges into).
 */
import { formatIp, parseIp } from '../ip.js';
import { ID_FIELDS } from '../shape.js';
import { ESTATE_KINDS } from '../types.js';
import type { EstateKind, FieldPath, PathIssue } from '../types.js';
import { NOUNS, onLine } from './context.js';
import type { CheckContext } from './context.js';

/** Reports every duplicate id, hostname, link and IP address, naming the line of the first one. */
export function checkDuplicates(context: CheckContext): PathIssue[] {
  return [
    ...ESTATE_KINDS.flatMap((kind) => duplicateIds(context, kind)),
    ...duplicateLinks(context),
    ...duplicateIps(context),
  ];
}

function duplicateIds(context: CheckContext, kind: EstateKind): PathIssue[] {
  const field = ID_FIELDS[kind];
  if (field === undefined) return [];
  const first = new Map<string, number>();
  const problems: PathIssue[] = [];
  for (const { id, index } of context.declared[kind]) {
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      continue;
    }
    const where = onLine(context, [kind, earlier, field]);
    const what = kind === 'hosts' ? 'hostname' : `${NOUNS[kind]} id`;
    problems.push({
      path: [kind, index, field],
      message: `duplicate ${what} \`${id}\`: also defined${where}`,
      hint: `each ${what} must be unique within a file; rename or remove one of the two`,
    });
  }
  return problems;
}

function duplicateLinks(context: CheckContext): PathIssue[] {
  const first = new Map<string, number>();
  const problems: PathIssue[] = [];
  for (const { index, value } of context.candidates.links) {
    if (value.from === undefined || value.to === undefined) continue;
    const key = `${value.from}\u0000${value.to}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      continue;
    }
    problems.push({
      path: ['links', index],
      message: `duplicate link from \`${value.from}\` to \`${value.to}\`: also defined${onLine(context, ['links', earlier])}`,
      hint: 'keep one link per pair of segments and list all its ports there',
    });
  }
  return problems;
}

function duplicateIps(context: CheckContext): PathIssue[] {
  const incomingNames = new Set(context.declared.hosts.map(({ id }) => id));
  const owners = new Map<string, { hostname: string; path?: FieldPath }>();
  for (const host of context.existing.hosts) {
    if (incomingNames.has(host.hostname)) continue;
    for (const ip of host.ips) owners.set(ipKey(ip) ?? ip, { hostname: host.hostname });
  }
  const problems: PathIssue[] = [];
  for (const { index, value } of context.candidates.hosts) {
    for (const [i, ip] of (value.ips ?? []).entries()) {
      const key = ipKey(ip);
      if (key === undefined) continue;
      const path: FieldPath = ['hosts', index, 'ips', i];
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, { hostname: value.hostname ?? `hosts[${index}]`, path });
      else problems.push(ipClash(context, ip, path, owner));
    }
  }
  return problems;
}

function ipClash(
  context: CheckContext,
  ip: string,
  path: FieldPath,
  owner: { hostname: string; path?: FieldPath },
): PathIssue {
  if (owner.path === undefined) {
    return {
      path,
      message: `IP ${ip} is already used by host \`${owner.hostname}\` in the estate`,
      hint: `fix this address, or update \`${owner.hostname}\` in the same import if the address moved`,
    };
  }
  const who = owner.path[1] === path[1] ? 'this host' : `host \`${owner.hostname}\``;
  return {
    path,
    message: `IP ${ip} is also used by ${who}${onLine(context, owner.path)}`,
    hint: 'an address belongs to one host; remove or fix one of the two',
  };
}

function ipKey(ip: string): string | undefined {
  const parsed = parseIp(ip);
  return parsed === undefined ? undefined : `${parsed.family}:${formatIp(parsed)}`;
}
