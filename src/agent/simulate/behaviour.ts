/**
 * How a simulated fleet behaves, as data (so a bench, a test or an exercise scenario can set it in JSON):
 * latency, hosts that start offline, infected hosts and their indicators, and faults (fail, drop, disconnect)
 * for some hosts, command types or a share of commands. Decisions are deterministic for a seed: the same
 * fleet, seed and command ids give the same faults.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { COMMAND_TYPES } from '../protocol/command.js';

const delaySchema = z.union([z.number().min(0).max(3_600_000), z.tuple([z.number().min(0), z.number().min(0)])]);

export const faultSchema = z
  .object({
    /**
     * `fail`: the command runs and fails (isolate and segment_cut report `applied` first, then the failure);
     * `drop`: the agent accepts it and never answers; `disconnect`: the agent's connection drops as the command
     * arrives, it runs anyway and the result waits in the agent's outbox until it reconnects.
     */
    effect: z.enum(['fail', 'drop', 'disconnect']),
    /** Only these hosts (default: every host). */
    hosts: z.array(z.string().min(1)).optional(),
    /** Only these command types (default: every type). */
    types: z.array(z.enum(COMMAND_TYPES)).optional(),
    /** Share of matching commands it hits (default all), drawn per command from the seed. */
    rate: z.number().min(0).max(1).default(1),
    /** At most this many hits in total (e.g. 1: only the first attempt fails). */
    times: z.number().int().min(1).optional(),
    /** `fail`: the reason reported (default per type, e.g. isolation_not_effective). */
    code: z.string().min(1).max(60).optional(),
    message: z.string().max(500).optional(),
    /** `disconnect`: how long the agent stays away (default: until `setOnline`). */
    offlineMs: z.number().int().min(0).optional(),
  })
  .strict();
export type Fault = z.infer<typeof faultSchema>;

export const indicatorsSchema = z
  .object({
    sha256: z.array(z.string().regex(/^[a-fA-F0-9]{64}$/)).default([]),
    processNames: z.array(z.string().min(1)).default([]),
    remote: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Indicators = z.infer<typeof indicatorsSchema>;

export const behaviourSchema = z
  .object({
    /** Delay before a command's first result, in ms: fixed or uniform between [min, max]. */
    latencyMs: delaySchema.default(0),
    /** Delay between `applied` and `verified` (isolate, segment_cut). */
    verifyMs: delaySchema.default(0),
    heartbeatMs: z.number().int().min(50).default(15_000),
    inventoryMs: z.number().int().min(1000).default(5 * 60_000),
    /** Hosts enrolled but not connected at start. */
    offline: z.array(z.string().min(1)).default([]),
    /**
     * Infected hosts. A sweep finds the host's indicators that the sweep looks for; when no indicator is
     * listed, an infected host holds every indicator the sweep looks for.
     */
    infected: z.object({ hosts: z.array(z.string().min(1)).default([]), indicators: indicatorsSchema.default({ sha256: [], processNames: [], remote: [] }) }).strict().default({ hosts: [], indicators: { sha256: [], processNames: [], remote: [] } }),
    faults: z.array(faultSchema).default([]),
    /** A shutdown closes the connection after this long (default: the command's `delaySeconds`). */
    shutdownDelayMs: z.number().int().min(0).optional(),
    reconnect: z.object({ baseMs: z.number().int().min(1).default(500), capMs: z.number().int().min(1).default(30_000) }).strict().default({ baseMs: 500, capMs: 30_000 }),
    seed: z.number().int().default(1),
  })
  .strict();
export type Behaviour = z.infer<typeof behaviourSchema>;
export type BehaviourInput = z.input<typeof behaviourSchema>;

/** A number in [0, 1) from the seed and a name: the same inputs give the same draw. */
export function draw(seed: number, name: string): number {
  return createHash('sha256').update(`${seed}\n${name}`).digest().readUInt32BE(0) / 2 ** 32;
}

export function delayOf(delay: Behaviour['latencyMs'], seed: number, name: string): number {
  if (typeof delay === 'number') return delay;
  const [min, max] = delay;
  return min + (Math.max(max, min) - min) * draw(seed, name);
}

/** The fault that hits this command, if any; `hits` counts hits per fault (index) and is updated. */
export function faultFor(behaviour: Behaviour, hostname: string, type: string, commandId: string, hits: number[]): Fault | undefined {
  for (const [i, fault] of behaviour.faults.entries()) {
    if (fault.hosts && !fault.hosts.includes(hostname)) continue;
    if (fault.types && !(fault.types as string[]).includes(type)) continue;
    if (fault.times !== undefined && (hits[i] ?? 0) >= fault.times) continue;
    if (fault.rate < 1 && draw(behaviour.seed, `${i}/${commandId}`) >= fault.rate) continue;
    hits[i] = (hits[i] ?? 0) + 1;
    return fault;
  }
  return undefined;
}
