/**
 * The cuts a gateway has applied, kept beside the agent's state (`<state dir>/gateway-cuts.json`, mode 0600,
 * written atomically), so that a restart or a reboot puts every cut back. Kept apart from `agent.json` so
 * that endpoint agents never carry gateway state.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { allowEntrySchema } from '../protocol/command.js';

const endpointSchema = z.object({ address: z.string(), port: z.number().int() }).strict();

export const cutSpecSchema = z
  .object({
    cutId: z.string(),
    segment: z.string(),
    cidrs: z.array(z.string()),
    external: z.boolean(),
    internal: z.array(z.string()),
    peers: z.array(z.string()),
    allow: z.array(allowEntrySchema),
    control: z.array(endpointSchema),
  })
  .strict();

export const appliedCutSchema = z
  .object({
    spec: cutSpecSchema,
    rulesetHash: z.string(),
    appliedAt: z.string(),
    commandId: z.string(),
    /** The host inside the segment the gateway probes (already resolved). */
    probe: z.object({ host: z.string(), address: z.string(), port: z.number().int() }).strict().optional(),
  })
  .strict();
export type AppliedCut = z.infer<typeof appliedCutSchema>;

const fileSchema = z.object({ version: z.literal(1), cuts: z.array(appliedCutSchema) }).strict();

export const CUTS_FILE = 'gateway-cuts.json';

export class CutStore {
  private cuts: AppliedCut[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, CUTS_FILE);
  }

  /** Reads the file (none yet means no cuts). A corrupt file is an error that names it. */
  async load(): Promise<this> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this;
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not a valid list of gateway cuts (${parsed.error.issues[0]?.message ?? 'invalid'}); check it, or remove it and the cut tables (nft list tables)`);
    this.cuts = parsed.data.cuts;
    return this;
  }

  list(): readonly AppliedCut[] {
    return this.cuts;
  }

  get(cutId: string): AppliedCut | undefined {
    return this.cuts.find((c) => c.spec.cutId === cutId);
  }

  /** Records a cut (replacing one with the same id) and saves before resolving. */
  put(cut: AppliedCut): Promise<void> {
    this.cuts = [...this.cuts.filter((c) => c.spec.cutId !== cut.spec.cutId), cut].sort((a, b) => a.spec.cutId.localeCompare(b.spec.cutId));
    return this.save();
  }

  remove(cutId: string): Promise<void> {
    this.cuts = this.cuts.filter((c) => c.spec.cutId !== cutId);
    return this.save();
  }

  private save(): Promise<void> {
    const snapshot = { version: 1 as const, cuts: this.cuts };
    const next = this.queue.then(() => this.write(snapshot));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(content: z.infer<typeof fileSchema>): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.file);
  }
}
