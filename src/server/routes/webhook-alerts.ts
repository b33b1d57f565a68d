/** Alerts from other tools: fields found by the caller's mapping (dotted paths), levels normalised. */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ingestAlertsSchema } from '../../contracts/intake.js';
import { attackOf, boundedEvent, type Alert, type AlertLevel } from '../../intake/index.js';

type Request = z.infer<typeof ingestAlertsSchema>;
type Locate = (host: string | undefined) => { host: string; entity: string; segment: string } | undefined;

function at(record: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), record);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

/** Maps the many ways tools name severity onto Sigma's levels. */
export function normaliseLevel(value: unknown): AlertLevel {
  const raw = (text(value) ?? '').toLowerCase();
  const n = Number(raw);
  if (raw !== '' && Number.isFinite(n)) return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n >= 1 ? 'low' : 'informational';
  if (['critical', 'crit', 'severe', 'sev1'].includes(raw)) return 'critical';
  if (['high', 'major', 'error', 'sev2'].includes(raw)) return 'high';
  if (['medium', 'moderate', 'warning', 'warn', 'sev3'].includes(raw)) return 'medium';
  if (['low', 'minor', 'sev4'].includes(raw)) return 'low';
  return raw.startsWith('info') ? 'informational' : 'medium';
}

export function alertsFromWebhook(request: Request, receivedAt: string, locate: Locate): Alert[] {
  const m = request.mapping;
  return request.alerts.map((record) => {
    const reported = text(at(record, m.host))?.toLowerCase().split('.')[0];
    const where = locate(reported);
    const rawTags = at(record, m.tags);
    const tagList = Array.isArray(rawTags) ? rawTags.map(text).filter((t): t is string => t !== undefined) : [];
    const time = Date.parse(text(at(record, m.time)) ?? '');
    const { event, truncated } = boundedEvent(record);
    return {
      id: randomUUID(),
      at: Number.isFinite(time) ? new Date(time).toISOString() : receivedAt,
      receivedAt,
      source: 'webhook' as const,
      rule: {
        id: `${request.tool}:${text(at(record, m.id)) ?? 'alert'}`.slice(0, 200),
        title: (text(at(record, m.title)) ?? `${request.tool} alert`).slice(0, 500),
        level: normaliseLevel(at(record, m.level)),
        author: (text(at(record, m.author)) ?? request.tool).slice(0, 1000),
        tags: tagList.slice(0, 100),
        references: [],
      },
      ...attackOf(tagList),
      hostReported: reported ?? null,
      host: where?.host ?? null,
      entity: where?.entity ?? null,
      segment: where?.segment ?? null,
      event,
      truncated,
    };
  });
}
