/**
 * Webhook signatures (the scheme Stripe uses): the header `Firebreak-Signature: t=<unix seconds>,v1=<hex>`,
 * where `v1 = HMAC-SHA256(secret, "<t>.<raw body>")` in lower-case hex. A receiver recomputes it over the raw
 * bytes it received, compares in constant time, and refuses timestamps more than five minutes away from its
 * clock (so a captured request cannot be replayed later). See README.md.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Firebreak-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The signature header value for a body sent at `unixSeconds`.
 *
 * @example
 * signatureHeader('whsec_...', 1767225600, '{"key":"P-1/a0001/forward/1"}'); // 't=1767225600,v1=5d1c...'
 */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${hmac(secret, unixSeconds, body)}`;
}

function hmac(secret: string, unixSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a received signature header against the raw body (for receivers, and for Firebreak's own tests).
 * Several `v1=` entries are allowed (a sender rotating its secret); one matching is enough.
 *
 * @example
 * verifySignature(secret, req.headers['firebreak-signature'], rawBody, Date.now() / 1000); // { ok: true, timestamp }
 */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): SignatureCheck {
  if (header === undefined) return { ok: false, reason: 'malformed' };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v as string);
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const match = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return match ? { ok: true, timestamp: t } : { ok: false, reason: 'mismatch' };
}
