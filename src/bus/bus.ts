/**
 * The message bus between parts of Firebreak (and, scaled out, between nodes). Subjects are dot-separated
 * tokens, e.g. `incident.INC-0001.events`; a subscription may end in `>` to match the rest, or use `*` for
 * one token (NATS semantics, so the in-process and NATS JetStream implementations behave alike).
 */
export type Unsubscribe = () => void;

export interface Bus {
  publish(subject: string, message: unknown): Promise<void>;
  subscribe(pattern: string, handler: (message: unknown, subject: string) => void): Unsubscribe;
  close(): Promise<void>;
}

/** Whether a subject matches a NATS-style pattern. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
