import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCommand, verifySignature } from '../../agent/protocol/signing.js';
import { signCommandAsync } from './command-sender.js';

describe('command signing off the event loop', () => {
  it('makes the signature signCommand makes, and the agent accepts it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const body = { v: 1 as const, id: randomUUID(), agentId: 'agt-1', type: 'isolate', args: { allow: [{ cidr: '10.0.0.0/8' }] }, issuedAt: '2026-06-01T10:00:00.000Z', expiresAt: '2026-06-01T10:05:00.000Z', seq: 3, nonce: 'nonce-0123456789abcdef' };
    const signed = await signCommandAsync(body, privateKey);
    expect(signed).toEqual(signCommand(body, privateKey));
    expect(verifySignature(signed, publicKey)).toBe(true);
  });
});
