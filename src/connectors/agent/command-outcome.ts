/**
 * What a command's end means for the executor (pure): `verified` with the agent's evidence, or `failed` with
 * the reason and whether a retry may help. Timeouts (an offline or silent agent), a closed channel and clock
 * or ordering refusals may pass on a retry; a refusal of the command itself (bad signature, unknown type,
 * invalid arguments) or an agent that found the change ineffective will not.
 */
import type { ActionOutcome } from '../../respond/types.js';
import type { AgentCommandRecord } from '../../store/agent-types.js';

const RETRYABLE = new Set([
  'timeout',
  'send_failed',
  'aborted',
  'dispatch_failed',
  'handler_error',
  'control_channel_lost',
  'rejected_expired',
  'rejected_not_yet_valid',
  'rejected_stale_seq',
]);

export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code);
}

/** Where the evidence came from: the command and the agent. */
export function commandRef(record: AgentCommandRecord): Record<string, unknown> {
  return { commandId: record.id, agentId: record.agentId, seq: record.seq };
}

/** The outcome of a command that ended, or of one still open when the wait was given up. */
export function outcomeOf(record: AgentCommandRecord): ActionOutcome {
  const evidence = { ...(record.evidence ?? {}), command: commandRef(record) };
  if (record.state === 'verified') return { state: 'verified', evidence };
  if (record.state === 'failed') {
    const error = record.reason ?? { code: 'failed', message: `command ${record.id} failed without a reason` };
    return { state: 'failed', evidence, error, retryable: isRetryable(error.code) };
  }
  const message = `command ${record.id} was still ${record.state} when the wait ended; it goes on, and a call with the same key picks it up`;
  return { state: 'failed', evidence, error: { code: 'aborted', message }, retryable: true };
}

export function failure(code: string, message: string, retryable: boolean): ActionOutcome {
  return { state: 'failed', error: { code, message }, retryable };
}
