/** Every API call the UI makes, each parsed with its contract. */
import { z } from 'zod';
import { meSchema, type Me } from '../../../src/contracts/auth';
import { entityListSchema } from '../../../src/contracts/estate';
import {
  currentExerciseSchema,
  exerciseListSchema,
  exerciseRunSchema,
  startExerciseSchema,
} from '../../../src/contracts/exercises';
import {
  appendInputSchema,
  appendResultSchema,
  incidentEventSchema,
  incidentPageSchema,
  incidentSummarySchema,
  openIncidentInputSchema,
} from '../../../src/contracts/incidents';
import { huntRequestSchema } from '../../../src/contracts/intake';
import {
  approveNoticeSchema,
  draftNoticeSchema,
  editNoticeSchema,
  noticeListSchema,
  noticeSentAnswerSchema,
  noticeViewSchema,
  sendNoticeSchema,
  type DraftNoticeInput,
  type EditNoticeInput,
  type SendNoticeInput,
} from '../../../src/contracts/notices';
import { obligationsAnswerSchema, recordRequestSchema, type RecordRequest } from '../../../src/contracts/obligations';
import { estateDocumentSchema, type EstateDocument } from '../../../src/estate/schema';
import type { AppendInput, OpenIncidentInput } from '../../../src/incident/input.schema';
import { check, request } from './client';
import { alertPageSchema, detectStatusSchema, huntAnswerSchema } from './detect-schemas';
import { blastRadiusSchema, hostDetailSchema, incidentViewSchema, loginResultSchema } from './schemas';

export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;
export type { Me };

const enc = encodeURIComponent;

export const login = (username: string, password: string) =>
  request('POST', '/api/auth/login', loginResultSchema, { username, password });
export const logout = () => request('POST', '/api/auth/logout', null);
export const fetchMe = (signal?: AbortSignal) => request('GET', '/api/auth/me', meSchema, undefined, signal);

