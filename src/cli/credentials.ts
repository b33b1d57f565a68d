/** Where the CLI keeps the token from `firebreak login`: ~/.config/firebreak/credentials.json, mode 0600. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SavedCredentials {
  server: string;
  token: string;
  username: string;
  expiresAt: string;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config');
  return path.join(base, 'firebreak', 'credentials.json');
}

export async function loadCredentials(env?: NodeJS.ProcessEnv): Promise<SavedCredentials | undefined> {
  try {
    return JSON.parse(await readFile(credentialsPath(env), 'utf8')) as SavedCredentials;
  } catch {
    return undefined;
  }
}

export async function saveCredentials(credentials: SavedCredentials, env?: NodeJS.ProcessEnv): Promise<string> {
  const file = credentialsPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export async function forgetCredentials(env?: NodeJS.ProcessEnv): Promise<void> {
  await rm(credentialsPath(env), { force: true });
}
