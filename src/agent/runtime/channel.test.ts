import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { AgentMessage } from '../protocol/messages.js';
import { AgentChannel } from './channel.js';

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function server(): Promise<{ wss: WebSocketServer; url: string; received: string[]; sockets: WebSocket[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const received: string[] = [];
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data: WebSocket.RawData) => received.push((data as Buffer).toString('utf8')));
  });
  open.push({
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(resolve);
      }),
  });
  return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, received, sockets };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const result = (commandId: string, state: 'verified' | 'rejected'): AgentMessage => ({
  kind: 'result',
  commandId,
  state,
  at: '2026-11-25T10:00:00.000Z',
});

describe('AgentChannel', () => {
  it('sends the results of the last minutes again after a reconnect (a dropped connection may have lost them), never a refusal', async () => {
    const { url, received, sockets } = await server();
    let opens = 0;
    const channel = new AgentChannel({
      url,
      credential: 'c',
      heartbeatMs: 60_000,
      backoff: { baseMs: 10, capMs: 20 },
      random: () => 0,
      heartbeat: () => ({ kind: 'heartbeat', at: '2026-11-25T10:00:00.000Z' }) as AgentMessage,
      onOpen: () => (opens += 1),
      onMessage: () => undefined,
      log: () => undefined,
    });
    open.push({ close: () => channel.stop() });
    channel.start();
    await until(() => channel.connected);
    channel.send(result('c-1', 'verified'));
    channel.send(result('forged', 'rejected'));
    await until(() => received.length === 2);
    sockets[0]?.terminate();
    await until(() => opens === 2 && received.length === 3);
    expect(received.map((r) => (JSON.parse(r) as { commandId: string }).commandId)).toEqual(['c-1', 'forged', 'c-1']);
  });
});
