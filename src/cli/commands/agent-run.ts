/**
 * `firebreak agent [--enrol TOKEN]`: enrol once (the identity and the pinned server key go to the state
 * folder, mode 0600), then run until SIGINT or SIGTERM. Log lines go to stderr.
 */
import os from 'node:os';
import path from 'node:path';
import { enrol } from '../../agent/runtime/enrol.js';
import { commandWords } from '../../agent/runtime/executor.js';
import { AgentRunner, DEFAULT_AGENT_CONFIG, realAgentDeps, type AgentConfig } from '../../agent/runtime/runner.js';
import { StateFile } from '../../agent/runtime/state-file.js';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';

export interface AgentRunOptions {
  enrol?: string;
  stateDir?: string;
  hostname?: string;
  nft?: string;
  ip?: string;
  table?: string;
  probe?: string;
  probePort?: string;
  heartbeat?: string;
  role?: string;
  shutdownCommand?: string;
}

/** `/var/lib/firebreak/agent` for root, `~/.firebreak/agent` otherwise (or FIREBREAK_AGENT_STATE). */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  return env['FIREBREAK_AGENT_STATE'] ?? (process.getuid?.() === 0 ? '/var/lib/firebreak/agent' : path.join(os.homedir(), '.firebreak', 'agent'));
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UserError('invalid_input', `--${name} must be a positive whole number, not "${value}"`);
  return n;
}

function parseProbe(value: string | undefined): AgentConfig['probe'] {
  if (value === undefined) return undefined;
  const match = /^(.+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match?.[1] || !(port >= 1 && port <= 65535)) throw new UserError('invalid_input', `--probe must be HOST:PORT (e.g. 10.0.0.1:443), not "${value}"`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

function parseRole(value: string | undefined): AgentConfig['role'] {
  if (value === undefined || value === 'endpoint' || value === 'gateway') return value ?? 'endpoint';
  throw new UserError('invalid_input', `--role must be endpoint or gateway, not "${value}"`);
}

export function agentConfig(opts: AgentRunOptions, env: NodeJS.ProcessEnv): AgentConfig {
  const probe = parseProbe(opts.probe);
  return {
    ...DEFAULT_AGENT_CONFIG,
    stateDir: path.resolve(opts.stateDir ?? defaultStateDir(env)),
    ...(opts.nft ? { nft: commandWords(opts.nft) } : {}),
    ...(opts.ip ? { ip: commandWords(opts.ip) } : {}),
    ...(opts.table ? { table: opts.table } : {}),
    ...(probe ? { probe } : {}),
    probePort: positiveInt('probe-port', opts.probePort, DEFAULT_AGENT_CONFIG.probePort),
    heartbeatMs: positiveInt('heartbeat', opts.heartbeat, DEFAULT_AGENT_CONFIG.heartbeatMs / 1000) * 1000,
    role: parseRole(opts.role),
    ...(opts.shutdownCommand ? { shutdown: [commandWords(opts.shutdownCommand)] } : {}),
  };
}

export async function runAgent(opts: AgentRunOptions, ctx: CliContext): Promise<void> {
  const config = agentConfig(opts, ctx.env);
  const log = (line: string) => ctx.out.err(`${new Date().toISOString()} agent: ${line}`);
  const file = new StateFile(config.stateDir);
  let state = await file.load();
  if (opts.enrol && state) log(`already enrolled as ${state.agentId} (${file.file}); the token was not used`);
  if (opts.enrol && !state) {
    state = await enrol(file, { serverUrl: ctx.server(), token: opts.enrol, ...(opts.hostname ? { hostname: opts.hostname } : {}) });
    log(`enrolled as ${state.agentId} for host ${state.hostname}; pinned server key ${state.serverKeyFingerprint}`);
  }
  if (!state) {
    throw new UserError('invalid_input', `this agent is not enrolled (no ${file.file})`, [], { hint: 'run firebreak agent --server URL --enrol TOKEN (an admin makes one with: firebreak agent token create)' });
  }
  const runner = await AgentRunner.start(config, realAgentDeps(log));
  await new Promise<void>((resolve) => {
    const stop = () => void runner.stop().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
