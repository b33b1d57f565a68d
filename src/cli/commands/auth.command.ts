/** `firebreak login`, `logout`, `whoami` and `tokens`. */
import type { Command } from 'commander';
import { apiTokenSchema, meSchema, tokenResponseSchema } from '../../contracts/auth.js';
import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { ApiClient } from '../client.js';
import { forgetCredentials, saveCredentials } from '../credentials.js';
import { readSecret } from '../prompt.js';
import { fields, json, table } from '../output.js';

export function registerAuth(program: Command, ctx: CliContext): void {
  program
    .command('login')
    .description('log in and save a token for later commands (password from FIREBREAK_PASSWORD, stdin, or a prompt)')
    .option('--username <name>', 'user name', 'admin')
    .option('--print-token', 'print the token instead of saving it')
    .action(async (opts: { username: string; printToken?: boolean }) => {
      const password = ctx.env['FIREBREAK_PASSWORD'] ?? (await readSecret(`password for ${opts.username}: `));
      if (!password) throw new UserError('invalid_input', 'no password given', [], { hint: 'type it at the prompt, pipe it on stdin or set FIREBREAK_PASSWORD' });
      const client = new ApiClient({ server: ctx.server() });
      const result = await client.post('/api/auth/token', { username: opts.username, password }, tokenResponseSchema);
      if (opts.printToken) return ctx.out.out(result.token);
      const file = await saveCredentials({ server: ctx.server(), token: result.token, username: result.user.username, expiresAt: result.expiresAt }, ctx.env);
      ctx.out.out(`logged in to ${ctx.server()} as ${result.user.username} (${result.user.role}); token saved in ${file}, valid until ${result.expiresAt}`);
    });

  program
    .command('logout')
    .description('revoke the saved token and forget it')
    .action(async () => {
      const client = await ctx.client();
      await client.request('POST', '/api/auth/logout').catch(() => undefined);
      await forgetCredentials(ctx.env);
      ctx.out.out('logged out');
    });

  program
    .command('whoami')
    .description('show the user, role and entities of the current token')
    .action(async () => {
      const me = await (await ctx.client()).get('/api/auth/me', meSchema);
      ctx.out.out(ctx.json() ? json(me) : fields({ ...me, entities: me.entities === '*' ? 'all' : me.entities }));
    });

  const tokens = program.command('tokens').description('named API tokens for scripts');
  tokens.command('list').description('list your tokens').action(async () => {
    const result = await (await ctx.client()).get('/api/tokens', z.object({ items: z.array(apiTokenSchema) }));
    ctx.out.out(ctx.json() ? json(result.items) : table(result.items, ['id', 'name', 'kind', 'expiresAt', 'lastUsedAt']));
  });
  tokens
    .command('create <name>')
    .description('create a token; it is printed once')
    .option('--days <n>', 'days until it expires', '90')
    .action(async (name: string, opts: { days: string }) => {
      const result = await (await ctx.client()).post('/api/tokens', { name, expiresInDays: Number(opts.days) }, apiTokenSchema.extend({ token: z.string() }));
      ctx.out.out(ctx.json() ? json(result) : `${result.token}\n(id ${result.id}, expires ${result.expiresAt}; shown only now)`);
    });
  tokens.command('revoke <id>').description('revoke a token').action(async (id: string) => {
    await (await ctx.client()).request('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
    ctx.out.out(`revoked ${id}`);
  });
}
