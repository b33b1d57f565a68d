/**
 * Running system commands (nft, ip). Injected everywhere, so unit tests run without root with a fake, and the
 * namespace test can prefix commands with `ip netns exec NS`.
 */
import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SystemExecutor {
  /** Runs `argv` (no shell), feeding `input` to stdin; resolves with the exit code, never rejects on non-zero. */
  run(argv: readonly string[], options?: { input?: string; timeoutMs?: number }): Promise<ExecResult>;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/** The real executor: `spawn` without a shell, with a timeout (default 15 s) and capped output. */
export const processExecutor: SystemExecutor = {
  run(argv, options = {}) {
    const [file, ...args] = argv;
    if (file === undefined) return Promise.reject(new TypeError('empty command'));
    return new Promise((resolve) => {
      const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 15_000 });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
      });
      child.on('error', (error) => resolve({ code: 127, stdout, stderr: `${stderr}${error.message}` }));
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  },
};

/** Splits a configured command such as `ip netns exec fbt-a nft` into argv (whitespace-separated, no quoting). */
export function commandWords(command: string): string[] {
  return command.trim().split(/\s+/).filter(Boolean);
}
