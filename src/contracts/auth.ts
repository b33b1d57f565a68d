/** Authentication, users and tokens: the API contract shared by server, CLI and UI. */
import { z } from 'zod';

export const roleSchema = z.enum(['viewer', 'responder', 'entity_lead', 'commander', 'admin']);

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'expected 2-64 lower-case letters, digits, ".", "_" or "-"');

export const passwordSchema = z.string().min(12, 'use at least 12 characters').max(1024);

export const credentialsSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const meSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  entities: z.union([z.literal('*'), z.array(z.string())]),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof meSchema>;

export const tokenResponseSchema = z.object({ token: z.string(), expiresAt: z.string(), user: meSchema });

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  entities: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().min(1).max(200).optional(),
  role: roleSchema,
  /** Entity ids in scope, or `["*"]` for all. */
  entities: z.array(z.string().min(1).max(80)).min(1).max(1000),
  password: passwordSchema,
});

export const updateUserSchema = z
  .object({
    displayName: z.string().min(1).max(200),
    role: roleSchema,
    entities: z.array(z.string().min(1).max(80)).min(1).max(1000),
    password: passwordSchema,
    disabled: z.boolean(),
  })
  .partial();

export const createApiTokenSchema = z.object({
  name: z.string().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['session', 'api']),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
