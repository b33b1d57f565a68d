/**
 * The agent channels held by this server node. Each agent has at most one live socket here (a new connection
 * replaces the old one), and the work for one agent runs one task at a time, so the commands it is sent carry
 * sequence numbers in the order they leave.
 */

/** The part of a WebSocket the hub uses (the `ws` socket satisfies it). */
export interface ChannelSocket {
  send(data: string, callback: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
}

export class AgentHub {
  private readonly sockets = new Map<string, ChannelSocket>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /** Holds the socket for the agent, closing a previous one. */
  attach(agentId: string, socket: ChannelSocket): void {
    const previous = this.sockets.get(agentId);
    this.sockets.set(agentId, socket);
    if (previous && previous !== socket) previous.close(4000, 'replaced by a newer connection');
  }

  /** Forgets the socket if it is still the agent's current one; true when it was. */
  detach(agentId: string, socket: ChannelSocket): boolean {
    if (this.sockets.get(agentId) !== socket) return false;
    this.sockets.delete(agentId);
    return true;
  }

  has(agentId: string): boolean {
    return this.sockets.has(agentId);
  }

  get size(): number {
    return this.sockets.size;
  }

  /** Sends a JSON message; resolves false when the agent has no socket here or the write failed. */
  send(agentId: string, message: unknown): Promise<boolean> {
    const socket = this.sockets.get(agentId);
    if (!socket) return Promise.resolve(false);
    return new Promise((resolve) => {
      try {
        socket.send(JSON.stringify(message), (error) => resolve(error === undefined || error === null));
      } catch {
        resolve(false);
      }
    });
  }

  /** Runs tasks for one agent one after another (a failed task does not stop the next). */
  serial<T>(agentId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(agentId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(agentId, settled);
    void settled.then(() => {
      if (this.queues.get(agentId) === settled) this.queues.delete(agentId);
    });
    return next;
  }

  closeAll(code = 1001, reason = 'server stopping'): void {
    for (const socket of this.sockets.values()) socket.close(code, reason);
    this.sockets.clear();
  }
}
