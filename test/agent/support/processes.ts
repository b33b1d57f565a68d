/** Child processes of a test, with their output kept for failure messages, stopped by pid at the end. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Started {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export class Processes {
  private readonly started: Started[] = [];

  start(name: string, argv: string[], env: NodeJS.ProcessEnv = {}): Started {
    const [file, ...args] = argv;
    if (!file) throw new Error('empty argv');
    const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const keep = (chunk: Buffer) => {
      text = (text + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started: Started = { name, child, output: () => text, exited };
    this.started.push(started);
    return started;
  }

  /** Stops one process (SIGTERM, then SIGKILL after `graceMs`). */
  async stop(started: Started, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
    if (started.child.exitCode !== null || started.child.signalCode !== null) return;
    started.child.kill(signal);
    const timer = setTimeout(() => started.child.kill('SIGKILL'), graceMs);
    await started.exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    for (const started of this.started.splice(0).reverse()) await this.stop(started);
  }

  /** The last lines of every process, for a failure message. */
  describe(): string {
    return this.started.map((s) => `--- ${s.name} (pid ${s.child.pid ?? '?'}) ---\n${s.output().split('\n').slice(-40).join('\n')}`).join('\n');
  }
}
