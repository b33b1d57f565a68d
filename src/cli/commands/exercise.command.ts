/**
 * `firebreak exercise list | check FILE | run SCENARIO [--speed N] [--remote] [--report FILE]`.
 *
 * `run` takes a built-in scenario id (content/scenarios) or a file. By default it starts an embedded
 * Firebreak on the scenario clock; `--remote` runs against the server of `--server`/`FIREBREAK_URL` with the
 * admin token of `firebreak login` (the server's clock stays real). Exit codes: 0 every expectation met,
 * 1 the scenario is invalid or an expectation failed, 3 the server could not be reached.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatScenarioDuration } from '../../exercise/duration.js';
import { loadScenario, runExercise } from '../../exercise/driver/run.js';
import { resolveScenario, scenariosDir } from '../../exercise/driver/scenarios.js';
import { formatSummary } from '../../exercise/summary.js';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { EXIT, ExitCode } from '../exit.js';

export function registerExercise(program: Command, ctx: CliContext): void {
  const exercise = program.command('exercise').description('rehearse an incident: replay a scenario with simulated agents and people');

  exercise
    .command('list')
    .description('the built-in scenarios')
    .action(async () => {
      const files = (await readdir(scenariosDir())).filter((f) => f.endsWith('.yaml')).sort();
      for (const file of files) {
        const scenario = await loadScenario(path.join(scenariosDir(), file));
        ctx.out.out(ctx.json() ? JSON.stringify({ id: scenario.id, title: scenario.title, summary: scenario.summary }) : `${scenario.id.padEnd(28)}${scenario.title}`);
      }
    });

  exercise
    .command('check <scenario>')
    .description('validate a scenario file without running it')
    .action(async (name: string) => {
      const scenario = await loadScenario(resolveScenario(name));
      ctx.out.out(`${scenario.id}: valid (${scenario.attack.length} attack steps, ${scenario.people.length} people, ${scenario.playbook.length} playbook steps, ${scenario.expect.length} expectations)`);
    });

  exercise
    .command('run <scenario>')
    .description('run a scenario end to end and print its summary and comparison')
    .option('--speed <n>', 'scenario seconds per real second (default: the scenario\'s)')
    .option('--remote', 'run against the server of --server / FIREBREAK_URL (admin token of `firebreak login`) instead of an embedded one')
    .option('--report <file>', 'write the incident report (Markdown) to a file')
    .option('--quiet', 'no progress lines')
    .action(async (name: string, opts: { speed?: string; remote?: boolean; report?: string; quiet?: boolean }) => {
      const file = resolveScenario(name);
      const scenario = await loadScenario(file);
      const speed = opts.speed === undefined ? undefined : Number(opts.speed);
      if (speed !== undefined && !(speed > 0)) throw new UserError('invalid_input', `--speed ${opts.speed} is not a positive number`, [], { hint: 'e.g. --speed 3600 (an hour per second)' });
      let server: { url: string; token: string } | undefined;
      if (opts.remote) {
        const client = await ctx.client();
        if (!client.token) throw new UserError('unauthenticated', `no token for ${client.server}`, [], { hint: 'run `firebreak login` as an admin first, or pass --token' });
        server = { url: client.server, token: client.token };
      }
      const progress = (line: string, elapsed: number) => {
        if (!opts.quiet && !ctx.json()) ctx.out.err(`[${formatScenarioDuration(elapsed).padStart(12)}] ${line}`);
      };
      // The first Ctrl-C stops the run and still prints what happened so far; a second one quits at once.
      const abort = new AbortController();
      const onInterrupt = () => {
        if (abort.signal.aborted) process.exit(130);
        ctx.out.err('stopping the exercise (Ctrl-C again to quit at once)');
        abort.abort('stopped with Ctrl-C');
      };
      process.on('SIGINT', onInterrupt);
      const result = await runExercise(scenario, file, { ...(speed ? { speed } : {}), ...(server ? { server } : {}), onProgress: progress, signal: abort.signal }).finally(() => process.off('SIGINT', onInterrupt));
      if (opts.report && result.report) await writeFile(opts.report, result.report);
      if (ctx.json()) ctx.out.out(JSON.stringify({ ...result, report: undefined }));
      else ctx.out.out(formatSummary(result).join('\n'));
      if (!result.ok) throw new ExitCode(EXIT.refused);
    });
}
