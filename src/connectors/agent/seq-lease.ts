/**
 * Sequence numbers this node hands out from memory. When an agent connects, the node reserves a block of them
 * in the database (one update per batch of connections, which it writes anyway), so sending a command costs
 * no extra write for its sequence number. Blocks only grow: a later block (this node or another) is always
 * above every number handed out before, so the agent's `seq > lastSeq` check holds across nodes and restarts.
 * Unused numbers of a block are skipped, which the agent accepts (it needs increasing, not consecutive).
 */

/** How many sequence numbers a connection reserves (an `integer` column: 33 million reconnections per agent). */
export const SEQ_BLOCK = 64;

interface Lease {
  next: number;
  top: number;
}

export class SeqLeases {
  private readonly leases = new Map<string, Lease>();

  /** Records a block ending at `top` (inclusive); never moves an agent's numbers backwards. */
  grant(agentId: string, top: number, size: number): void {
    const current = this.leases.get(agentId);
    if (current && current.top >= top) return;
    const start = top - size + 1;
    this.leases.set(agentId, { next: Math.max(start, current ? current.next : start), top });
  }

  /** How many numbers are left for the agent. */
  remaining(agentId: string): number {
    const lease = this.leases.get(agentId);
    return lease ? lease.top - lease.next + 1 : 0;
  }

  /** The next number, or undefined when the block is used up (reserve another first). */
  take(agentId: string): number | undefined {
    const lease = this.leases.get(agentId);
    if (!lease || lease.next > lease.top) return undefined;
    return lease.next++;
  }

  drop(agentId: string): void {
    this.leases.delete(agentId);
  }
}
