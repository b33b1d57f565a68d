/**
 * A simulated fleet in a child process, so that its work (10,000 sockets, a signature check per command) does
 * not share the server's event loop. `forkFleet` starts it and answers like `SimulatedFleet`; the child is
 * this same module run as a script, driven over the IPC channel.
 *
 * @example
 * const fleet = await forkFleet({ server, adminToken, hosts, behaviour: { latencyMs: 5 } });
 * console.log(await fleet.stats());
 * await fleet.close();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BehaviourInput, Indicators } from './behaviour.js';
import { startSimulatedFleet, type FleetOptions, type FleetStats, type SimulatedFleet } from './fleet.js';

/** What crosses the process boundary (no functions). */
export type FleetProcessOptions = Omit<FleetOptions, 'log'>;

type Request =
  | { op: 'start'; options: FleetProcessOptions }
  | { op: 'stats' }
  | { op: 'setOffline'; hostnames: string[]; offlineMs?: number }
  | { op: 'setOnline'; hostnames: string[] }
  | { op: 'infect'; hostnames: string[]; indicators?: Partial<Indicators> }
  | { op: 'setBehaviour'; patch: Partial<BehaviourInput> }
  | { op: 'waitConnected'; hostnames?: string[]; timeoutMs?: number }
  | { op: 'close' };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface RemoteFleet {
  readonly pid: number;
  /** Agent ids by hostname. */
  readonly agents: ReadonlyMap<string, string>;
  stats(): Promise<FleetStats & { cpuMs: number }>;
  setOffline(hostnames: string[], offlineMs?: number): Promise<void>;
  setOnline(hostnames: string[]): Promise<void>;
  infect(hostnames: string[], indicators?: Partial<Indicators>): Promise<void>;
  setBehaviour(patch: Partial<BehaviourInput>): Promise<void>;
  waitConnected(hostnames?: string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fleet in a child process (enrolment included) and resolves once every online agent is welcomed. */
export async function forkFleet(options: FleetProcessOptions): Promise<RemoteFleet> {
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, [], { execArgv: self.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = rpc(child);
  try {
    const started = (await call({ op: 'start', options })) as [string, string][];
    return {
      pid: child.pid ?? 0,
      agents: new Map(started),
      stats: async () => (await call({ op: 'stats' })) as FleetStats & { cpuMs: number },
      setOffline: async (hostnames, offlineMs) => void (await call({ op: 'setOffline', hostnames, ...(offlineMs !== undefined ? { offlineMs } : {}) })),
      setOnline: async (hostnames) => void (await call({ op: 'setOnline', hostnames })),
      infect: async (hostnames, indicators) => void (await call({ op: 'infect', hostnames, ...(indicators ? { indicators } : {}) })),
      setBehaviour: async (patch) => void (await call({ op: 'setBehaviour', patch })),
      waitConnected: async (hostnames, timeoutMs) => void (await call({ op: 'waitConnected', ...(hostnames ? { hostnames } : {}), ...(timeoutMs ? { timeoutMs } : {}) })),
      close: async () => {
        await call({ op: 'close' }).catch(() => undefined);
        child.kill();
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

function rpc(child: ChildProcess): (request: Request) => Promise<unknown> {
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: Reply) => {
    const w = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) w?.resolve(message.value);
    else w?.reject(new Error(message.error));
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the fleet process exited (code ${code ?? 'signal'})`));
    waiting.clear();
  });
  return (request) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.send({ id, ...request });
    });
}

/** The child: one fleet, driven by requests from the parent. */
function serve(): void {
  let fleet: SimulatedFleet | undefined;
  const handle = async (request: Request): Promise<unknown> => {
    if (request.op === 'start') {
      fleet = await startSimulatedFleet({ ...request.options, log: (line) => console.error(line) });
      return fleet.agents.map((a) => [a.hostname, a.agentId]);
    }
    if (!fleet) throw new Error('the fleet has not started');
    switch (request.op) {
      case 'stats': {
        const cpu = process.cpuUsage();
        return { ...fleet.stats(), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
      }
      case 'setOffline':
        return fleet.setOffline(request.hostnames, request.offlineMs);
      case 'setOnline':
        return fleet.setOnline(request.hostnames);
      case 'infect':
        return fleet.infect(request.hostnames, request.indicators);
      case 'setBehaviour':
        return fleet.setBehaviour(request.patch);
      case 'waitConnected':
        return fleet.waitConnected(request.hostnames, request.timeoutMs);
      case 'close':
        await fleet.close();
        setImmediate(() => process.exit(0));
        return undefined;
    }
  };
  process.on('message', (message: Request & { id: number }) => {
    handle(message).then(
      (value) => process.send?.({ id: message.id, ok: true, value: value ?? null }),
      (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve();
