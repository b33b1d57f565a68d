/**
 * The agent's state on disk (`<state dir>/agent.json`, mode 0600, in a 0700 folder): its identity and
 * credential, the pinned server key, the replay guard and the applied isolation. Written atomically (a
 * temporary file renamed over the old one), so a crash never leaves half a file.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { allowEntrySchema } from '../protocol/command.js';

const endpointSchema = z.object({ address: z.string(), port: z.number().int() }).strict();

export const isolationSpecSchema = z.object({ table: z.string(), control: z.array(endpointSchema), allow: z.array(allowEntrySchema) }).strict();

export const appliedIsolationSchema = z
  .object({
    spec: isolationSpecSchema,
    rulesetHash: z.string(),
    appliedAt: z.string(),
    commandId: z.string(),
    /** The probe target used to verify, already resolved (DNS is blocked while isolated). */
    probe: z.object({ host: z.string(), address: z.string(), port: z.number().int() }).strict().optional(),
  })
  .strict();
export type AppliedIsolation = z.infer<typeof appliedIsolationSchema>;

export const agentStateSchema = z
  .object({
    version: z.literal(1),
    agentId: z.string().min(1),
    credential: z.string().min(1),
    hostname: z.string().min(1),
    serverUrl: z.string().url(),
    serverPublicKey: z.string().min(1),
    serverKeyFingerprint: z.string(),
    enrolledAt: z.string(),
    replay: z.object({ lastSeq: z.number().int().min(0), seenIds: z.array(z.string()) }).strict(),
    isolation: appliedIsolationSchema.nullable(),
  })
  .strict();
export type AgentState = z.infer<typeof agentStateSchema>;

export const STATE_FILE = 'agent.json';

export class StateFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, STATE_FILE);
  }

  /** The saved state, or undefined before enrolment. A corrupt file is an error that names the file. */
  async load(): Promise<AgentState | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = agentStateSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not a valid agent state (${parsed.error.issues[0]?.message ?? 'invalid'}); enrol again with a new token`);
    return parsed.data;
  }

  /** Writes the whole state; concurrent saves are applied in call order. */
  save(state: AgentState): Promise<void> {
    const next = this.queue.then(() => this.write(state));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(state: AgentState): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.file);
  }
}

/** The agent's state in memory, saved on every change. */
export class StateHolder {
  constructor(
    private state: AgentState,
    private readonly file: StateFile,
  ) {}

  get current(): AgentState {
    return this.state;
  }

  /** Applies a change and saves it before resolving. */
  async update(change: (state: AgentState) => AgentState): Promise<void> {
    this.state = change(this.state);
    await this.file.save(this.state);
  }
}
