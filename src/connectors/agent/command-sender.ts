/**
 * Signs claimed commands and writes them to the agents' sockets, in sequence order (an agent refuses a number
 * at or below one it accepted). Signatures are made by WebCrypto on libuv's thread pool, a few hundred at a
 * time, so the event loop reads results and writes to the database meanwhile; Ed25519 is deterministic, so
 * they are the same bytes `signCommand` makes.
 */
import { randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import type { CommandBody, SignedCommand } from '../../agent/protocol/command.js';
import { commandBytes } from '../../agent/protocol/signing.js';
import type { AgentCommandRecord } from '../../store/agent-types.js';
import type { AgentHub } from './agent-hub.js';
import type { SigningKey } from './signing-key.js';

const SLICE = 250;

/** The signed body of a claimed command. */
export function commandBody(record: AgentCommandRecord, nonce: string): CommandBody {
  if (record.seq === null) throw new Error(`command ${record.id} has no sequence number: claim it before sending`);
  return { v: 1, id: record.id, agentId: record.agentId, type: record.type, args: record.args, issuedAt: record.requestedAt, expiresAt: record.expiresAt, seq: record.seq, nonce };
}

const cryptoKeys = new WeakMap<KeyObject, Promise<webcrypto.CryptoKey>>();

/** The WebCrypto form of the signing key (made once per key). */
function cryptoKeyOf(privateKey: KeyObject): Promise<webcrypto.CryptoKey> {
  let key = cryptoKeys.get(privateKey);
  if (!key) {
    key = webcrypto.subtle.importKey('pkcs8', privateKey.export({ type: 'pkcs8', format: 'der' }), { name: 'Ed25519' }, false, ['sign']);
    cryptoKeys.set(privateKey, key);
  }
  return key;
}

/** `signCommand`, off the event loop. */
export async function signCommandAsync(body: CommandBody, privateKey: KeyObject): Promise<SignedCommand> {
  const signature = await webcrypto.subtle.sign({ name: 'Ed25519' }, await cryptoKeyOf(privateKey), commandBytes(body));
  return { body, signature: Buffer.from(signature).toString('base64') };
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
      const slice = ordered.slice(i, i + SLICE);
      const nonces = randomBytes(16 * slice.length);
      const signed = await Promise.all(slice.map((record, j) => signCommandAsync(commandBody(record, nonces.subarray(16 * j, 16 * (j + 1)).toString('base64url')), privateKey)));
      signed.forEach((command, j) => {
        const record = slice[j] as AgentCommandRecord;
        writes.push(this.hub.send(record.agentId, { kind: 'command', command }).then((ok) => (ok ? undefined : record)));
      });
    }
    return { failed: Promise.all(writes).then((all) => all.filter((r): r is AgentCommandRecord => r !== undefined)) };
  }
}
