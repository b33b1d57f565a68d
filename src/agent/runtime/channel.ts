/**
 * The agent's end of the control channel: one WebSocket to `/api/agents/connect`, authenticated with the
 * agent credential. It sends a heartbeat (and a WebSocket ping) every interval, drops a connection whose
 * pings go unanswered, reconnects with capped exponential backoff and jitter, and keeps command results in
 * an outbox while disconnected so none is lost. Results written to a connection that then dropped may never
 * have arrived (a half-open socket takes them without complaint): the results of the last ten minutes are sent
 * again after each reconnect. The server ignores a result that does not move its command (a repeat).
 */
import WebSocket from 'ws';
import { serverMessageSchema, type AgentMessage, type ServerMessage } from '../protocol/messages.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

export interface ChannelOptions {
  /** `ws://` or `wss://` URL of `/api/agents/connect`. */
  url: string;
  credential: string;
  heartbeatMs: number;
  backoff?: BackoffOptions;
  random?: () => number;
  heartbeat(): AgentMessage;
  onOpen(): void;
  onMessage(message: ServerMessage): void;
  log(line: string): void;
}

const OUTBOX_LIMIT = 1000;
/** Results sent again after a reconnect: at most this many, of at most this age. */
const RECENT_LIMIT = 500;
const RECENT_MS = 10 * 60_000;

/** `http://host:port/base` to `ws://host:port/base/api/agents/connect`. */
export function connectUrl(serverUrl: string, connectPath = '/api/agents/connect'): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${connectPath}`;
  return url.toString();
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(new Uint8Array(data)).toString('utf8') : data.toString('utf8');
}

export class AgentChannel {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private lastPong = 0;
  private readonly outbox: AgentMessage[] = [];
  private recent: { message: AgentMessage; at: number }[] = [];

  constructor(private readonly options: ChannelOptions) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Sends now, or keeps a result for the next connection (heartbeats and inventory are not kept). */
  send(message: AgentMessage): void {
    if (this.socket && this.connected) this.deliver(this.socket, message);
    else if (message.kind === 'result' && this.outbox.length < OUTBOX_LIMIT) this.outbox.push(message);
  }

  /** Writes to the socket, remembering results (not refusals) to send again after a reconnect. */
  private deliver(socket: WebSocket, message: AgentMessage): void {
    socket.send(JSON.stringify(message));
    if (message.kind !== 'result' || message.state === 'rejected') return;
    this.recent.push({ message, at: Date.now() });
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'agent stopping');
      setTimeout(() => socket.terminate(), 2000).unref();
    });
  }

  private connect(): void {
    const socket = new WebSocket(this.options.url, { headers: { authorization: `Bearer ${this.options.credential}` }, handshakeTimeout: 10_000, maxPayload: 1024 * 1024 });
    this.socket = socket;
    socket.on('open', () => this.opened(socket));
    socket.on('pong', () => (this.lastPong = Date.now()));
    socket.on('message', (data: WebSocket.RawData) => this.received(data));
    socket.on('error', (error) => this.options.log(`channel error: ${error.message}`));
    socket.on('close', (code) => this.closed(code));
  }

  private opened(socket: WebSocket): void {
    this.options.log(`connected to ${this.options.url}`);
    this.lastPong = Date.now();
    this.recent = this.recent.filter((r) => Date.now() - r.at <= RECENT_MS);
    const again = this.recent.map((r) => r.message);
    if (again.length > 0) this.options.log(`sending the ${again.length} result(s) of the last ten minutes again (the previous connection may have lost them)`);
    for (const message of again) socket.send(JSON.stringify(message));
    for (const message of this.outbox.splice(0)) this.deliver(socket, message);
    this.options.onOpen();
    this.ticker = setInterval(() => this.tick(socket), this.options.heartbeatMs);
  }

  private tick(socket: WebSocket): void {
    if (Date.now() - this.lastPong > 3 * this.options.heartbeatMs) {
      this.options.log('no answer from the server for 3 heartbeats: reconnecting');
      socket.terminate();
      return;
    }
    socket.ping();
    this.send(this.options.heartbeat());
  }

  private received(data: WebSocket.RawData): void {
    let parsed: ServerMessage;
    try {
      parsed = serverMessageSchema.parse(JSON.parse(rawText(data)));
    } catch (error) {
      this.options.log(`ignored a message that is not valid JSON of the protocol: ${error instanceof Error ? error.message.slice(0, 200) : 'invalid'}`);
      return;
    }
    if (parsed.kind === 'welcome') this.attempt = 0;
    this.options.onMessage(parsed);
  }

  private closed(code: number): void {
    clearInterval(this.ticker);
    this.socket = undefined;
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random ?? Math.random);
    this.options.log(`disconnected (code ${code}); reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
