/** Files uploaded to a hunt: event files (JSON lines, JSON, gzip) and indicator files (STIX, MISP, CSV). */
import type { z } from 'zod';
import { gunzipSync } from 'node:zlib';
import type { huntRequestSchema } from '../../contracts/intake.js';
import { forEachJsonLine, IndicatorIndex, parseIndicatorText, parseJsonValues } from '../../detect/index.js';
import { formatIssue } from '../../shared/errors.js';
import { uploadedText } from '../indicator.service.js';

type HuntRequest = z.infer<typeof huntRequestSchema>;
type Skipped = { file: string; line: number; reason: string };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The events of the uploaded files; lines and files that cannot be read are named and skipped. */
export function readHuntEvents(files: HuntRequest['files']): { events: unknown[]; skipped: Skipped[] } {
  const events: unknown[] = [];
  const skipped: Skipped[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
      if (file.name.endsWith('.gz')) bytes = gunzipSync(bytes);
    } catch (error) {
      skipped.push({ file: file.name, line: 0, reason: `cannot read: ${reasonOf(error)}` });
      continue;
    }
    if (/\.json(\.gz)?$/i.test(file.name)) {
      const parsed = parseJsonValues(bytes.toString('utf8'));
      events.push(...parsed.values);
      for (const p of parsed.problems) skipped.push({ file: file.name, line: p.line, reason: p.reason });
    } else {
      forEachJsonLine(bytes, (value) => events.push(value), (p) => skipped.push({ file: file.name, line: p.line, reason: p.reason }));
    }
  }
  return { events, skipped };
}

/** One index of the uploaded indicator files; entries that cannot be read are named (JSON path or line) and skipped. */
export function readHuntIndicators(files: HuntRequest['indicators']): { index: IndicatorIndex; problems: Skipped[] } {
  const index = new IndicatorIndex();
  const problems: Skipped[] = [];
  for (const file of files) {
    try {
      const result = parseIndicatorText(uploadedText(file.content, file.encoding), { file: file.name.replace(/\.gz$/i, '') });
      for (const indicator of result.indicators) index.add({ ...indicator, origin: { ...indicator.origin, file: file.name } });
      for (const p of result.problems) problems.push({ file: file.name, line: p.line ?? 0, reason: formatIssue({ ...p, file: undefined, line: undefined }) });
    } catch (error) {
      problems.push({ file: file.name, line: 0, reason: `cannot read: ${reasonOf(error)}` });
    }
  }
  return { index, problems };
}
