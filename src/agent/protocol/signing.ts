/**
 * Ed25519 signatures over commands. The signed bytes are a fixed prefix (so a signature made for something else
 * can never pass as a command) followed by the canonical JSON of the body.
 *
 * @example
 * const { privateKey, publicKey } = generateKeyPairSync('ed25519');
 * const signed = signCommand(body, privateKey);
 * verifySignature(signed, publicKey); // true
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../incident/index.js';
import type { CommandBody, SignedCommand } from './command.js';

const DOMAIN = 'firebreak-agent-command/v1\n';

export function commandBytes(body: CommandBody): Buffer {
  return Buffer.from(DOMAIN + canonicalJson(body), 'utf8');
}

export function signCommand(body: CommandBody, privateKey: KeyObject): SignedCommand {
  return { body, signature: sign(null, commandBytes(body), privateKey).toString('base64') };
}

/** True only when the signature is a valid Ed25519 signature of this body by this key. */
export function verifySignature(command: SignedCommand, publicKey: KeyObject): boolean {
  try {
    return verify(null, commandBytes(command.body), publicKey, Buffer.from(command.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Reads a pinned SPKI PEM public key; throws if it is not an Ed25519 key. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`the pinned server key is ${key.asymmetricKeyType ?? 'unknown'}, not ed25519`);
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** `sha256:<hex>` of the SPKI DER form: what an operator compares when pinning by hand. */
export function keyFingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}
