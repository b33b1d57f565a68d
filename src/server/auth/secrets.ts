/** Passwords (argon2id) and opaque bearer tokens (random, stored as sha256). */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id (`Algorithm.Argon2id` is a const enum, which verbatimModuleSyntax cannot import). */
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A password hash to verify against when the user does not exist, so timing does not reveal usernames. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/** A new token secret: `fbt_` + 43 base64url characters (256 bits). */
export function newTokenSecret(): string {
  return `fbt_${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A readable one-time password for the first admin, e.g. `tide-4821-amber-0937-frost`. */
export function generatePassword(): string {
  const words = ['amber', 'basalt', 'cedar', 'delta', 'ember', 'fjord', 'granite', 'harbor', 'indigo', 'juniper',
    'kelp', 'lumen', 'maple', 'nimbus', 'onyx', 'pine', 'quartz', 'raven', 'slate', 'tide', 'umber', 'vale',
    'willow', 'xenon', 'yarrow', 'zephyr'];
  const bytes = randomBytes(10);
  const parts: string[] = [];
  for (let i = 0; i < 5; i++) {
    const b = bytes[i * 2] ?? 0;
    const c = bytes[i * 2 + 1] ?? 0;
    parts.push(i % 2 === 0 ? (words[b % words.length] ?? 'cedar') : String(((b << 8) | c) % 10000).padStart(4, '0'));
  }
  return parts.join('-');
}
