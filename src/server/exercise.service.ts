/**
 * Exercises from the UI: one run at a time on this server, driven in process against the server's own HTTP
 * API (so everything the exercise does is recorded and shown like a real incident), with a short-lived token
 * of the `exercise-control` account. The run's progress lines, its incident and its summary are kept here;
 * the last run is also kept in settings, so it is still shown after a restart.
 *
 * ```
 * POST /api/exercises ─> start(): checks, control token ─> runExercise(server: this server's URL) ─┐
 * GET /api/exercises/current <── progress lines, incident id (from the board subject), summary <──┘
 * ```
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/index.js';
import { DEFAULT_EXERCISE_SPEED, MAX_EXERCISE_LINES, MAX_EXERCISE_SPEED, type ExerciseRunView, type ExerciseScenarioView, type StartExercise } from '../contracts/exercises.js';
import type { runExercise } from '../exercise/driver/run.js';
import { presentScenario, readCatalogue, scenariosDir, type CatalogueEntry } from '../exercise/driver/scenarios.js';
import { parseScenarioDuration } from '../exercise/duration.js';
import { checkAgainstEstate } from '../exercise/scenario.parse.js';
import type { Scenario } from '../exercise/scenario.schema.js';
import { formatSummary } from '../exercise/summary.js';
import { allowedTransitions, isIncidentState, type IncidentState, type IncidentSummary } from '../incident/index.js';
import { formatIssue, UserError } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import type { Principal } from './auth/roles.js';
import { hashPassword, newTokenSecret, sha256Hex } from './auth/secrets.js';
import type { EstateService } from './estate.service.js';
import { BOARD_SUBJECT, type IncidentService } from './incident.service.js';

/** The account an exercise acts as: it creates the scenario's people, enrols agents and sends the attack. */
export const CONTROL_USER = 'exercise-control';
export const EXERCISE_ACTOR = 'system:exercise';
const LAST_RUN_KEY = 'exercise.last';
/** Lines kept in settings for the last run (the summary carries the rest). */
const PERSISTED_LINES = 2000;

type RunState = Omit<ExerciseRunView, 'lines' | 'trimmed'> & { lines: ExerciseRunView['lines'] };

/** The exercise driver, loaded when the first run starts (it brings the simulated fleet). */
export type LoadDriver = () => Promise<{ runExercise: typeof runExercise }>;

export interface ExerciseOptions {
  /** Folder of the scenarios offered (default: the built-in ones, content/scenarios). */
  dir?: string;
  /** The driver (default: src/exercise/driver/run.ts). */
  driver?: LoadDriver;
}

