/**
 * An in-process Firebreak for HTTP tests: PGlite in a temporary folder, a small two-region estate, and one user
 * (with a token) per role. Requests go through `app.inject()`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import type { AppContext } from '../../src/server/context.js';
import { createContext } from '../../src/server/serve.js';
import { openStore } from '../../src/store/open-store.js';
import type { Role } from '../../src/store/types.js';

export const ADMIN_PASSWORD = 'correct-horse-battery-staple';
export const USER_PASSWORD = 'a-long-test-password';

/** Two regions: a Japanese parent (APAC) and a UK subsidiary (EMEA) linked over a WAN. */
export const SMALL_ESTATE = `
version: 1
regions:
  - { id: apac, name: Asia-Pacific }
  - { id: emea, name: "Europe, Middle East and Africa" }
entities:
  - { id: jp-hq, name: Example Holdings KK, country: JP, region: apac, regulators: [ppc-jp], flags: { listedCompany: true } }
  - { id: uk-ltd, name: Example UK Ltd, country: GB, region: emea, regulators: [ico] }
segments:
  - { id: jp-office, name: Tokyo office, entity: jp-hq, cidrs: [10.1.0.0/16], external: [{ kind: internet, name: Tokyo breakout }] }
  - { id: jp-dc, name: Tokyo data centre, entity: jp-hq, cidrs: [10.2.0.0/16] }
  - { id: uk-office, name: UK office, entity: uk-ltd, cidrs: [10.40.0.0/16] }
links:
  - { from: jp-office, to: jp-dc, ports: any }
  - { from: uk-office, to: jp-dc, ports: [445, 'tcp/443'] }
hosts:
  - { hostname: jp-ws01, ips: [10.1.0.11], os: windows-11, role: workstation, criticality: low, entity: jp-hq, segment: jp-office }
  - { hostname: jp-fs01, ips: [10.2.0.10], os: windows-server-2019, role: file-server, criticality: high, entity: jp-hq, segment: jp-dc }
  - { hostname: jp-dc01, ips: [10.2.0.5], os: windows-server-2022, role: domain-controller, criticality: critical, entity: jp-hq, segment: jp-dc }
  - { hostname: uk-ws01, ips: [10.40.0.21], os: windows-11, role: workstation, criticality: low, entity: uk-ltd, segment: uk-office }
  - { hostname: uk-app01, ips: [10.40.1.5], os: rhel-9, role: app-server, criticality: high, entity: uk-ltd, segment: uk-office }
services:
  - { id: identity, name: Identity, entity: jp-hq, hosts: [jp-dc01], criticality: critical }
  - { id: uk-orders, name: UK order intake, entity: uk-ltd, hosts: [uk-app01], dependsOn: [identity], throughput: { perHour: 120, unit: orders } }
dataStores:
  - { id: uk-crm, name: UK CRM, host: uk-app01, personalData: [contact], subjectCountries: [GB], records: 50000, encryptedAtRest: true }
`;

export const ROLE_USERS: Record<Role, { username: string; entities: string[] }> = {
  viewer: { username: 'vera', entities: ['*'] },
  responder: { username: 'rob', entities: ['*'] },
  entity_lead: { username: 'uk-lead', entities: ['uk-ltd'] },
  commander: { username: 'cora', entities: ['*'] },
  admin: { username: 'admin', entities: ['*'] },
};

export interface Harness {
  app: FastifyInstance;
  ctx: AppContext;
  tokens: Record<Role, string>;
  /** A request as a role (or anonymous with `null`). */
  as(role: Role | null, method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startHarness(options: { now?: () => Date } = {}): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-test-'));
  const store = await openStore({ dataDir: dir });
  const config = loadConfig({ FIREBREAK_DATA: dir, FIREBREAK_DEMO: 'false', FIREBREAK_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const ctx = createContext(store, config, options.now);
  await bootstrap(ctx);
  await ctx.obligations.load();
  await ctx.estate.importText(SMALL_ESTATE, 'small-estate.yaml', 'yaml', false);
  const app = await buildApp(ctx);
  const login = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/token', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  const tokens = { admin: adminToken } as Record<Role, string>;
  for (const [role, user] of Object.entries(ROLE_USERS) as [Role, { username: string; entities: string[] }][]) {
    if (role === 'admin') continue;
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { username: user.username, role, entities: user.entities, password: USER_PASSWORD },
    });
    if (res.statusCode !== 201) throw new Error(`create ${user.username}: ${res.statusCode} ${res.body}`);
    tokens[role] = await login(user.username, USER_PASSWORD);
  }
  return {
    app,
    ctx,
    tokens,
    as: (role, method, url, body) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
