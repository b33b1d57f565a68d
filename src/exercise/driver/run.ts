/**
 * Runs an exercise: target, cast, then the loop. Each turn reads the target, reports what it observes to the
 * director, does what falls due, and waits; the scenario clock jumps to the next agenda item only while no
 * machine work is in flight (plans running), so people's time is compressed and machines' time is real.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatedFleet } from '../../agent/simulate/index.js';
import type { ApiClient } from '../../cli/client.js';
import type { EstateDocument } from '../../estate/index.js';
import { UserError } from '../../shared/errors.js';
import { ScenarioClock } from '../clock.js';
import { createDirector, type AgendaItem, type Observation } from '../director.js';
import { formatScenarioDuration, parseScenarioDuration } from '../duration.js';
import { compareWithHistory, evaluateExpectations, type Comparison, type ExpectationResult, type RunFacts } from '../outcome.js';
import { checkAgainstEstate, parseScenario } from '../scenario.parse.js';
import type { Scenario } from '../scenario.schema.js';
import { castAgents, castPeople } from './cast.js';
import { Crew, type Task } from './crew.js';
import { collectFacts } from './facts.js';
import { embeddedTarget, remoteTarget, type ExerciseTarget } from './target.js';
import { busy, observationsOf, snapshot, type Snapshot } from './watch.js';

export interface RunOptions {
  /** Scenario seconds per real second (default: the scenario's). */
  speed?: number;
  /** A running server and an admin token; embedded when absent. */
  server?: { url: string; token: string };
  /** Prefix of the people's user names on a shared server (default `ex-<random>-`). */
  prefix?: string;
  /** Real milliseconds between reads of the target (default 150). */
  pollMs?: number;
  /** Progress lines (scenario time and what happened). */
  onProgress?: (line: string, elapsed: number) => void;
  /** The run stops (and reports) after this many real milliseconds without progress (default 120 s). */
  stallMs?: number;
  /** Stops the run at its next turn; it still collects the facts and reports. The reason (a string) is shown. */
  signal?: AbortSignal;
}

export interface RunResult {
  scenario: Scenario;
  incidentId: string | null;
  facts: RunFacts;
  expectations: ExpectationResult[];
  comparison: Comparison[];
  /** Markdown report of the incident, as `firebreak report` gives it. */
  report: string | null;
  /** Scenario time the run covered, and the real time it took. */
  scenarioMs: number;
  realMs: number;
  ok: boolean;
  stopped: string;
  /** Someone stopped the run before its end (its facts cover only what happened until then). */
  interrupted: boolean;
}

/** Reads and checks a scenario file (syntax, schema, cross-checks); throws a UserError listing every problem. */
export async function loadScenario(file: string): Promise<Scenario> {
  const name = file.split(/[\\/]/).pop() ?? file;
  const parsed = parseScenario(await readFile(file, 'utf8'), name);
  if (!parsed.ok) throw new UserError('validation_failed', `${name}: ${parsed.issues.length} problem(s); nothing was run`, parsed.issues);
  if (parsed.scenario.estate.demo) {
    const { generateDemoEstate } = await import('../../estate/demo.js');
    const { defaultNoticeTemplateDir, loadNoticeTemplates } = await import('../../obligations/notices.loader.js');
    const templates = new Set((await loadNoticeTemplates(defaultNoticeTemplateDir())).templates.map((t) => t.id));
    const issues = checkAgainstEstate(parsed.scenario, generateDemoEstate({ seed: parsed.scenario.estate.demo.seed }), name, parsed.locate, templates);
    if (issues.length > 0) throw new UserError('validation_failed', `${name}: ${issues.length} problem(s) with the estate; nothing was run`, issues);
  }
  return parsed.scenario;
}

export async function runExercise(scenario: Scenario, file: string, options: RunOptions = {}): Promise<RunResult> {
  const speed = options.speed ?? scenario.speed;
  const clock = new ScenarioClock(Date.parse(scenario.start), () => performance.now(), speed);
  const realStart = performance.now();
  const log = (line: string) => options.onProgress?.(line, clock.elapsed());
  const now = () => new Date(clock.now());
  const target: ExerciseTarget = options.server ? remoteTarget(options.server.url, options.server.token) : await embeddedTarget(scenario, file, now);
  let fleet: SimulatedFleet | undefined;
  try {
    log(`target ${target.url}${target.scenarioClock ? ' (embedded, on the scenario clock)' : ' (running server, on its own clock)'}`);
    const doc = await target.admin.request<EstateDocument>('GET', '/api/estate/document');
    const { templates } = await target.admin.request<{ templates: { id: string }[] }>('GET', '/api/notices/templates');
    const issues = checkAgainstEstate(scenario, doc, file, () => undefined, new Set(templates.map((t) => t.id)));
    if (issues.length > 0) throw new UserError('validation_failed', `the scenario does not fit the target's estate (${issues.length} problem(s))`, issues);
    const prefix = options.prefix ?? (target.scenarioClock ? '' : `ex-${Math.random().toString(36).slice(2, 6)}-`);
    const cast = await castPeople(target.admin, target.url, scenario, prefix);
    log(`${cast.people.size} people: ${scenario.people.map((p) => `${p.name} (${p.role})`).join(', ')}`);
    // The agents keep the server's time: the scenario clock on an embedded target, real time on a running one
    // (its commands are stamped with its own clock, which the agents check).
    fleet = await castAgents(target.url, target.adminToken, doc, scenario, target.scenarioClock ? now : () => new Date());
    log(`${fleet.agents.length} simulated agents connected`);
    // This run's incidents are those opened from now on, on the server's clock.
    const since = new Date(target.scenarioClock ? clock.now() : Date.now()).toISOString();
    const result = await loop(scenario, target, doc, { ...cast, fleet }, clock, since, options, log);
    return { ...result, realMs: performance.now() - realStart };
  } finally {
    await fleet?.close();
    await target.close();
  }
}

