/** What the agent reports about its host: name, addresses, operating system, version, isolation, role (and a gateway's routing). */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { GatewayInventory, Inventory, IsolationStatus } from '../protocol/messages.js';
import { AGENT_VERSION } from '../version.js';
import type { AgentState } from './state-file.js';

export type AgentRole = 'endpoint' | 'gateway';

/** Non-loopback addresses of every interface. */
export function hostAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) if (!info.internal) out.push(info.address);
  }
  return [...new Set(out)].sort();
}

/** `PRETTY_NAME` from /etc/os-release when there is one, else the platform and release. */
export async function osDescription(): Promise<string> {
  const base = `${os.platform()} ${os.release()}`;
  try {
    const text = await readFile('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
    return pretty ? `${pretty} (${base})` : base;
  } catch {
    return base;
  }
}

export function isolationStatus(state: AgentState): IsolationStatus {
  const applied = state.isolation;
  if (!applied) return { state: 'released' };
  return { state: 'isolated', rulesetHash: applied.rulesetHash, since: applied.appliedAt, commandId: applied.commandId };
}

/**
 * The inventory. A gateway adds what it routes and its cuts (`gateway`), collected by the caller, which a
 * planner needs to send a segment's cut to the right router.
 */
export async function collectInventory(state: AgentState, role: AgentRole = 'endpoint', gateway?: () => Promise<GatewayInventory>): Promise<Inventory> {
  return {
    hostname: state.hostname,
    ips: hostAddresses().slice(0, 256),
    os: (await osDescription()).slice(0, 200),
    agentVersion: AGENT_VERSION,
    isolation: isolationStatus(state),
    role,
    ...(role === 'gateway' && gateway ? { gateway: await gateway() } : {}),
  };
}
