/** The Linux collectors on this very process: it is listed with its executable, and its listening socket with its pid. */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linuxProcesses, linuxSockets } from './linux-host.js';

let server: net.Server;
let port: number;

beforeAll(async () => {
  server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Linux collectors', () => {
  it('list this process with its executable and command line', async () => {
    const me = (await linuxProcesses()).find((p) => p.pid === process.pid);
    expect(me).toMatchObject({ pid: process.pid, ppid: process.ppid, exe: process.execPath });
    expect(me?.cmdline).toContain('node');
  });

  it("list this process's listening socket, owned by this process", async () => {
    const mine = (await linuxSockets()).find((s) => s.localPort === port && s.state === 'LISTEN');
    expect(mine).toMatchObject({ proto: 'tcp', localAddress: '127.0.0.1', pid: process.pid });
  });
});
