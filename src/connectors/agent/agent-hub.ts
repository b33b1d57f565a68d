/**
 * The agent channels held by this server node. Each agent has at most one live socket here (a new connection
 * replaces the old one). The hub also knows the hostname of each agent it holds, so that a fan-out finds the
 * agents of thousands of hosts without reading the database.
 */
import type { AgentRecord } from '../../store/agent-types.js';

/** The part of a WebSocket the hub uses (the `ws` socket satisfies it). */
export interface ChannelSocket {
  send(data: string, callback: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
}

export class AgentHub {
  private readonly sockets = new Map<string, ChannelSocket>();
  private readonly hostnames = new Map<string, string>();
  private readonly byHostname = new Map<string, AgentRecord>();

  /** Holds the socket for the agent, closing a previous one. */
  attach(agentId: string, socket: ChannelSocket, agent?: AgentRecord): void {
    const previous = this.sockets.get(agentId);
    this.sockets.set(agentId, socket);
    if (agent !== undefined) {
      this.hostnames.set(agentId, agent.hostname);
      this.byHostname.set(agent.hostname, agent);
    }
    if (previous && previous !== socket) previous.close(4000, 'replaced by a newer connection');
  }

  /** Forgets the socket if it is still the agent's current one; true when it was. */
  detach(agentId: string, socket: ChannelSocket): boolean {
    if (this.sockets.get(agentId) !== socket) return false;
    this.sockets.delete(agentId);
    const hostname = this.hostnames.get(agentId);
    this.hostnames.delete(agentId);
    if (hostname !== undefined && this.byHostname.get(hostname)?.id === agentId) this.byHostname.delete(hostname);
    return true;
  }

  has(agentId: string): boolean {
    return this.sockets.has(agentId);
  }

  /** Whether this socket is the agent's current one. */
  holds(agentId: string, socket: ChannelSocket): boolean {
    return this.sockets.get(agentId) === socket;
  }

  /** The agent connected here for an estate hostname (the most recent connection), if any. */
  agentFor(hostname: string): AgentRecord | undefined {
    return this.byHostname.get(hostname);
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

  closeAll(code = 1001, reason = 'server stopping'): void {
    for (const socket of this.sockets.values()) socket.close(code, reason);
    this.sockets.clear();
    this.hostnames.clear();
    this.byHostname.clear();
  }
}
