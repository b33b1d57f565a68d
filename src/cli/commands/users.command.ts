/** `firebreak users list|create|update` (admin). */
import type { Command } from 'commander';
import { z } from 'zod';
import { roleSchema, userSchema } from '../../contracts/auth.js';
import { UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { json, table } from '../output.js';
import { readSecret } from '../prompt.js';

const list = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

function parseRole(value: string) {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new UserError('invalid_input', `unknown role "${value}"`, [], { hint: `use one of ${roleSchema.options.join(', ')}` });
  return parsed.data;
}

export function registerUsers(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('manage users (admin)');

  users.command('list').description('list users').action(async () => {
    const result = await (await ctx.client()).get('/api/users', z.object({ items: z.array(userSchema) }));
    ctx.out.out(ctx.json() ? json(result.items) : table(result.items, ['username', 'displayName', 'role', 'entities', 'disabled']));
  });

  users
    .command('create <username>')
    .description('create a user (password from FIREBREAK_NEW_PASSWORD, stdin or a prompt)')
    .requiredOption('--role <role>', 'viewer, responder, entity_lead, commander or admin')
    .requiredOption('--entities <ids>', 'comma-separated entity ids the user may see and act on, or "*"')
    .option('--name <display name>', 'display name')
    .action(async (username: string, opts: { role: string; entities: string; name?: string }) => {
      const password = ctx.env['FIREBREAK_NEW_PASSWORD'] ?? (await readSecret(`new password for ${username}: `));
      const body = { username, role: parseRole(opts.role), entities: list(opts.entities), password, ...(opts.name ? { displayName: opts.name } : {}) };
      const user = await (await ctx.client()).post('/api/users', body, userSchema);
      ctx.out.out(ctx.json() ? json(user) : `created ${user.username} (${user.role}, entities ${user.entities.join(',')})`);
    });

  users
    .command('update <username>')
    .description('change role, entities, display name, password or disabled')
    .option('--role <role>', 'new role')
    .option('--entities <ids>', 'new comma-separated entity ids, or "*"')
    .option('--name <display name>', 'new display name')
    .option('--password', 'set a new password (from FIREBREAK_NEW_PASSWORD, stdin or a prompt)')
    .option('--disable', 'disable the account')
    .option('--enable', 'enable the account')
    .action(async (username: string, opts: { role?: string; entities?: string; name?: string; password?: boolean; disable?: boolean; enable?: boolean }) => {
      const body: Record<string, unknown> = {};
      if (opts.role) body['role'] = parseRole(opts.role);
      if (opts.entities) body['entities'] = list(opts.entities);
      if (opts.name) body['displayName'] = opts.name;
      if (opts.disable) body['disabled'] = true;
      if (opts.enable) body['disabled'] = false;
      if (opts.password) body['password'] = ctx.env['FIREBREAK_NEW_PASSWORD'] ?? (await readSecret(`new password for ${username}: `));
      const user = await (await ctx.client()).request('PATCH', `/api/users/${encodeURIComponent(username)}`, body, userSchema);
      ctx.out.out(ctx.json() ? json(user) : `updated ${user.username} (${user.role}, entities ${user.entities.join(',')}${user.disabled ? ', disabled' : ''})`);
    });
}
