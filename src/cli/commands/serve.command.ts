/** `firebreak serve`: start the server on the embedded default (PGlite) or DATABASE_URL. */
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/serve.js';
import type { CliContext } from '../context.js';

function rulesLine(status: { stats: { rules: number } | null; problemCount: number; rulePaths: string[] }): string {
  const loaded = `${status.stats?.rules ?? 0} Sigma rules from ${status.rulePaths.join(', ')}`;
  return status.problemCount === 0 ? loaded : `${loaded} (${status.problemCount} could not be loaded: GET /api/detect/status)`;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('start the Firebreak server (PGlite in FIREBREAK_DATA by default, PostgreSQL with DATABASE_URL)')
    .option('--port <port>', 'port to listen on (env FIREBREAK_PORT, default 7373)')
    .option('--host <host>', 'address to listen on (env FIREBREAK_HOST, default 127.0.0.1)')
    .option('--data <dir>', 'data folder for the embedded database (env FIREBREAK_DATA, default ./.firebreak)')
    .action(async (opts: { port?: string; host?: string; data?: string }) => {
      const env = { ...ctx.env };
      if (opts.port) env['FIREBREAK_PORT'] = opts.port;
      if (opts.host) env['FIREBREAK_HOST'] = opts.host;
      if (opts.data) env['FIREBREAK_DATA'] = opts.data;
      const config = loadConfig(env);
      const server = await startServer(config, { logger: { level: config.logLevel } });
      const { boot } = server;
      const storage = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
      const lines = [
        '',
        `Firebreak is running at ${server.url}  (open it in a browser: the command centre)`,
        `  storage: ${storage}`,
        `  estate:  ${boot.hosts} hosts${boot.demoLoaded ? ' (the built-in demo estate, loaded on first start)' : ''}`,
        `  rules:   ${rulesLine(server.ctx.detection.status())}`,
        `  API:     ${server.url}/api (OpenAPI at ${server.url}/api/openapi.json)`,
      ];
      if (boot.generatedPassword) {
        lines.push('', `Log in as "admin" with this one-time password (shown only now; set FIREBREAK_ADMIN_PASSWORD to choose one):`, '', `    ${boot.generatedPassword}`, '');
      } else if (boot.adminCreated) {
        lines.push('', 'Log in as "admin" with the password from FIREBREAK_ADMIN_PASSWORD.');
      } else {
        lines.push('', 'Log in with your Firebreak account (user "admin" was created on first start).');
      }
      lines.push(`CLI: firebreak login --server ${server.url} --username admin`, '');
      ctx.out.out(lines.join('\n'));
      await new Promise<void>((resolve) => {
        const stop = () => {
          ctx.out.err('stopping Firebreak...');
          void server.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
