/**
 * Connector settings from the environment (part of the server's configuration schema). Secrets are read here
 * and handed to the connectors only; nothing logs them, and `describeConnectorSettings` shows which are set
 * without their values.
 */
import { z } from 'zod';
import type { Issue } from '../shared/errors.js';
import type { MdeOptions } from './mde/index.js';
import type { WebhookOptions } from './webhook/index.js';

const httpUrl = z.string().url().regex(/^https?:\/\//, 'expected an http(s) URL');

export const connectorEnvSchema = {
  /** Where the generic webhook connector POSTs actions; unset: no webhook connector. */
  FIREBREAK_WEBHOOK_URL: httpUrl.optional(),
  /** The shared HMAC secret (at least 32 characters). */
  FIREBREAK_WEBHOOK_SECRET: z.string().min(32, 'use at least 32 random characters, e.g. `openssl rand -hex 32`').optional(),
  FIREBREAK_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Microsoft Defender for Endpoint: the Entra ID tenant and the app registration (client credentials). */
  FIREBREAK_MDE_TENANT_ID: z.string().regex(/^[A-Za-z0-9.-]{1,100}$/, 'a tenant id (GUID) or domain').optional(),
  FIREBREAK_MDE_CLIENT_ID: z.string().min(1).max(100).optional(),
  FIREBREAK_MDE_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  FIREBREAK_MDE_API_URL: httpUrl.default('https://api.securitycenter.microsoft.com'),
  FIREBREAK_MDE_LOGIN_URL: httpUrl.default('https://login.microsoftonline.com'),
  FIREBREAK_MDE_ISOLATION: z.enum(['Full', 'Selective']).default('Full'),
  FIREBREAK_MDE_POLL_SECONDS: z.coerce.number().min(1).max(300).default(10),
  FIREBREAK_MDE_WAIT_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
};

type ConnectorEnv = z.infer<z.ZodObject<typeof connectorEnvSchema>>;

export interface ConnectorSettings {
  webhook: WebhookOptions | undefined;
  mde: MdeOptions | undefined;
}

/** The settings, or the issues that stop the server (a URL without its secret, half an MDE app registration). */
export function connectorSettings(env: ConnectorEnv): { settings: ConnectorSettings; issues: Issue[] } {
  const issues: Issue[] = [];
  let webhook: WebhookOptions | undefined;
  if (env.FIREBREAK_WEBHOOK_URL !== undefined) {
    if (env.FIREBREAK_WEBHOOK_SECRET === undefined) issues.push({ field: 'FIREBREAK_WEBHOOK_SECRET', message: 'required when FIREBREAK_WEBHOOK_URL is set', hint: 'set it to the secret the receiver checks signatures with, or unset FIREBREAK_WEBHOOK_URL' });
    else webhook = { url: env.FIREBREAK_WEBHOOK_URL, secret: env.FIREBREAK_WEBHOOK_SECRET, timeoutMs: env.FIREBREAK_WEBHOOK_TIMEOUT_MS };
  }
  const mdeVars = { FIREBREAK_MDE_TENANT_ID: env.FIREBREAK_MDE_TENANT_ID, FIREBREAK_MDE_CLIENT_ID: env.FIREBREAK_MDE_CLIENT_ID, FIREBREAK_MDE_CLIENT_SECRET: env.FIREBREAK_MDE_CLIENT_SECRET };
  const missing = Object.entries(mdeVars).filter(([, v]) => v === undefined).map(([k]) => k);
  let mde: MdeOptions | undefined;
  if (missing.length === 0) {
    mde = {
      tenantId: env.FIREBREAK_MDE_TENANT_ID as string, clientId: env.FIREBREAK_MDE_CLIENT_ID as string, clientSecret: env.FIREBREAK_MDE_CLIENT_SECRET as string,
      apiUrl: env.FIREBREAK_MDE_API_URL, loginUrl: env.FIREBREAK_MDE_LOGIN_URL, isolationType: env.FIREBREAK_MDE_ISOLATION,
      pollMs: env.FIREBREAK_MDE_POLL_SECONDS * 1000, waitMs: env.FIREBREAK_MDE_WAIT_MINUTES * 60_000,
    };
  } else if (missing.length < 3) {
    for (const field of missing) issues.push({ field, message: 'the Defender for Endpoint connector needs the tenant, the client id and the client secret', hint: 'set all three, or none to run without it' });
  }
  return { settings: { webhook, mde }, issues };
}

/** Which connectors are configured, for start-up output (never the secrets). */
export function describeConnectorSettings(settings: ConnectorSettings): string[] {
  const lines: string[] = [];
  if (settings.webhook) lines.push(`webhook -> ${new URL(settings.webhook.url).origin}`);
  if (settings.mde) lines.push(`mde -> ${new URL(settings.mde.apiUrl).origin} (tenant ${settings.mde.tenantId})`);
  return lines;
}