async function loop(
  scenario: Scenario,
  target: ExerciseTarget,
  doc: EstateDocument,
  cast: { people: Map<string, ApiClient>; usernames: Map<string, string>; fleet: SimulatedFleet },
  clock: ScenarioClock,
  since: string,
  options: RunOptions,
  log: (line: string) => void,
): Promise<Omit<RunResult, 'realMs'>> {
  const director = createDirector(scenario);
  const tasks: Task[] = [];
  const crew = new Crew({ scenario, doc, admin: target.admin, people: cast.people, usernames: cast.usernames, fleet: cast.fleet, now: () => clock.now(), elapsed: () => clock.elapsed(), log, schedule: (task) => tasks.push(task) });
  const ends = parseScenarioDuration(scenario.ends) ?? Infinity;
  const pollMs = options.pollMs ?? 150;
  const stallMs = options.stallMs ?? (process.env['FIREBREAK_EXERCISE_DEBUG'] ? 30_000 : 120_000);
  const marks = new Map<string, number>();
  let seen: Snapshot = { incidentId: null, incidents: [], hostsInScope: [], plans: [], regions: [], declared: [], recoveries: [] };
  let lastProgress = performance.now();
  let stopped = 'the playbook has nothing left to do';
  let interrupted = false;
  const marked = new Set<string>();
  for (;;) {
    if (options.signal?.aborted) {
      stopped = typeof options.signal.reason === 'string' ? options.signal.reason : 'stopped';
      interrupted = true;
      break;
    }
    seen = await snapshot(target.admin, since, seen.incidentId);
    for (const incident of seen.incidents.filter((i) => !marked.has(i.id))) {
      marked.add(incident.id);
      await markAsExercise(target.admin, scenario, incident);
    }
    for (const observation of observationsOf(seen)) {
      const key = 'region' in observation ? `${observation.on}:${observation.region}` : observation.on;
      const first = !marks.has(key);
      if (!marks.has(observation.on)) marks.set(observation.on, clock.elapsed());
      if (first) {
        marks.set(key, clock.elapsed());
        const milestone = milestoneOf(observation, marks);
        if (milestone) log(`observed: ${milestone}`);
      }
      if (director.observe(observation, clock.elapsed()) > 0) lastProgress = performance.now();
    }
    if (seen.incidentId && (await crew.driveRecoveries(seen.incidentId, seen)) > 0) lastProgress = performance.now();
    const working = busy(seen);
    for (const d of seen.declared) if (!marks.has(`declared:${d.region}`)) marks.set(`declared:${d.region}`, clock.elapsed());
    // When a region went dark and came back, as observed (a running server's own times are not scenario times).
    for (const plan of seen.plans.filter((p) => p.kind === 'shutdown_region')) {
      for (const region of plan.regions) {
        if (['running', 'completed', 'failed', 'rolling_back', 'rolled_back'].includes(plan.status) && !marks.has(`down:${region}`)) marks.set(`down:${region}`, clock.elapsed());
        if (plan.status === 'rolled_back' && !marks.has(`restored:${region}`)) marks.set(`restored:${region}`, clock.elapsed());
      }
    }
    const nextTask = tasks.reduce((min, t) => Math.min(min, t.at), Infinity);
    const next = Math.min(director.nextAt() ?? Infinity, nextTask);
    // Done when nothing is on the agenda, no machine is at work, and nothing new was seen for a while.
    const recovering = seen.recoveries.some((r) => crew.recoveries.has(r.plan.recoveryId) && r.status !== 'completed' && r.runnable.length > 0);
    if (next === Infinity && !working && !recovering && performance.now() - lastProgress > Math.max(2000, 10 * pollMs)) break;
    if (next !== Infinity && next > ends) {
      stopped = `the scenario ends after ${scenario.ends}`;
      break;
    }
    if (performance.now() - lastProgress > stallMs) {
      const waiting = seen.plans.filter((p) => p.status !== 'completed').map((p) => `${p.planId} ${p.kind} ${p.status}`);
      if (process.env['FIREBREAK_EXERCISE_DEBUG'] && seen.incidentId) {
        for (const plan of seen.plans.filter((p) => p.status === 'running')) {
          const detail = await target.admin.request<{ execution: { records?: { actionId: string; label: string; state: string; attempts: number; error: unknown; history: unknown }[] } | null }>('GET', `/api/incidents/${seen.incidentId}/plans/${plan.planId}?records=all`);
          const stuck = detail.execution?.records?.find((x) => x.state !== 'verified');
          if (stuck) {
            const host = stuck.label.split(' ')[1] ?? '';
            const agents = await target.admin.request<{ items: { id: string; hostname: string; connectedNode: unknown; lastSeenAt: unknown; online?: unknown }[] }>('GET', '/api/agents?limit=5000');
            const agent = agents.items.find((a) => a.hostname === host);
            log(`debug agent ${JSON.stringify(agent)}`);
            if (agent) log(`debug commands ${JSON.stringify(await target.admin.request('GET', `/api/agents/${agent.id}/commands`)).slice(0, 3000)}`);
          }
          for (const r of detail.execution?.records?.filter((x) => x.state !== 'verified').slice(0, 3) ?? []) log(`debug ${plan.planId} ${r.actionId} ${r.label} ${r.state} attempts=${r.attempts} ${JSON.stringify(r.error)} ${JSON.stringify(r.history)}`);
        }
      }
      stopped = `nothing happened for ${Math.round(stallMs / 1000)} s of real time${waiting.length > 0 ? `; plans: ${waiting.join(', ')}` : ''}`;
      break;
    }
    const due = next <= clock.elapsed();
    if (due) {
      const items: AgendaItem[] = director.take(clock.elapsed());
      for (const item of items) await crew.perform(item, seen);
      const ready = tasks.filter((t) => t.at <= clock.elapsed());
      for (const task of ready) {
        tasks.splice(tasks.indexOf(task), 1);
        await task.run();
      }
      lastProgress = performance.now();
      continue;
    }
    if (working || next === Infinity) {
      await sleep(pollMs);
      continue;
    }
    // Waiting for people: scenario time runs `speed` times faster than the real time slept, up to the next item.
    const before = performance.now();
    await sleep(Math.min(clock.realDelayUntil(next), pollMs));
    clock.jumpTo(Math.min(next, clock.elapsed() + (performance.now() - before) * clock.speed));
  }
  const elapsed = clock.elapsed();
  log(`run ends: ${stopped}`);
  const facts = seen.incidentId ? await collectFacts(target.admin, seen, marks, clock, crew.exfiltration, doc, target.scenarioClock) : emptyFacts(doc);
  const expectations = evaluateExpectations(scenario.expect, facts);
  const report = seen.incidentId ? (await target.admin.bytes(`/api/incidents/${seen.incidentId}/report?format=md`)).toString('utf8') : null;
  return { scenario, incidentId: seen.incidentId, facts, expectations, comparison: compareWithHistory(scenario, facts), report, scenarioMs: elapsed, ok: expectations.every((e) => e.ok), stopped, interrupted };
}

