/**
 * Indicator sets in the server: read-only sets loaded at start from FIREBREAK_IOC (files, folders, MISP
 * feeds), and named sets uploaded through the API and kept in the store. One IndicatorIndex holds them all;
 * it is rebuilt when the store's indicator revision moves, so every node matches the same indicators.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MAX_INDICATOR_SET_BYTES, type IndicatorSetView, type IndicatorUpload } from '../contracts/intake.js';
import { IndicatorIndex, parseIndicatorText, readIndicatorFile, type Indicator, type IndicatorType, type ParseResult } from '../detect/index.js';
import type { AlertLevel } from '../intake/index.js';
import { UserError, type Issue } from '../shared/errors.js';
import type { IndicatorSetMeta, Store } from '../store/types.js';

/** A set as held in memory: its description for listing and its indicators, each stamped with the set. */
interface LoadedSet {
  view: IndicatorSetView;
  indicators: Indicator[];
  problems: Issue[];
}

const INDICATOR_FILE = /\.(json|csv|tsv|txt|stix)(\.gz)?$/i;
const KEPT_PROBLEMS = 100;

const HINTS: Record<'stix' | 'misp' | 'csv', string> = {
  stix: 'send a STIX 2.1 bundle: {"type": "bundle", "objects": [indicator objects with pattern_type "stix" and a pattern]}',
  misp: 'send a MISP event ({"Event": {...}}) whose attributes are flagged to_ids, or set includeNonIds',
  csv: 'send a CSV with a header row type,value[,description,source,name,tags,confidence,valid_until], or one value per line',
};

function byType(indicators: readonly Indicator[]): Record<string, number> {
  const counts: Partial<Record<IndicatorType, number>> = {};
  for (const i of indicators) counts[i.type] = (counts[i.type] ?? 0) + 1;
  return counts;
}

function stamp(indicators: readonly Indicator[], set: string): Indicator[] {
  return indicators.map((i) => ({ ...i, origin: { ...i.origin, set } }));
}

/** The format the text was read as: from the first indicator, else from the request or the name. */
function formatOf(result: ParseResult, format: IndicatorUpload['format'], filename: string): 'stix' | 'misp' | 'csv' {
  return result.indicators[0]?.origin.format ?? format ?? (/\.(csv|tsv|txt)(\.gz)?$/i.test(filename) ? 'csv' : filename.toLowerCase().includes('misp') ? 'misp' : 'stix');
}

/** The uploaded bytes as text: base64 decoded, gunzipped when gzip, bounded. */
export function uploadedText(content: string, encoding: 'utf8' | 'base64'): string {
  let bytes = encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_INDICATOR_SET_BYTES + 1 });
    } catch (error) {
      const tooLarge = error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      if (tooLarge) throw tooLargeError(MAX_INDICATOR_SET_BYTES + 1);
      throw new UserError('invalid_input', `the gzip content is damaged or truncated: ${error instanceof Error ? error.message : String(error)}`, [{ field: 'body.content', message: 'not a complete gzip file', hint: 'send the whole file, base64-encoded with encoding "base64"' }]);
    }
  }
  if (bytes.length > MAX_INDICATOR_SET_BYTES) throw tooLargeError(bytes.length);
  return bytes.toString('utf8');
}

function tooLargeError(bytes: number): UserError {
  return new UserError('payload_too_large', `the indicator set is larger than ${MAX_INDICATOR_SET_BYTES} bytes`, [{ field: 'body.content', message: `${bytes} bytes or more`, hint: 'split the set into several named sets' }]);
}

/** Indicator files under a configured path: the file itself, a MISP feed folder, or the files of a folder. */
async function configuredFiles(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (info === undefined) {
    throw new UserError('invalid_input', `FIREBREAK_IOC: ${target} does not exist`, [{ field: 'FIREBREAK_IOC', message: `no such file or folder: ${target}`, hint: 'fix the path, or remove it from FIREBREAK_IOC' }]);
  }
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'manifest.json')) return [target];
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...(await configuredFiles(full)));
    else if (entry.isFile() && INDICATOR_FILE.test(entry.name)) files.push(full);
  }
  return files;
}