export class ExerciseService {
  private url: string | undefined;
  private run: RunState | undefined;
  private running: Promise<void> | undefined;
  private restoring: Promise<void> | undefined;
  private starting = false;
  private stopping = false;
  /** Stops the run in progress (`stop`). */
  private abort: AbortController | undefined;
  private readonly dir: string;
  private readonly driver: LoadDriver;

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly now: () => Date,
    options: ExerciseOptions = {},
  ) {
    this.dir = options.dir ?? scenariosDir();
    this.driver = options.driver ?? (() => import('../exercise/driver/run.js'));
  }

  /** The server's own address, once it listens (exercises need it: agents and people connect to it). */
  listening(url: string): void {
    this.url = url.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://[::1]:');
  }

  /** The built-in scenarios, each checked against this server's estate. */
  async list(): Promise<{ items: ExerciseScenarioView[]; defaultSpeed: number; maxSpeed: number }> {
    const { entries } = await readCatalogue(this.dir);
    const { doc } = await this.estate.current();
    const items = entries.map((entry) => {
      const problems = checkAgainstEstate(entry.scenario, doc, entry.file, entry.locate).map(formatIssue);
      return { ...presentScenario(entry.scenario), fits: problems.length === 0, problems: problems.slice(0, 5) };
    });
    return { items, defaultSpeed: DEFAULT_EXERCISE_SPEED, maxSpeed: MAX_EXERCISE_SPEED };
  }

  /** Starts a built-in scenario (409 while one runs); the run goes on after the answer. */
  async start(principal: Principal, input: StartExercise): Promise<ExerciseRunView> {
    if (principal.entities !== '*') {
      throw new UserError('forbidden', 'an exercise acts on every entity; your scope is limited to some', [], { hint: 'ask a commander or admin with every entity in scope to start it' });
    }
    await this.restore();
    if (this.starting || this.run?.status === 'running') {
      const what = this.run?.status === 'running' ? `exercise ${this.run.scenario.id} is running (started ${this.run.startedAt} by ${this.run.startedBy.username})` : 'an exercise is starting';
      throw new UserError('conflict', what, [], { ...(this.run ? { runId: this.run.runId } : {}), hint: 'wait for it to finish; GET /api/exercises/current shows its progress' });
    }
    // Taken before anything else is awaited, so a second start gets the 409.
    this.starting = true;
    try {
      return await this.begin(principal, input);
    } finally {
      this.starting = false;
    }
  }

  private async begin(principal: Principal, input: StartExercise): Promise<ExerciseRunView> {
    const entry = await this.find(input.scenario);
    if (!this.url) throw new UserError('conflict', 'this server is not listening on a port, so the exercise has nothing to connect to', [], { hint: 'start the server with `firebreak serve`' });
    const startedAt = this.now().toISOString();
    const run: RunState = {
      runId: randomUUID(),
      scenario: { id: entry.scenario.id, title: entry.scenario.title, start: entry.scenario.start },
      status: 'running',
      speed: input.speed,
      startedBy: { username: principal.username, displayName: principal.displayName },
      startedAt,
      finishedAt: null,
      incidentId: null,
      elapsed: 0,
      lines: [],
      lineCount: 0,
      error: null,
      summary: null,
    };
    const previous = this.run;
    this.run = run;
    try {
      if (previous?.incidentId) await this.closeIncident(previous.incidentId, `exercise over: a new exercise (${entry.scenario.id}) starts, and its alerts must not join this incident`);
      const token = await this.controlToken(run, entry.scenario);
      await this.persist(run);
      this.running = this.execute(run, entry, token).finally(() => (this.running = undefined));
    } catch (error) {
      this.run = previous;
      throw error;
    }
    return this.view(run, false, 0);
  }

  /** The current run, or the last one (null when none ever ran); lines after `after`. */
  async current(principal: Principal, after: number): Promise<ExerciseRunView | null> {
    await this.restore();
    const run = this.run;
    if (!run) return null;
    const trimmed = principal.entities !== '*';
    const view = this.view(run, trimmed, after);
    if (trimmed && run.incidentId) {
      const visible = await this.incidents.require(principal, run.incidentId).then(() => true, () => false);
      if (!visible) view.incidentId = null;
    }
    return view;
  }

  /** Stops the run in progress at its next turn (409 when none runs); it still reports what happened so far. */
  async stop(principal: Principal): Promise<ExerciseRunView> {
    await this.restore();
    const run = this.run;
    if (!run || run.status !== 'running' || !this.abort) throw new UserError('conflict', 'no exercise is running', [], { hint: 'GET /api/exercises/current shows the last run' });
    if (!this.abort.signal.aborted) {
      this.progress(run, `stop requested by ${principal.displayName} (${principal.username})`, run.elapsed);
      this.abort.abort(`stopped by ${principal.username}`);
    }
    return this.view(run, false, run.lineCount);
  }

  /** Stops waiting for a run (the server is closing): its requests fail from now on and it ends as failed. */
  async close(): Promise<void> {
    this.stopping = true;
    const running = this.running;
    if (!running) return;
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
  }

  private view(run: RunState, trimmed: boolean, after: number): ExerciseRunView {
    return {
      ...run,
      lines: trimmed ? [] : run.lines.filter((line) => line.n > after),
      trimmed,
      summary: trimmed ? null : run.summary,
    };
  }

  private async find(id: string): Promise<CatalogueEntry> {
    const { entries } = await readCatalogue(this.dir);
    const entry = entries.find((e) => e.scenario.id === id);
    if (!entry) throw new UserError('not_found', `no built-in scenario ${id}`, [], { hint: `use one of: ${entries.map((e) => e.scenario.id).join(', ') || '(none installed)'}` });
    const issues = checkAgainstEstate(entry.scenario, (await this.estate.current()).doc, entry.file, entry.locate);
    if (issues.length > 0) {
      throw new UserError('validation_failed', `scenario ${id} does not fit this server's estate (${issues.length} problem(s))`, issues, { hint: 'the built-in scenarios need the demo estate (a fresh data folder with FIREBREAK_DEMO=true)' });
    }
    return entry;
  }

  private async execute(run: RunState, entry: CatalogueEntry, token: { secret: string; id: string }): Promise<void> {
    const stopWatching = this.watchForIncident(run);
    const abort = new AbortController();
    this.abort = abort;
    try {
      const { runExercise } = await this.driver();
      const result = await runExercise(entry.scenario, entry.file, {
        server: { url: this.url ?? '', token: token.secret },
        speed: run.speed,
        onProgress: (line, elapsed) => this.progress(run, line, elapsed),
        signal: abort.signal,
      });
      run.incidentId = result.incidentId ?? run.incidentId;
      const { facts, expectations, comparison, ok, stopped, interrupted, scenarioMs, realMs } = result;
      run.summary = { ok, stopped, interrupted, scenarioMs, realMs, facts, expectations, comparison, text: formatSummary(result) };
      run.status = 'finished';
    } catch (error) {
      run.status = 'failed';
      const code = error instanceof UserError ? error.code : 'exercise_failed';
      const message = this.stopping ? 'the server stopped during the exercise' : error instanceof Error ? error.message : String(error);
      run.error = { code, message };
      this.progress(run, `the exercise failed: ${message}`, run.elapsed);
    } finally {
      stopWatching();
      if (this.abort === abort) this.abort = undefined;
      run.finishedAt = this.now().toISOString();
      await this.store.tokens.delete(token.id).catch(() => false);
      await this.store.users.update(CONTROL_USER, { disabled: true }).catch(() => undefined);
      await this.persist(run).catch(() => undefined);
    }
  }

  private progress(run: RunState, text: string, elapsed: number): void {
    run.lineCount++;
    run.elapsed = Math.max(run.elapsed, elapsed);
    run.lines.push({ n: run.lineCount, at: elapsed, wall: this.now().toISOString(), text: text.slice(0, 2000) });
    if (run.lines.length > MAX_EXERCISE_LINES) run.lines.splice(0, run.lines.length - MAX_EXERCISE_LINES);
  }

  /**
   * The run's incident is the first one opened after it started (detection opens it from the attack's events,
   * as the driver itself assumes); it gets a note that says it is an exercise and who started it.
   */
  private watchForIncident(run: RunState): () => void {
    return this.bus.subscribe(BOARD_SUBJECT, (message) => {
      const summary = message as IncidentSummary;
      if (run.incidentId !== null || run.status !== 'running' || summary.openedAt < run.startedAt) return;
      run.incidentId = summary.id;
      this.progress(run, `detection opens ${summary.id}: ${summary.title}`, run.elapsed);
      const text = `EXERCISE: this incident is part of the exercise “${run.scenario.title}” (${run.scenario.id}), started by ${run.startedBy.displayName} (${run.startedBy.username}). Its attack, agents and people are simulated; nothing here happened.`;
      this.incidents.recordAsSystem(EXERCISE_ACTOR, summary.id, [], undefined, [{ type: 'note.added', payload: { text } }]).catch((error: unknown) => {
        this.progress(run, `could not mark ${summary.id} as an exercise: ${error instanceof Error ? error.message : String(error)}`, run.elapsed);
      });
    });
  }

  /**
   * Closes an earlier exercise's incident that is still open (through the lifecycle's own moves), so that the
   * next run's alerts open an incident of their own instead of joining it by host and time.
   */
  private async closeIncident(incidentId: string, reason: string): Promise<void> {
    const summary = await this.store.incidents.get(incidentId);
    if (!summary || !isIncidentState(summary.state)) return;
    const path = pathToClosed(summary.state);
    if (path.length === 0) return;
    const moves = path.map((to) => ({ type: 'state.changed' as const, payload: { to, reason } }));
    await this.incidents.recordAsSystem(EXERCISE_ACTOR, incidentId, [], undefined, moves);
  }

  /**
   * A token of the control account for this run: an admin (the exercise creates users and enrols agents),
   * enabled only while a run is on, with a password nobody knows, the token revoked at the end.
   */
  private async controlToken(run: RunState, scenario: Scenario): Promise<{ secret: string; id: string }> {
    const now = this.now();
    const existing = await this.store.users.get(CONTROL_USER);
    if (!existing) {
      const passwordHash = await hashPassword(newTokenSecret());
      await this.store.users.create({ username: CONTROL_USER, displayName: 'Exercise control', role: 'admin', entities: ['*'], passwordHash, disabled: false, createdAt: now.toISOString() });
    } else {
      await this.store.users.update(CONTROL_USER, { role: 'admin', entities: ['*'], disabled: false });
    }
    const realMs = (parseScenarioDuration(scenario.ends) ?? 14 * 86_400_000) / run.speed;
    const secret = newTokenSecret();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + realMs + 2 * 3_600_000).toISOString();
    await this.store.tokens.create({ id, username: CONTROL_USER, kind: 'api', name: `exercise ${scenario.id} ${run.runId}`, secretHash: sha256Hex(secret), createdAt: now.toISOString(), expiresAt, lastUsedAt: null });
    return { secret, id };
  }

  private async persist(run: RunState): Promise<void> {
    const kept = { ...run, lines: run.lines.slice(-PERSISTED_LINES) };
    await this.store.settings.set(LAST_RUN_KEY, JSON.stringify(kept));
  }

  /** The last run from settings (read once); a run that was still going when the server stopped is shown as failed. */
  private restore(): Promise<void> {
    this.restoring ??= this.load();
    return this.restoring;
  }

  private async load(): Promise<void> {
    const text = await this.store.settings.get(LAST_RUN_KEY);
    if (!text || this.run) return;
    try {
      const run = JSON.parse(text) as RunState;
      if (run.status === 'running') {
        run.status = 'failed';
        run.error = { code: 'interrupted', message: 'the server stopped during the exercise' };
      }
      this.run = run;
    } catch {
      // A damaged record is only the last run's display: forget it.
    }
  }
}

/** The shortest series of lifecycle moves from a state to `closed` (none when already closed). */
export function pathToClosed(from: IncidentState): IncidentState[] {
  const previous = new Map<IncidentState, IncidentState | null>([[from, null]]);
  const queue: IncidentState[] = [from];
  while (queue.length > 0) {
    const state = queue.shift() as IncidentState;
    if (state === 'closed') break;
    for (const next of allowedTransitions(state)) {
      if (previous.has(next)) continue;
      previous.set(next, state);
      queue.push(next);
    }
  }
  if (from === 'closed' || !previous.has('closed')) return [];
  const path: IncidentState[] = [];
  for (let at: IncidentState | null = 'closed'; at !== null && at !== from; at = previous.get(at) ?? null) path.unshift(at);
  return path;
}
