/**
 * First start: create the `admin` user (password from FIREBREAK_ADMIN_PASSWORD, or a generated one-time
 * password that is printed once and never stored in clear), and load the demo estate when the estate is empty.
 */
import { generateDemoEstate } from '../estate/demo.js';
import type { AppContext } from './context.js';
import { generatePassword, hashPassword } from './auth/secrets.js';

export interface BootstrapResult {
  adminCreated: boolean;
  /** Set only when the password was generated: show it once. */
  generatedPassword?: string;
  demoLoaded: boolean;
  hosts: number;
}

export async function bootstrap(ctx: AppContext): Promise<BootstrapResult> {
  const result: BootstrapResult = { adminCreated: false, demoLoaded: false, hosts: 0 };
  if ((await ctx.store.users.count()) === 0) {
    const password = ctx.config.adminPassword ?? generatePassword();
    await ctx.store.users.create({
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin',
      entities: ['*'],
      passwordHash: await hashPassword(password),
      disabled: false,
      createdAt: ctx.now().toISOString(),
    });
    result.adminCreated = true;
    if (ctx.config.adminPassword === undefined) result.generatedPassword = password;
  }
  const bootstrapped = await ctx.store.settings.get('bootstrap.estate');
  if (bootstrapped === undefined) {
    const current = await ctx.estate.current();
    if (ctx.config.loadDemo && current.doc.hosts.length === 0) {
      await ctx.estate.replaceWithDocument(generateDemoEstate());
      result.demoLoaded = true;
    }
    await ctx.store.settings.set('bootstrap.estate', result.demoLoaded ? 'demo' : 'none');
  }
  result.hosts = (await ctx.estate.current()).doc.hosts.length;
  return result;
}
