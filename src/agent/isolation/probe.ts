/**
 * Network probes for verifying isolation: a TCP connection attempt, classified by what it proves. A packet
 * dropped by a local nftables output rule makes `connect()` fail at once with EPERM ("blocked"); a refused
 * connection still proves the packet got through ("refused").
 */
import net from 'node:net';

export type ProbeOutcome = 'connected' | 'refused' | 'blocked' | 'timeout' | 'unreachable' | 'error';

export interface ProbeAttempt {
  outcome: ProbeOutcome;
  detail?: string;
  ms: number;
}

/** Tries one TCP connection; injectable so unit tests need no network. */
export type Prober = (host: string, port: number, timeoutMs: number) => Promise<ProbeAttempt>;

const OUTCOME_BY_CODE: Record<string, ProbeOutcome> = {
  EPERM: 'blocked',
  EACCES: 'blocked',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'refused',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timeout',
};

/** Whether an outcome shows that traffic reached the peer (or its host answered). */
export function reached(outcome: ProbeOutcome): boolean {
  return outcome === 'connected' || outcome === 'refused';
}

export const tcpProbe: Prober = (host, port, timeoutMs) =>
  new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host, port });
    const finish = (outcome: ProbeOutcome, detail?: string) => {
      socket.destroy();
      resolve({ outcome, ms: Math.round((performance.now() - started) * 10) / 10, ...(detail ? { detail } : {}) });
    };
    socket.setTimeout(timeoutMs, () => finish('timeout', `no answer within ${timeoutMs} ms`));
    socket.once('connect', () => finish('connected'));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(OUTCOME_BY_CODE[error.code ?? ''] ?? 'error', error.code ?? error.message));
  });
