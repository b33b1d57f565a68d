/** `ping`: proves the signed-command path end to end (verify, run, report) without touching the host. */
import { emptyArgsSchema } from '../protocol/command.js';
import { AGENT_VERSION } from '../version.js';
import type { CommandHandler } from './registry.js';

export function pingHandler(now: () => Date): CommandHandler<Record<string, never>> {
  return {
    type: 'ping',
    args: emptyArgsSchema,
    run: () => Promise.resolve({ state: 'verified', evidence: { pong: now().toISOString(), agentVersion: AGENT_VERSION } }),
  };
}
