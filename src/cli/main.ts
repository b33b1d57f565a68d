/** The `firebreak` command: subcommands mirror the API (see exit.ts for exit codes). */
import { Command, CommanderError } from 'commander';
import { UserError, formatIssue } from '../shared/errors.js';
import { ApiError, ConnectionError } from './client.js';
import { registerAgent } from './commands/agent.command.js';
import { registerAudit } from './commands/audit.command.js';
import { registerAuth } from './commands/auth.command.js';
import { registerDemo } from './commands/demo.command.js';
import { registerEstate } from './commands/estate.command.js';
import { registerExercise } from './commands/exercise.command.js';
import { registerHunt } from './commands/hunt.command.js';
import { registerIncidents } from './commands/incidents.command.js';
import { registerIngest } from './commands/ingest.command.js';
import { registerNotice } from './commands/notice.command.js';
import { registerPlan } from './commands/plan.command.js';
import { registerReport } from './commands/report.command.js';
import { registerRecovery } from './commands/recovery.command.js';
import { registerSweep } from './commands/sweep.command.js';
import { registerServe } from './commands/serve.command.js';
import { registerUsers } from './commands/users.command.js';
import { createCliContext } from './context.js';
import { EXIT, ExitCode } from './exit.js';
import { stdio, type Output } from './output.js';

export function buildProgram(out: Output = stdio, env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('firebreak')
    .description('Ransomware incident command: estate, incidents, containment, recovery, obligations.')
    .option('--server <url>', 'Firebreak server URL (env FIREBREAK_URL)', undefined)
    .option('--token <token>', 'bearer token (env FIREBREAK_TOKEN; default: the one saved by "firebreak login")')
    .option('--json', 'print JSON instead of tables')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.out(s.trimEnd()), writeErr: (s) => out.err(s.trimEnd()) });
  const ctx = createCliContext(program, out, env);
  registerServe(program, ctx);
  registerAuth(program, ctx);
  registerUsers(program, ctx);
  registerEstate(program, ctx);
  registerIncidents(program, ctx);
  registerPlan(program, ctx);
  registerHunt(program, ctx);
  registerIngest(program, ctx);
  registerReport(program, ctx);
  registerSweep(program, ctx);
  registerRecovery(program, ctx);
  registerNotice(program, ctx);
  registerAudit(program, ctx);
  registerDemo(program, ctx);
  registerAgent(program, ctx);
  registerExercise(program, ctx);
  return program;
}

/** Runs the CLI and returns the exit code (bin/firebreak.js sets process.exitCode). */
export async function main(argv: string[], out: Output = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildProgram(out, env);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, out);
  }
}

function reportError(error: unknown, out: Output): number {
  if (error instanceof ExitCode) return error.code;
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ApiError) {
    out.err(error.describe());
    return error.status >= 500 ? EXIT.unavailable : EXIT.refused;
  }
  if (error instanceof ConnectionError) {
    out.err(`error: ${error.message}`);
    return EXIT.unavailable;
  }
  if (error instanceof UserError) {
    out.err(`error: ${error.message}`);
    for (const issue of error.issues) out.err(`  ${formatIssue(issue)}`);
    const hint = error.details['hint'];
    if (typeof hint === 'string') out.err(`HINT: ${hint}`);
    return EXIT.refused;
  }
  out.err(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.unavailable;
}