function emptyFacts(doc: EstateDocument): RunFacts {
  return {
    incidents: [],
    incidentState: null,
    detectedAt: null,
    containedAt: null,
    scopeConfirmedAt: null,
    regions: doc.regions.map((r) => ({ region: r.id, downAt: null, outOfScopeAt: null, restoredAt: null, inScope: false, backlog: [] })),
    hostScope: {},
    obligations: [],
    determinations: [],
    alerts: [],
    actions: { total: 0, verified: 0, failed: 0, pending: 0 },
  };
}


/**
 * Renames an incident the run opened so that nobody mistakes it for a real one on the board, in reports or in
 * notices (a running server may hold real incidents too).
 */
async function markAsExercise(admin: ApiClient, scenario: Scenario, incident: { id: string; title: string }): Promise<void> {
  const prefix = `Exercise ${scenario.id}: `;
  if (incident.title.startsWith(prefix)) return;
  const to = `${prefix}${incident.title}`.slice(0, 300);
  await admin.request('POST', `/api/incidents/${incident.id}/events`, { type: 'title.changed', payload: { to, reason: 'opened during an exercise run; nothing in it is real' } });
}

/** The line for an observation that marks a milestone of the response (first time only), or undefined. */
function milestoneOf(observation: Observation, marks: ReadonlyMap<string, number>): string | undefined {
  const detected = marks.get('incident_opened');
  const after = (what: string) => {
    const at = marks.get(what);
    return detected === undefined || at === undefined ? '' : `, ${formatScenarioDuration(Math.max(0, at - detected))} after detection`;
  };
  switch (observation.on) {
    case 'contained':
      return `contained${after('contained')}`;
    case 'region_clean':
      return `region clean: ${observation.region}${after(`region_clean:${observation.region}`)}`;
    case 'scope_confirmed':
      return `scope confirmed${after('scope_confirmed')}`;
    case 'recovered':
      return `recovered: ${observation.region}${after(`recovered:${observation.region}`)}`;
    default:
      return undefined;
  }
}
