/**
 * Command ids from idempotency keys (pure): the same key always gives the same id, so a connector called
 * again with the key of an attempt it already started (after a crash) finds that command instead of sending a
 * second one. The id is SHA-256 of the key shaped as a version-4 UUID (the `agent_commands.id` column type).
 *
 * @example
 * commandIdFor('INC-0001/p1/a0001/forward/1') === commandIdFor('INC-0001/p1/a0001/forward/1'); // true
 */
import { createHash } from 'node:crypto';

export function commandIdFor(key: string): string {
  const h = createHash('sha256').update(`firebreak-agent-command/v1\n${key}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A gateway cut's id (the name of its nftables table), the same for the cut and its restore: `fb` + 30 hex digits. */
export function cutIdFor(planId: string, actionId: string): string {
  return `fb${createHash('sha256').update(`firebreak-cut/v1\n${planId}/${actionId}`).digest('hex').slice(0, 30)}`;
}
