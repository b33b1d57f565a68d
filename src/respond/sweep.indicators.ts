/**
 * What a sweep looks for: file hashes (SHA-256), process image names and remote addresses. They come from the
 * incident's alerts (indicator hits and hashes seen in matched events) and from the person asking for the sweep.
 *
 * From alerts, only values that identify the attacker are taken:
 * - every SHA-256 of an indicator alert (`source: 'ioc'`, type `sha256`), and every SHA-256 in a matched event's
 *   `Hashes` (Sysmon's `SHA256=...`) or in a field named like `sha256`;
 * - remote addresses and file names only from indicator alerts (types `ipv4`, `ipv6`, `file-name`): a Sigma
 *   rule's `Image` (say `powershell.exe`) names a legitimate tool and would match every host.
 */
import { z } from 'zod';
import { parseCidr, parseIp } from '../estate/index.js';
import type { IncidentEvent } from '../incident/index.js';

/** The parts of an `alert.raised` payload read here (lenient: other fields are ignored). */
const alertFactsSchema = z.object({
  event: z.unknown(),
  indicator: z.object({ type: z.string(), value: z.string() }).optional(),
});
type AlertFacts = z.output<typeof alertFactsSchema>;

export const SWEEP_LIMITS = { sha256: 10_000, processNames: 1_000, remote: 10_000 } as const;

const SHA256 = /^[a-f0-9]{64}$/;
const SHA256_IN_TEXT = /SHA256=([A-Fa-f0-9]{64})/g;

const remoteSchema = z
  .string()
  .trim()
  .max(64)
  .refine((text) => parseIp(text) !== undefined || !('error' in parseCidr(text)), {
    message: 'not an address or network (expected a.b.c.d, a.b.c.d/n or an IPv6 address or network)',
  });

/** Indicators as a request names them; every list is optional. */
export const sweepIndicatorsSchema = z.strictObject({
  sha256: z
    .array(z.string().trim().toLowerCase().regex(SHA256, 'expected a SHA-256 as 64 hex digits'))
    .max(SWEEP_LIMITS.sha256)
    .default([]),
  /** Process image names, compared case-insensitively by the agent (`regsvr32.exe`). */
  processNames: z.array(z.string().trim().min(1).max(260)).max(SWEEP_LIMITS.processNames).default([]),
  /** Remote addresses or networks of connections (a C2 server). */
  remote: z.array(remoteSchema).max(SWEEP_LIMITS.remote).default([]),
});
export type SweepIndicators = z.output<typeof sweepIndicatorsSchema>;
export type SweepIndicatorsInput = z.input<typeof sweepIndicatorsSchema>;

/** The number of indicators in a set. */
export function indicatorCount(indicators: SweepIndicators): number {
  return indicators.sha256.length + indicators.processNames.length + indicators.remote.length;
}

function hashesIn(node: unknown, out: Set<string>, depth = 0): void {
  if (depth > 6 || node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') {
      const lower = key.toLowerCase();
      if (lower === 'hashes') for (const match of value.matchAll(SHA256_IN_TEXT)) out.add(match[1]!.toLowerCase());
      else if (lower.endsWith('sha256') && SHA256.test(value.toLowerCase())) out.add(value.toLowerCase());
    } else {
      hashesIn(value, out, depth + 1);
    }
  }
}

function fromIndicatorHit(alert: AlertFacts, sets: { sha256: Set<string>; processNames: Set<string>; remote: Set<string> }): void {
  const hit = alert.indicator;
  if (!hit) return;
  const value = hit.value.trim();
  if (hit.type === 'sha256' && SHA256.test(value.toLowerCase())) sets.sha256.add(value.toLowerCase());
  else if ((hit.type === 'ipv4' || hit.type === 'ipv6') && remoteSchema.safeParse(value).success) sets.remote.add(value);
  else if (hit.type === 'file-name' && value.length > 0 && value.length <= 260) sets.processNames.add(value.toLowerCase());
}

/**
 * The indicators found in an incident's `alert.raised` events (see the file comment for what is taken).
 *
 * @example
 * indicatorsFromAlerts(events).sha256; // ['9f86d0...']
 */
export function indicatorsFromAlerts(events: readonly IncidentEvent[]): SweepIndicators {
  const sets = { sha256: new Set<string>(), processNames: new Set<string>(), remote: new Set<string>() };
  for (const event of events) {
    if (event.type !== 'alert.raised') continue;
    const parsed = alertFactsSchema.safeParse(event.payload);
    if (!parsed.success) continue;
    fromIndicatorHit(parsed.data, sets);
    hashesIn(parsed.data.event, sets.sha256);
  }
  return { sha256: [...sets.sha256].sort(), processNames: [...sets.processNames].sort(), remote: [...sets.remote].sort() };
}

/**
 * The union of indicator sets, without duplicates (process names compared case-insensitively), sorted.
 *
 * @example
 * mergeIndicators(fromAlerts, { sha256: [], processNames: ['Evil.exe'], remote: [] }).processNames; // ['evil.exe']
 */
export function mergeIndicators(...sets: readonly SweepIndicators[]): SweepIndicators {
  const sha256 = new Set<string>();
  const processNames = new Set<string>();
  const remote = new Set<string>();
  for (const set of sets) {
    for (const h of set.sha256) sha256.add(h.toLowerCase());
    for (const p of set.processNames) processNames.add(p.toLowerCase());
    for (const r of set.remote) remote.add(r);
  }
  return { sha256: [...sha256].sort(), processNames: [...processNames].sort(), remote: [...remote].sort() };
}
