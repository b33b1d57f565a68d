/**
 * The server's Ed25519 command-signing key. Generated on first start and kept in the settings table, so every
 * node of a deployment signs with the same key and agents pinned at enrolment keep trusting it.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyFingerprint, publicKeyPem } from '../../agent/protocol/signing.js';
import type { AgentRepo } from '../../store/agent-types.js';

export const SIGNING_KEY_SETTING = 'agent.signing_key.v1';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

/** Loads the key, creating it if no server has yet (the first writer wins, so nodes starting together agree). */
export async function loadSigningKey(repo: Pick<AgentRepo, 'claimSetting'>): Promise<SigningKey> {
  const candidate = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pem = await repo.claimSetting(SIGNING_KEY_SETTING, candidate);
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKeyPem(publicKey), fingerprint: keyFingerprint(publicKey) };
}
