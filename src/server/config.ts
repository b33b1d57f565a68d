/**
 * Server configuration: one schema, parsed once at start-up from the environment. A bad value stops the
 * process with a message that names the variable and how to fix it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { connectorEnvSchema, connectorSettings, type ConnectorSettings } from '../connectors/settings.js';
import { DEFAULT_GROUPING, type GroupingPolicy } from '../intake/index.js';
import { UserError, type Issue } from '../shared/errors.js';

/** The project's own rule pack (content/rules), the same path from src/server and dist/server. */
export const BUILT_IN_RULES = fileURLToPath(new URL('../../content/rules', import.meta.url));

export const BUILT_IN_OBLIGATIONS = fileURLToPath(new URL('../../content/obligations', import.meta.url));

/** The default approval policy for containment plans. */
export const BUILT_IN_POLICY = fileURLToPath(new URL('../../content/policies/default.yaml', import.meta.url));

const portSchema = z.coerce.number().int().min(0).max(65535);

const configSchema = z.object({
  FIREBREAK_DATA: z.string().min(1).default('./.firebreak'),
  FIREBREAK_HOST: z.string().min(1).default('127.0.0.1'),
  FIREBREAK_PORT: portSchema.default(7373),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a URL such as postgres://user@127.0.0.1:5432/firebreak')
    .optional(),
  FIREBREAK_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  /** NATS for several nodes sharing one PostgreSQL; unset for one process with the in-process bus. */
  FIREBREAK_NATS_URL: z.string().regex(/^(nats|tls):\/\//, 'expected a URL such as nats://127.0.0.1:4222').optional(),
  FIREBREAK_NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"').default('firebreak'),
  FIREBREAK_ADMIN_PASSWORD: z.string().min(12, 'use at least 12 characters').optional(),
  /** Load the built-in demo estate when the estate is empty on first start. */
  FIREBREAK_DEMO: z.enum(['true', 'false']).default('true'),
  FIREBREAK_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** Largest request body in bytes (estate imports have their own, larger limit). */
  FIREBREAK_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  FIREBREAK_IMPORT_LIMIT: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
  /** Folders or files of Sigma rules, separated by commas (default: the project's own rule pack). */
  FIREBREAK_RULES: z.string().min(1).optional(),
  /** Indicator files or folders (STIX 2.1, MISP events or feeds, CSV), separated by commas; loaded at start. */
  FIREBREAK_IOC: z.string().min(1).optional(),
  /** Folder of the obligation rule pack (default: the project's own, content/obligations). */
  FIREBREAK_OBLIGATIONS: z.string().min(1).optional(),
  /** The approval policy file for containment plans (default: content/policies/default.yaml). */
  FIREBREAK_POLICY: z.string().min(1).optional(),
  FIREBREAK_GROUP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(24 * 60),
  FIREBREAK_GROUP_MIN_LEVEL: z.enum(['informational', 'low', 'medium', 'high', 'critical']).default('low'),
  FIREBREAK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** Connector settings (webhook URL and secret, Defender for Endpoint app): see src/connectors/settings.ts. */
  ...connectorEnvSchema,
  /** The executor: attempts per action and run, how long retries may go on, the default attempt timeout. */
  FIREBREAK_EXECUTOR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  FIREBREAK_EXECUTOR_RETRY_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(30),
  FIREBREAK_EXECUTOR_TIMEOUT_MINUTES: z.coerce.number().min(0.1).max(24 * 60).default(10),
});

export interface ServerConfig {
  dataDir: string;
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  natsUrl: string | undefined;
  natsPrefix: string;
  adminPassword: string | undefined;
  loadDemo: boolean;
  sessionHours: number;
  bodyLimit: number;
  importLimit: number;
  rulePaths: string[];
  /** Indicator files and folders loaded at start (read-only sets; more are uploaded through the API). */
  iocPaths: string[];
  obligationsDir: string;
  /** The approval policy file; a bad one stops the server at start. */
  policyFile: string;
  grouping: GroupingPolicy;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Configured connectors (their secrets stay here and in the connectors; never logged). */
  connectors: ConnectorSettings;
  executor: { maxAttempts: number; maxElapsedMs: number; defaultTimeoutMs: number };
}

/** Parses the environment; throws a UserError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.'),
      message: issue.message,
      hint: `set ${issue.path.join('.')} to a valid value or unset it to use the default`,
    }));
    throw new UserError('invalid_input', 'invalid configuration in the environment', issues);
  }
  const c = parsed.data;
  const connectors = connectorSettings(c);
  if (connectors.issues.length > 0) throw new UserError('invalid_input', 'invalid connector configuration in the environment', connectors.issues);
  return {
    dataDir: path.resolve(c.FIREBREAK_DATA),
    host: c.FIREBREAK_HOST,
    port: c.FIREBREAK_PORT,
    databaseUrl: c.DATABASE_URL,
    databaseSchema: c.FIREBREAK_DB_SCHEMA,
    natsUrl: c.FIREBREAK_NATS_URL,
    natsPrefix: c.FIREBREAK_NATS_PREFIX,
    adminPassword: c.FIREBREAK_ADMIN_PASSWORD,
    loadDemo: c.FIREBREAK_DEMO === 'true',
    sessionHours: c.FIREBREAK_SESSION_HOURS,
    bodyLimit: c.FIREBREAK_BODY_LIMIT,
    importLimit: c.FIREBREAK_IMPORT_LIMIT,
    rulePaths: c.FIREBREAK_RULES ? c.FIREBREAK_RULES.split(',').map((p) => path.resolve(p.trim())) : [BUILT_IN_RULES],
    iocPaths: c.FIREBREAK_IOC ? c.FIREBREAK_IOC.split(',').map((p) => p.trim()).filter(Boolean).map((p) => path.resolve(p)) : [],
    obligationsDir: c.FIREBREAK_OBLIGATIONS ? path.resolve(c.FIREBREAK_OBLIGATIONS) : BUILT_IN_OBLIGATIONS,
    policyFile: c.FIREBREAK_POLICY ? path.resolve(c.FIREBREAK_POLICY) : BUILT_IN_POLICY,
    grouping: { ...DEFAULT_GROUPING, windowMinutes: c.FIREBREAK_GROUP_WINDOW_MINUTES, minLevelToOpen: c.FIREBREAK_GROUP_MIN_LEVEL },
    logLevel: c.FIREBREAK_LOG_LEVEL,
    connectors: connectors.settings,
    executor: { maxAttempts: c.FIREBREAK_EXECUTOR_MAX_ATTEMPTS, maxElapsedMs: c.FIREBREAK_EXECUTOR_RETRY_MINUTES * 60_000, defaultTimeoutMs: c.FIREBREAK_EXECUTOR_TIMEOUT_MINUTES * 60_000 },
  };
}
