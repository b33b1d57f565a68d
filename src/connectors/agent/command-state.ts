/**
 * How an agent's report moves a command (pure). States only move forward:
 *
 *   requested -> sent -> applied -> verified
 *        \          \         \
 *         `----------`---------`--> failed   (agent failure, agent refusal, or timeout)
 *
 * A refusal for a replayed id does not fail the command: the server sends each command once, so the original
 * delivery is the one that counts; the refusal is kept on the agent record instead.
 */
import type { CommandState } from '../../agent/protocol/command.js';
import type { ResultMessage } from '../../agent/protocol/messages.js';
import type { CommandTransition } from '../../store/agent-types.js';

export interface PlannedTransition {
  from: readonly CommandState[];
  change: CommandTransition;
}

const IN_FLIGHT: readonly CommandState[] = ['sent', 'applied'];

/** The transition a result asks for, or undefined when it must not change the command. */
export function transitionForResult(result: ResultMessage, receivedAt: string): PlannedTransition | undefined {
  const evidence = result.evidence ? { evidence: { ...result.evidence, reportedAt: result.at } } : {};
  switch (result.state) {
    case 'applied':
      return { from: ['sent'], change: { to: 'applied', at: receivedAt, ...evidence } };
    case 'verified':
      return { from: IN_FLIGHT, change: { to: 'verified', at: receivedAt, reason: null, ...evidence } };
    case 'failed':
      return { from: IN_FLIGHT, change: { to: 'failed', at: receivedAt, reason: result.reason ?? { code: 'failed', message: 'the agent reported a failure without a reason' }, ...evidence } };
    case 'rejected': {
      if (result.reason?.code === 'replayed_id') return undefined;
      const code = result.reason?.code ?? 'rejected';
      const message = `the agent refused the command (${code}): ${result.reason?.message ?? 'no reason given'}`;
      return { from: ['requested', ...IN_FLIGHT], change: { to: 'failed', at: receivedAt, reason: { code: `rejected_${code}`, message } } };
    }
  }
}
