/**
 * The agent's gate for commands: only a command signed by the pinned server key, addressed to this agent,
 * inside its validity window and never seen before passes. Pure: the caller passes the clock and the replay
 * state, and persists the new state (before running the command) when the command is accepted.
 */
import type { KeyObject } from 'node:crypto';
import { signedCommandSchema, type CommandBody, type RejectionCode } from './command.js';
import { verifySignature } from './signing.js';

/** What the agent remembers to refuse replays: the highest sequence accepted and the last ids seen. */
export interface ReplayState {
  lastSeq: number;
  seenIds: string[];
}

export interface VerifyContext {
  publicKey: KeyObject;
  agentId: string;
  now: Date;
  replay: ReplayState;
  /** Tolerated clock difference for `issuedAt` in the future (default 60 s). */
  maxSkewMs?: number;
}

export interface Rejection {
  code: RejectionCode;
  message: string;
  /** The command id when it could be read, so the server can fail that command. */
  commandId: string | null;
}

export type Verdict = { ok: true; body: CommandBody; replay: ReplayState } | { ok: false; rejection: Rejection };

/** How many command ids the agent keeps to detect a replayed id. */
export const SEEN_IDS_KEPT = 1000;

function reject(code: RejectionCode, message: string, commandId: string | null): Verdict {
  return { ok: false, rejection: { code, message, commandId } };
}

/** A command id from a message that did not parse, when there is one. */
function idOf(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const body = (message as { body?: unknown }).body;
  if (typeof body !== 'object' || body === null) return null;
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

/**
 * Checks, in order: shape, signature, addressee, validity window, replay (id, then sequence).
 *
 * @example
 * const verdict = verifyCommand(message, { publicKey, agentId, now: new Date(), replay: state.replay });
 * if (!verdict.ok) report(verdict.rejection); else { await persist(verdict.replay); await run(verdict.body); }
 */
export function verifyCommand(message: unknown, ctx: VerifyContext): Verdict {
  const parsed = signedCommandSchema.safeParse(message);
  if (!parsed.success) return reject('malformed', `not a signed command: ${parsed.error.issues[0]?.message ?? 'invalid'}`, idOf(message));
  const command = parsed.data;
  const { body } = command;
  if (!verifySignature(command, ctx.publicKey)) {
    return reject('bad_signature', 'the signature does not match the pinned server key', body.id);
  }
  if (body.agentId !== ctx.agentId) return reject('wrong_agent', `the command is for agent ${body.agentId}, not ${ctx.agentId}`, body.id);
  const now = ctx.now.getTime();
  if (Date.parse(body.expiresAt) <= now) return reject('expired', `the command expired at ${body.expiresAt}`, body.id);
  if (Date.parse(body.issuedAt) > now + (ctx.maxSkewMs ?? 60_000)) {
    return reject('not_yet_valid', `the command is issued at ${body.issuedAt}, in the future: check the clocks`, body.id);
  }
  if (ctx.replay.seenIds.includes(body.id)) return reject('replayed_id', `command ${body.id} was already received`, body.id);
  if (body.seq <= ctx.replay.lastSeq) {
    return reject('stale_seq', `sequence ${body.seq} is not above the last accepted ${ctx.replay.lastSeq}`, body.id);
  }
  const seenIds = [...ctx.replay.seenIds, body.id].slice(-SEEN_IDS_KEPT);
  return { ok: true, body, replay: { lastSeq: body.seq, seenIds } };
}
