/** Settings and API shapes of the Microsoft Defender for Endpoint connector. */
import { z } from 'zod';

export interface MdeOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** `https://api.securitycenter.microsoft.com` (or a regional host such as `https://eu.api.security.microsoft.com`). */
  apiUrl: string;
  /** `https://login.microsoftonline.com`. */
  loginUrl: string;
  /** Token scope (default `https://api.securitycenter.microsoft.com/.default`). */
  scope?: string;
  isolationType: 'Full' | 'Selective';
  /** Delay between two status polls of a machine action. */
  pollMs: number;
  /** How long to wait for a machine action to end before the attempt fails (retryable). */
  waitMs: number;
  /** Requests per minute at most (the API allows 100 per minute per call type). Default 90. */
  requestsPerMinute?: number;
  /** Per HTTP request (default 30 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_SCOPE = 'https://api.securitycenter.microsoft.com/.default';

/** Statuses of a machine action (learn.microsoft.com/defender-endpoint/api/machineaction). */
export const FINAL_STATUSES = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled', 'Canceled'] as const;

export const machineActionSchema = z.object({
  id: z.string(),
  type: z.string(),
  scope: z.string().nullable().optional(),
  requestor: z.string().nullable().optional(),
  requestorComment: z.string().nullable().optional(),
  status: z.string(),
  machineId: z.string().nullable().optional(),
  computerDnsName: z.string().nullable().optional(),
  creationDateTimeUtc: z.string().nullable().optional(),
  lastUpdateDateTimeUtc: z.string().nullable().optional(),
}).passthrough();
export type MachineAction = z.infer<typeof machineActionSchema>;

export const machineSchema = z.object({
  id: z.string(),
  computerDnsName: z.string().nullable().optional(),
  lastSeen: z.string().nullable().optional(),
  healthStatus: z.string().nullable().optional(),
}).passthrough();
export type Machine = z.infer<typeof machineSchema>;

export const listSchema = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item) }).passthrough();

/** The error body of the API: `{ "error": { "code": "...", "message": "...", "target": "..." } }`. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }).passthrough() }).passthrough();

export const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive(), token_type: z.string().optional() }).passthrough();
export const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() }).passthrough();