export interface IncidentFilters {
  state?: string;
  severity?: string;
  entity?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const listIncidents = (filters: IncidentFilters, signal?: AbortSignal) =>
  request('GET', `/api/incidents${query({ ...filters })}`, incidentPageSchema, undefined, signal);

export const fetchIncident = (id: string, signal?: AbortSignal) =>
  request('GET', `/api/incidents/${enc(id)}`, incidentViewSchema, undefined, signal);

const eventListSchema = z.object({ items: z.array(incidentEventSchema) });
export const fetchEvents = (id: string, signal?: AbortSignal) =>
  request('GET', `/api/incidents/${enc(id)}/events`, eventListSchema, undefined, signal);

export const openIncident = (input: OpenIncidentInput) =>
  request('POST', '/api/incidents', incidentSummarySchema, check(openIncidentInputSchema, input));

export const appendEvent = (id: string, entry: AppendInput) =>
  request('POST', `/api/incidents/${enc(id)}/events`, appendResultSchema, check(appendInputSchema, entry));

export const fetchEntities = (signal?: AbortSignal) =>
  request('GET', '/api/estate/entities', entityListSchema, undefined, signal);

export const fetchHost = (hostname: string, signal?: AbortSignal) =>
  request('GET', `/api/estate/hosts/${enc(hostname)}`, hostDetailSchema, undefined, signal);

export const fetchBlastRadius = (hosts: string[], signal?: AbortSignal) =>
  request('POST', '/api/estate/blast-radius', blastRadiusSchema, { hosts }, signal);

/** The visible estate, fetched once per session and shared by the map and the scope forms. */
let estateCache: { key: string; promise: Promise<EstateDocument> } | undefined;
export function fetchEstateDocument(sessionKey: string): Promise<EstateDocument> {
  if (estateCache?.key !== sessionKey) {
    const promise = request('GET', '/api/estate/document', estateDocumentSchema);
    estateCache = { key: sessionKey, promise };
    promise.catch(() => {
      if (estateCache?.promise === promise) estateCache = undefined; // let the next caller retry
    });
  }
  return estateCache.promise;
}

export interface AlertFilters {
  incident?: string;
  level?: string;
  limit?: number;
  offset?: number;
}

/** Alerts across the incidents the user may see (or one incident's), newest first. */
export const listAlerts = (filters: AlertFilters, signal?: AbortSignal) =>
  request('GET', `/api/alerts${query({ ...filters })}`, alertPageSchema, undefined, signal);

export interface HuntFile {
  name: string;
  content: string;
  encoding: 'utf8' | 'base64';
}

/**
 * Sweeps uploaded event files with the server's loaded rules, correlations and indicator sets, plus the
 * indicator files given (STIX, MISP, CSV); nothing is recorded.
 */
export const runHunt = (files: HuntFile[], indicators: HuntFile[] = [], signal?: AbortSignal) =>
  request('POST', '/api/hunt', huntAnswerSchema, check(huntRequestSchema, { files, indicators }), signal);

export const fetchDetectStatus = (signal?: AbortSignal) =>
  request('GET', '/api/detect/status', detectStatusSchema, undefined, signal);

// Obligations, notices and the report (web/src/obligations)

export const fetchObligations = (id: string, exfiltration: string, signal?: AbortSignal) =>
  request(
    'GET',
    `/api/incidents/${enc(id)}/obligations${query({ exfiltration })}`,
    obligationsAnswerSchema,
    undefined,
    signal,
  );

/** Records a determination, classification, filing, payment or decision (payload checked by the caller). */
export const recordObligationEvent = (id: string, body: RecordRequest) =>
  request('POST', `/api/incidents/${enc(id)}/records`, appendResultSchema, check(recordRequestSchema, body));

export const listNotices = (id: string, signal?: AbortSignal) =>
  request('GET', `/api/incidents/${enc(id)}/notices`, noticeListSchema, undefined, signal);

export const draftNotice = (id: string, input: DraftNoticeInput) =>
  request('POST', `/api/incidents/${enc(id)}/notices`, noticeViewSchema, check(draftNoticeSchema, input));

export const editNotice = (id: string, noticeId: string, input: EditNoticeInput) =>
  request(
    'PATCH',
    `/api/incidents/${enc(id)}/notices/${enc(noticeId)}`,
    noticeViewSchema,
    check(editNoticeSchema, input),
  );

export const approveNotice = (id: string, noticeId: string, hashOfText: string) =>
  request(
    'POST',
    `/api/incidents/${enc(id)}/notices/${enc(noticeId)}/approve`,
    noticeViewSchema,
    check(approveNoticeSchema, { hashOfText }),
  );

export const sendNotice = (id: string, noticeId: string, input: SendNoticeInput) =>
  request(
    'POST',
    `/api/incidents/${enc(id)}/notices/${enc(noticeId)}/send`,
    noticeSentAnswerSchema,
    check(sendNoticeSchema, input),
  );

/** The report's download address (the session cookie authenticates the download). */
export const reportUrl = (id: string, format: 'md' | 'json' | 'pdf') =>
  `/api/incidents/${enc(id)}/report?format=${format}`;

// Exercises (web/src/exercise)

export const fetchExercises = (signal?: AbortSignal) =>
  request('GET', '/api/exercises', exerciseListSchema, undefined, signal);

/** The current or last run; only the progress lines after `after`. */
export const fetchCurrentExercise = (after: number, signal?: AbortSignal) =>
  request('GET', `/api/exercises/current${query({ after })}`, currentExerciseSchema, undefined, signal);

export const startExercise = (scenario: string, speed: number) =>
  request('POST', '/api/exercises', exerciseRunSchema, check(startExerciseSchema, { scenario, speed }));

/** Stops the run in progress at its next turn; it still reports what happened so far. */
export const stopExercise = () => request('POST', '/api/exercises/current/stop', exerciseRunSchema);