export class IndicatorService {
  private configured: LoadedSet[] = [];
  private configuredLoaded = false;
  private readonly uploaded = new Map<string, LoadedSet>();
  private revision = -1;
  private index = new IndicatorIndex();
  private levels = new Map<string, AlertLevel>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly paths: readonly string[],
  ) {}

  /** Reads the configured files and folders; a path that does not exist stops the start with its name. */
  async loadConfigured(): Promise<void> {
    const sets: LoadedSet[] = [];
    const names = new Set<string>();
    for (const target of this.paths) {
      for (const file of await configuredFiles(target)) {
        let name = path.basename(file).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
        for (let n = 2; names.has(name); n += 1) name = `${path.basename(file).slice(0, 70)}-${n}`;
        names.add(name);
        const result = await readIndicatorFile(file);
        sets.push(this.loaded(name, result, { origin: 'config', source: file, format: result.indicators[0]?.origin.format ?? null, description: null, level: null, bytes: null, uploadedBy: null, uploadedAt: null }));
      }
    }
    this.configured = sets;
    this.configuredLoaded = true;
    this.revision = -1;
  }

  private loaded(name: string, result: ParseResult, view: Omit<IndicatorSetView, 'name' | 'indicators' | 'byType' | 'problemCount'>): LoadedSet {
    const indicators = stamp(result.indicators, name);
    return { view: { ...view, name, indicators: indicators.length, byType: byType(indicators), problemCount: result.problems.length }, indicators, problems: result.problems.slice(0, KEPT_PROBLEMS) };
  }

  /** The index of every set, rebuilt when the stored sets changed (on this node or another). */
  async current(): Promise<{ index: IndicatorIndex; levelOf: (set: string | undefined) => AlertLevel | undefined }> {
    if (!this.configuredLoaded) await this.loadConfigured();
    const revision = await this.store.indicators.revision();
    if (revision !== this.revision) await this.sync(revision);
    const levels = this.levels;
    return { index: this.index, levelOf: (set) => (set === undefined ? undefined : levels.get(set)) };
  }

  private async sync(revision: number): Promise<void> {
    const stored = await this.store.indicators.list();
    const names = new Set(stored.map((s) => s.name));
    for (const name of this.uploaded.keys()) if (!names.has(name)) this.uploaded.delete(name);
    for (const meta of stored) {
      const known = this.uploaded.get(meta.name)?.view;
      if (known?.uploadedAt === meta.uploadedAt && known.bytes === meta.bytes) continue;
      const record = await this.store.indicators.get(meta.name);
      if (record === undefined) continue;
      const result = parseIndicatorText(record.content, { file: record.filename ?? record.name, format: record.format, includeNonIds: record.includeNonIds });
      this.uploaded.set(meta.name, this.loaded(meta.name, result, viewOf(meta)));
    }
    const all = [...this.configured, ...this.uploaded.values()];
    this.index = IndicatorIndex.from(all.flatMap((s) => s.indicators));
    this.levels = new Map(all.flatMap((s) => (s.view.level === null ? [] : [[s.view.name, s.view.level] as const])));
    this.revision = revision;
  }

  async list(): Promise<IndicatorSetView[]> {
    await this.current();
    return this.views();
  }

  private views(): IndicatorSetView[] {
    return [...this.configured, ...this.uploaded.values()].map((s) => s.view);
  }

  /** Counts for the status view, as last synchronised: sets, indicators per type, problems of configured files. */
  status() {
    const sets = this.views();
    const total: Record<string, number> = {};
    for (const s of sets) for (const [type, n] of Object.entries(s.byType)) total[type] = (total[type] ?? 0) + n;
    const problems = this.configured.flatMap((s) => s.problems).slice(0, 50);
    return { paths: [...this.paths], sets: sets.length, total: sets.reduce((n, s) => n + s.indicators, 0), byType: total, problemCount: sets.reduce((n, s) => n + s.problemCount, 0), problems };
  }

  /** Creates or replaces an uploaded set; refuses a set in which nothing (or, when strict, not everything) can be read. */
  async upload(username: string, input: IndicatorUpload): Promise<{ set: IndicatorSetView; created: boolean; problems: Issue[] }> {
    await this.current();
    if (this.configured.some((s) => s.view.name === input.name)) {
      throw new UserError('conflict', `the indicator set ${input.name} is loaded from FIREBREAK_IOC and cannot be replaced here`, [{ field: 'body.name', message: 'name taken by a configured set', hint: 'choose another name' }]);
    }
    const text = uploadedText(input.content, input.encoding);
    const filename = input.filename ?? input.name;
    const result = parseIndicatorText(text, { file: filename, format: input.format, includeNonIds: input.includeNonIds });
    const format = formatOf(result, input.format, filename);
    const problems = result.problems.map((p) => ({ ...p, hint: p.hint ?? HINTS[format] }));
    if (result.indicators.length === 0 || (input.strict && problems.length > 0)) {
      const why = result.indicators.length === 0 ? 'no indicator could be read' : `${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} could not be read (strict)`;
      const first = problems[0];
      const detail = first ? `: ${first.field ? `${first.field}: ` : first.line ? `line ${first.line}: ` : ''}${first.message}` : '';
      throw new UserError('validation_failed', `${filename}: ${why}; nothing was stored${detail}`, problems.length > 0 ? problems.slice(0, KEPT_PROBLEMS) : [{ field: 'body.content', message: 'no indicators in it', hint: HINTS[format] }]);
    }
    const record = {
      name: input.name,
      format,
      filename: input.filename ?? null,
      description: input.description ?? null,
      level: input.level ?? null,
      includeNonIds: input.includeNonIds,
      content: text,
      bytes: Buffer.byteLength(text),
      indicators: result.indicators.length,
      problems: problems.length,
      byType: byType(result.indicators),
      uploadedBy: username,
      uploadedAt: this.now().toISOString(),
    };
    const { created } = await this.store.indicators.put(record);
    // Kept parsed, so that the rebuild that follows (the revision moved) does not parse it again.
    const set = this.loaded(input.name, result, viewOf(record));
    this.uploaded.set(input.name, set);
    return { set: set.view, created, problems: problems.slice(0, KEPT_PROBLEMS) };
  }

  async remove(name: string): Promise<void> {
    await this.current();
    if (this.configured.some((s) => s.view.name === name)) {
      throw new UserError('conflict', `the indicator set ${name} is loaded from FIREBREAK_IOC`, [], { hint: 'remove its path from FIREBREAK_IOC and restart' });
    }
    if (!(await this.store.indicators.delete(name))) throw new UserError('not_found', `no indicator set named ${name}`, [], { hint: 'GET /api/indicators lists the sets' });
  }
}

function viewOf(meta: IndicatorSetMeta): Omit<IndicatorSetView, 'name' | 'indicators' | 'byType' | 'problemCount'> {
  return { origin: 'upload', source: meta.filename, format: meta.format, description: meta.description, level: meta.level, bytes: meta.bytes, uploadedBy: meta.uploadedBy, uploadedAt: meta.uploadedAt };
}
