/**
 * Where an exercise runs: an embedded Firebreak (PGlite in a temporary folder, the scenario's estate, the
 * server on the scenario clock) or a running server reached with an admin token. Either way the driver only
 * speaks the HTTP API, as a team would.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from '../../cli/client.js';
import { loadConfig } from '../../server/config.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import type { Scenario } from '../scenario.schema.js';

export interface ExerciseTarget {
  url: string;
  admin: ApiClient;
  adminToken: string;
  /** True when the server runs on the scenario clock (embedded). */
  scenarioClock: boolean;
  close(): Promise<void>;
}

/** Starts an embedded server on the scenario clock with the scenario's estate; `keep` keeps its data folder. */
export async function embeddedTarget(scenario: Scenario, scenarioFile: string, now: () => Date, options: { dataDir?: string; port?: number; quiet?: boolean } = {}): Promise<ExerciseTarget> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), `firebreak-exercise-${scenario.id}-`)));
  const password = randomBytes(18).toString('base64url');
  const demo = scenario.estate.demo !== undefined && scenario.estate.demo.seed === 2021;
  const config = loadConfig({
    FIREBREAK_DATA: dataDir,
    FIREBREAK_PORT: String(options.port ?? 0),
    FIREBREAK_ADMIN_PASSWORD: password,
    FIREBREAK_DEMO: demo ? 'true' : 'false',
    // Sessions last the whole scenario (its clock runs days ahead in minutes).
    FIREBREAK_SESSION_HOURS: String(24 * 30),
    FIREBREAK_LOG_LEVEL: options.quiet === false ? 'warn' : 'silent',
  });
  let server: RunningServer | undefined;
  try {
    server = await startServer(config, {}, now);
    const { client: admin, token: adminToken } = await login(server.url, 'admin', password);
    if (!demo) await importEstate(admin, scenario, scenarioFile);
    const running = server;
    return {
      url: server.url,
      admin,
      adminToken,
      scenarioClock: true,
      async close() {
        await running.close();
        if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A running server; the token must be an admin's (the exercise creates its people and enrols its agents). */
export function remoteTarget(url: string, token: string): ExerciseTarget {
  return { url, admin: new ApiClient({ server: url, token }), adminToken: token, scenarioClock: false, close: () => Promise.resolve() };
}

export async function login(url: string, username: string, password: string): Promise<{ client: ApiClient; token: string }> {
  const anonymous = new ApiClient({ server: url });
  const { token } = await anonymous.request<{ token: string }>('POST', '/api/auth/token', { username, password });
  return { client: new ApiClient({ server: url, token }), token };
}

async function importEstate(admin: ApiClient, scenario: Scenario, scenarioFile: string): Promise<void> {
  if (scenario.estate.file) {
    const file = path.resolve(path.dirname(scenarioFile), scenario.estate.file);
    const text = await readFile(file, 'utf8');
    await admin.request('POST', '/api/estate/import', { content: text, filename: path.basename(file) });
    return;
  }
  const { generateDemoEstate } = await import('../../estate/demo.js');
  const doc = generateDemoEstate({ seed: scenario.estate.demo?.seed ?? 2021 });
  await admin.request('POST', '/api/estate/import', { format: 'json', content: JSON.stringify(doc), filename: `demo-${scenario.estate.demo?.seed ?? 2021}.json` });
}
