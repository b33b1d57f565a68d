/**
 * Signs claimed commands and writes them to the agents' sockets, in sequence order (an agent refuses a number
 * at or below one it accepted). Large batches yield to the event loop every few hundred commands, so results
 * of the first commands are read while the last ones are still being signed.
 */
import { randomBytes } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CommandBody } from '../../agent/protocol/command.js';
import { signCommand } from '../../agent/protocol/signing.js';
import type { AgentCommandRecord } from '../../store/agent-types.js';
import type { AgentHub } from './agent-hub.js';
import type { SigningKey } from './signing-key.js';

const SLICE = 250;

/** The signed body of a claimed command. */
export function commandBody(record: AgentCommandRecord, nonce: string): CommandBody {
  if (record.seq === null) throw new Error(`command ${record.id} has no sequence number: claim it before sending`);
  return { v: 1, id: record.id, agentId: record.agentId, type: record.type, args: record.args, issuedAt: record.requestedAt, expiresAt: record.expiresAt, seq: record.seq, nonce };
}

export class CommandSender {
  constructor(
    private readonly hub: AgentHub,
    private readonly key: () => Promise<SigningKey>,
  ) {}

  /**
   * Sends every command; resolves once all are written to their sockets (not acknowledged), with a promise of
   * those whose write failed (the channel closed), which must go back to `requested`.
   */
  async send(records: readonly AgentCommandRecord[]): Promise<{ failed: Promise<AgentCommandRecord[]> }> {
    if (records.length === 0) return { failed: Promise.resolve([]) };
    const { privateKey } = await this.key();
    const ordered = [...records].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const writes: Promise<AgentCommandRecord | undefined>[] = [];
    for (let i = 0; i < ordered.length; i += SLICE) {
      if (i > 0) await yieldToLoop();
      const slice = ordered.slice(i, i + SLICE);
      const nonces = randomBytes(16 * slice.length);
      slice.forEach((record, j) => {
        const nonce = nonces.subarray(16 * j, 16 * (j + 1)).toString('base64url');
        const message = { kind: 'command', command: signCommand(commandBody(record, nonce), privateKey) };
        writes.push(this.hub.send(record.agentId, message).then((ok) => (ok ? undefined : record)));
      });
    }
    return { failed: Promise.all(writes).then((all) => all.filter((r): r is AgentCommandRecord => r !== undefined)) };
  }
}
