/**
 * The simulated people and the attacker at work: each agenda item becomes API calls made with the token of
 * the person who acts (so the incident log names them), or events sent to intake for the attack. Requests the
 * server refuses are reported in the progress log, never hidden: a refused approval is part of the exercise.
 */
import type { SimulatedFleet } from '../../agent/simulate/index.js';
import { ApiError, type ApiClient } from '../../cli/client.js';
import type { EstateDocument } from '../../estate/index.js';
import type { AgendaItem } from '../director.js';
import { parseScenarioDuration } from '../duration.js';
import type { PlayStep, Scenario } from '../scenario.schema.js';
import { selectHosts } from './cast.js';
import type { Snapshot } from './watch.js';

export interface Task {
  at: number;
  label: string;
  run: () => Promise<void>;
}

export interface CrewDeps {
  scenario: Scenario;
  doc: EstateDocument;
  admin: ApiClient;
  people: Map<string, ApiClient>;
  usernames: Map<string, string>;
  fleet: SimulatedFleet;
  /** Scenario clock: epoch ms and ms since the start. */
  now: () => number;
  elapsed: () => number;
  log: (line: string) => void;
  /** Adds a task to the driver's own agenda (gates recorded later, for instance). */
  schedule: (task: Task) => void;
}

interface Suggestion {
  key: string;
  plan: { kind: string; title: string; regions: string[]; entities: string[] };
}

export class Crew {
  /** What is known about data leaving, as recorded by the people (feeds the breach assessment). */
  exfiltration: 'unknown' | 'suspected' | 'confirmed' | 'excluded' = 'unknown';
  /** Recovery plans being driven: id and the person who runs their steps. */
  readonly recoveries = new Map<string, string>();
  private readonly regionOf: Map<string, string>;

  constructor(private readonly deps: CrewDeps) {
    this.regionOf = new Map(deps.doc.entities.map((e) => [e.id, e.region]));
  }

  private as(person: string): ApiClient {
    const client = this.deps.people.get(person);
    if (!client) throw new Error(`no person ${person} in the cast`);
    return client;
  }

  /** Calls the API; a refusal (4xx) is logged with the server's message and returns undefined. */
  private async attempt<T>(who: string, what: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) {
        this.deps.log(`${who}: ${what} refused (${error.status} ${error.body.code}): ${error.body.message}`);
        return undefined;
      }
      throw error;
    }
  }

  async perform(item: AgendaItem, seen: Snapshot): Promise<void> {
    if (item.type === 'attack') return this.attack(item.step, item.index);
    const incidentId = seen.incidentId;
    if (!incidentId) return this.deps.log(`${item.person}: nothing to ${item.action} yet (no incident)`);
    const { step, person } = item;
    switch (item.action) {
      case 'propose':
        return this.propose(person, incidentId, step);
      case 'approve':
      case 'reject':
        return this.answer(person, incidentId, item.observation, step);
      case 'sweep':
        return this.sweep(person, incidentId, step);
      case 'clear_region':
        return this.clearRegion(person, incidentId, item.observation);
      case 'recover':
        return this.recover(person, incidentId, step, seen);
      case 'decide':
        return this.decide(person, incidentId, step);
      case 'exfiltration':
        return this.recordExfiltration(person, incidentId, step);
      case 'confirm_assessments':
        return this.confirmAssessments(person, incidentId);
      case 'move':
        return this.move(person, incidentId, step);
      case 'notify':
        return this.notify(person, incidentId, step);
      case 'take_command':
        return this.takeCommand(person, incidentId);
    }
  }

  private async attack(step: Scenario['attack'][number], index: number): Promise<void> {
    const at = new Date(this.deps.now()).toISOString();
    const event = { ...step.event, Hostname: step.host, '@timestamp': at };
    const events = Array.from({ length: step.repeat }, () => event);
    const result = await this.deps.admin.request<{ matches: number }>('POST', '/api/intake/events', { events });
    this.deps.log(`attack ${index + 1}/${this.deps.scenario.attack.length} on ${step.host}${step.technique ? ` (${step.technique})` : ''}: ${step.step}; ${result.matches} detection(s)`);
  }

  private async propose(person: string, incidentId: string, step: PlayStep): Promise<void> {
    const want = step.propose;
    if (!want) return;
    const client = this.as(person);
    const { suggestions } = await client.request<{ suggestions: Suggestion[] }>('GET', `/api/incidents/${incidentId}/plans/suggestions`);
    const regions = want.regions ?? [];
    const entities = want.entities ?? [];
    const fits = (s: Suggestion) =>
      (want.kinds as string[]).includes(s.plan.kind) &&
      s.plan.kind !== 'shutdown_region' &&
      (regions.length === 0 || s.plan.regions.some((r) => regions.includes(r))) &&
      (entities.length === 0 || s.plan.entities.some((e) => entities.includes(e)));
    const requests: { body: unknown; label: string }[] = suggestions.filter(fits).map((s) => ({ body: { suggestion: s.key }, label: s.plan.title }));
    if (want.kinds.includes('shutdown_region')) {
      // A precautionary region shutdown is a decision people take, suggested or not; never for a region already
      // declared out of scope. Its entities become suspected first (the reason), so their leads see the incident.
      const suggested = suggestions.filter((s) => s.plan.kind === 'shutdown_region').flatMap((s) => s.plan.regions);
      const clearance = await client.request<{ declared: { region: string }[] }>('GET', `/api/incidents/${incidentId}/scope/regions`);
      const declared = new Set(clearance.declared.map((d) => d.region));
      const wanted = (regions.length > 0 ? regions : suggested).filter((region) => {
        if (declared.has(region)) this.deps.log(`${person}: ${region} is already declared out of scope; no shutdown`);
        return !declared.has(region);
      });
      await this.suspectRegions(person, incidentId, wanted);
      for (const region of wanted) requests.push({ body: { kind: 'shutdown_region', target: { region } }, label: `shut down ${region}` });
    }
    if (requests.length === 0) return this.deps.log(`${person}: no ${want.kinds.join('/')} plan to propose`);
    for (const request of requests) {
      const plan = await this.attempt(person, `proposing ${request.label}`, () => client.request<{ planId: string; title: string }>('POST', `/api/incidents/${incidentId}/plans`, request.body));
      if (plan) this.deps.log(`${person} proposes ${plan.planId}: ${plan.title}`);
    }
  }

  /**
   * Marks the entities of regions about to be shut down as suspected (the reason for the precaution), so that
   * their leads see the incident and can approve.
   */
  private async suspectRegions(person: string, incidentId: string, regions: readonly string[]): Promise<void> {
    const client = this.as(person);
    const detail = await client.request<{ scope: { entity: { ref: string }[] } }>('GET', `/api/incidents/${incidentId}`);
    const known = new Set(detail.scope.entity.map((e) => e.ref));
    const entities = this.deps.doc.entities.filter((e) => regions.includes(e.region) && !known.has(e.id));
    for (const entity of entities) {
      await client.request('POST', `/api/incidents/${incidentId}/events`, { type: 'scope.changed', payload: { kind: 'entity', ref: entity.id, state: 'suspected', evidence: `precaution: ${entity.region} is reachable from the hit network; shutdown proposed until it is swept` } });
    }
    if (entities.length > 0) this.deps.log(`${person} marks ${entities.map((e) => e.id).join(', ')} suspected (precaution)`);
  }

  private async answer(person: string, incidentId: string, observation: AgendaItem & { type: 'play' } extends { observation: infer O } ? O : never, step: PlayStep): Promise<void> {
    if (observation.on !== 'plan_awaiting_approval') return;
    const { planId } = observation;
    const client = this.as(person);
    if (step.reject) {
      const done = await this.attempt(person, `rejecting ${planId}`, () => client.request('POST', `/api/incidents/${incidentId}/plans/${planId}/reject`, { reason: step.reject?.reason }));
      if (done) this.deps.log(`${person} rejects ${planId}`);
      return;
    }
    const result = await this.attempt(person, `approving ${planId}`, () => client.request<{ status?: string; evaluation?: { summary?: string } | null }>('POST', `/api/incidents/${incidentId}/plans/${planId}/approve`, {}));
    if (result) this.deps.log(`${person} approves ${planId}${result.status ? ` (${result.status}${result.evaluation?.summary ? `: ${result.evaluation.summary}` : ''})` : ''}`);
  }

  private async sweep(person: string, incidentId: string, step: PlayStep): Promise<void> {
    const selector = step.sweep ?? {};
    const client = this.as(person);
    const empty = !selector.hosts && !selector.entities && !selector.regions && !selector.segments;
    const targets: Record<string, unknown>[] = [];
    if (empty) targets.push(...this.deps.doc.regions.map((r) => ({ region: r.id })));
    for (const region of selector.regions ?? []) targets.push({ region });
    for (const entity of selector.entities ?? []) targets.push({ entity });
    if (selector.hosts || selector.segments) targets.push({ hosts: selectHosts(this.deps.doc, { ...(selector.hosts ? { hosts: selector.hosts } : {}), ...(selector.segments ? { segments: selector.segments } : {}) }) });
    for (const target of targets) {
      const body = { ...target, indicators: this.deps.scenario.intel };
      const sweep = await this.attempt(person, `sweeping ${JSON.stringify(target)}`, () => client.request<{ planId: string }>('POST', `/api/incidents/${incidentId}/sweeps`, body));
      if (sweep) this.deps.log(`${person} asks for sweep ${sweep.planId} of ${Object.values(target).flat().join(', ').slice(0, 80)}`);
    }
  }

  private async clearRegion(person: string, incidentId: string, observation: { on: string; region?: string }): Promise<void> {
    const region = observation.region;
    if (!region) return;
    const result = await this.attempt(person, `declaring ${region} out of scope`, () =>
      this.as(person).request<{ shutdown?: unknown[] }>('POST', `/api/incidents/${incidentId}/scope/regions/${region}/clear`, { note: 'every host swept clean for the incident indicators' }),
    );
    if (result) this.deps.log(`${person} declares ${region} out of scope; ${result.shutdown?.length ?? 0} precautionary shutdown plan(s) rolled back`);
  }

  /** Rebuilds the region's compromised hosts, sweeps them again, plans recovery and schedules its gates. */
  private async recover(person: string, incidentId: string, step: PlayStep, seen: Snapshot): Promise<void> {
    const want = step.recover;
    if (!want) return;
    const client = this.as(person);
    const detail = await client.request<{ scope: { host: { ref: string; state: string; entity: string | null }[] } }>('GET', `/api/incidents/${incidentId}`);
    const targets = [...(want.regions ?? []).map((region) => ({ region })), ...(want.entities ?? []).map((entity) => ({ entity }))];
    for (const target of targets) {
      const inTarget = (entity: string | null) => entity !== null && ('region' in target ? this.regionOf.get(entity) === target.region : entity === target.entity);
      const hit = detail.scope.host.filter((h) => (h.state === 'in_scope' || h.state === 'suspected') && inTarget(h.entity)).map((h) => h.ref);
      if (hit.length > 0) {
        this.deps.fleet.disinfect(hit);
        await client.request('POST', `/api/incidents/${incidentId}/events`, { type: 'note.added', payload: { text: `Rebuilt from clean images before recovery: ${hit.join(', ')}` } });
        const sweep = await this.attempt(person, 'sweeping the rebuilt hosts', () => client.request<{ planId: string }>('POST', `/api/incidents/${incidentId}/sweeps`, { hosts: hit, indicators: this.deps.scenario.intel }));
        this.deps.log(`${person} rebuilds ${hit.length} host(s) (${hit.slice(0, 3).join(', ')}${hit.length > 3 ? ', ...' : ''}) and asks for sweep ${sweep?.planId ?? '(refused)'}`);
      }
      const recovery = await this.attempt(person, `planning recovery of ${Object.values(target)[0]}`, () => client.request<{ plan: { recoveryId: string; steps: unknown[] } }>('POST', `/api/incidents/${incidentId}/recovery`, target));
      if (!recovery) continue;
      const id = recovery.plan.recoveryId;
      this.recoveries.set(id, person);
      this.deps.log(`${person} plans recovery ${id} of ${Object.values(target)[0]} in ${recovery.plan.steps.length} step(s)`);
      for (const [gate, spec] of Object.entries(want.gates)) {
        if (!spec) continue;
        this.deps.schedule({ at: this.deps.elapsed() + (parseScenarioDuration(spec.after) ?? 0), label: `${spec.by} records ${gate} for ${id}`, run: () => this.recordGate(spec.by, incidentId, id, gate) });
      }
    }
    void seen;
  }

  private async recordGate(person: string, incidentId: string, recoveryId: string, gate: string): Promise<void> {
    const client = this.as(person);
    const view = await client.request<{ steps: { n: number; gateStatus: { gate: string; passed: boolean; subject?: string }[] }[] }>('GET', `/api/incidents/${incidentId}/recovery/${recoveryId}`);
    const evidence: Record<string, string> = {
      credentials_reset: 'all domain and service account passwords reset twice (krbtgt included); tickets invalidated',
      backup_verified: 'restore test of the offline backup completed; checksums match; restored data mounted read-only and checked',
      approval: 'restoration approved after reviewing the sweep results and the rebuilt hosts',
    };
    let recorded = 0;
    for (const s of view.steps) {
      for (const open of s.gateStatus.filter((g) => g.gate === gate && !g.passed)) {
        const body = { step: s.n, gate, evidence: evidence[gate] ?? gate, ...(open.subject ? { subject: open.subject } : {}) };
        const done = await this.attempt(person, `recording ${gate} on step ${s.n} of ${recoveryId}`, () => client.request('POST', `/api/incidents/${incidentId}/recovery/${recoveryId}/gates`, body));
        if (done) recorded++;
      }
    }
    this.deps.log(`${person} records ${gate.replace('_', ' ')} (${recorded} gate(s)) on ${recoveryId}`);
  }

  /** Runs the steps of the driven recoveries whose gates pass (called every tick). */
  async driveRecoveries(incidentId: string, seen: Snapshot): Promise<number> {
    let started = 0;
    for (const recovery of seen.recoveries) {
      const person = this.recoveries.get(recovery.plan.recoveryId);
      if (!person || recovery.status === 'completed') continue;
      for (const n of recovery.runnable) {
        const step = recovery.steps.find((s) => s.n === n);
        if (!step || step.status === 'running' || step.status === 'completed') continue;
        const run = await this.attempt(person, `running step ${n} of ${recovery.plan.recoveryId}`, () => this.as(person).request('POST', `/api/incidents/${incidentId}/recovery/${recovery.plan.recoveryId}/steps/${n}/run`, {}));
        if (run) {
          started++;
          this.deps.log(`${person} runs step ${n} of ${recovery.plan.recoveryId}`);
        }
      }
    }
    return started;
  }

  /** Drafts the notices and completes their blanks; the approver approves on their own time, then they go out. */
  private async notify(person: string, incidentId: string, step: PlayStep): Promise<void> {
    const want = step.notify;
    const approver = step.by[1];
    if (!want || !approver) return;
    const client = this.as(person);
    const drafted: string[] = [];
    for (const entity of want.entities) {
      const body = { template: want.template, entity, exfiltration: this.exfiltration, ...(want.contact ? { contact: want.contact } : {}) };
      const notice = await this.attempt(person, `drafting ${want.template} for ${entity}`, () => client.request<{ noticeId: string; markdown: string; blanks: unknown[] }>('POST', `/api/incidents/${incidentId}/notices`, body));
      if (!notice) continue;
      if (notice.blanks.length > 0) {
        const markdown = completeBlanks(notice.markdown, want.fill);
        const edited = await this.attempt(person, `completing ${notice.noticeId}`, () => client.request<{ blanks: { line: number; text: string }[] }>('PATCH', `/api/incidents/${incidentId}/notices/${notice.noticeId}`, { markdown, reason: 'blanks completed' }));
        if (!edited) continue;
        const left = edited.blanks.map((b) => `line ${b.line}: ${b.text}`);
        if (left.length > 0) this.deps.log(`${person}: ${notice.noticeId} keeps ${left.length} blank(s) the scenario does not fill: ${left.join('; ')}`);
      }
      drafted.push(notice.noticeId);
    }
    if (drafted.length === 0) return;
    this.deps.log(`${person} drafts ${want.template} for ${want.entities.join(', ')} (${drafted.join(', ')}); ${approver} to approve`);
    const responds = parseScenarioDuration(this.deps.scenario.people.find((p) => p.name === approver)?.responds ?? '0m') ?? 0;
    this.deps.schedule({ at: this.deps.elapsed() + responds, label: `${approver} approves ${drafted.join(', ')}`, run: () => this.approveAndSend(approver, person, incidentId, drafted, want.channel) });
  }

  private async approveAndSend(approver: string, sender: string, incidentId: string, noticeIds: readonly string[], channel: string): Promise<void> {
    const sent: string[] = [];
    for (const noticeId of noticeIds) {
      const notice = await this.as(approver).request<{ hash: string }>('GET', `/api/incidents/${incidentId}/notices/${noticeId}`);
      const approved = await this.attempt(approver, `approving ${noticeId}`, () => this.as(approver).request('POST', `/api/incidents/${incidentId}/notices/${noticeId}/approve`, { hashOfText: notice.hash }));
      if (!approved) continue;
      const done = await this.attempt(sender, `recording ${noticeId} as sent`, () => this.as(sender).request<{ filed: { ruleId: string } | null }>('POST', `/api/incidents/${incidentId}/notices/${noticeId}/send`, { channel }));
      if (done) sent.push(`${noticeId}${done.filed ? ` (files ${done.filed.ruleId})` : ''}`);
    }
    if (sent.length > 0) this.deps.log(`${approver} approves and ${sender} sends ${sent.join(', ')} via ${channel}`);
  }

  private async takeCommand(person: string, incidentId: string): Promise<void> {
    const username = this.deps.usernames.get(person) ?? person;
    const done = await this.attempt(person, 'taking command', () => this.as(person).request('POST', `/api/incidents/${incidentId}/events`, { type: 'commander.assigned', payload: { username } }));
    if (done) this.deps.log(`${person} takes command of the incident`);
  }

  private async move(person: string, incidentId: string, step: PlayStep): Promise<void> {
    const move = step.move;
    if (!move) return;
    const done = await this.attempt(person, `moving the incident to ${move.to}`, () => this.as(person).request('POST', `/api/incidents/${incidentId}/events`, { type: 'state.changed', payload: { to: move.to, reason: move.reason } }));
    if (done) this.deps.log(`${person} moves the incident to ${move.to}: ${move.reason}`);
  }

  private async decide(person: string, incidentId: string, step: PlayStep): Promise<void> {
    const decide = step.decide;
    if (!decide) return;
    const ransom = decide.decision.startsWith('ransom');
    const payload = {
      kind: ransom ? 'ransom' : decide.decision.includes('shutdown') ? 'shutdown' : decide.decision.includes('disclos') ? 'disclosure' : 'other',
      decision: decide.decision.replace(/_/g, ' '),
      rationale: decide.reason,
      approvers: [this.deps.usernames.get(person) ?? person],
      notes: ransom ? [{ topic: 'sanctions', text: 'OFAC advisory of 21 September 2021 considered: no payment is made, so no sanctioned party is paid; law enforcement informed.' }] : [],
    };
    const done = await this.attempt(person, `recording the decision ${decide.decision}`, () => this.as(person).request('POST', `/api/incidents/${incidentId}/records`, { type: 'decision.recorded', payload }));
    if (done) this.deps.log(`${person} records the decision: ${payload.decision}`);
  }

  private async recordExfiltration(person: string, incidentId: string, step: PlayStep): Promise<void> {
    const fact = step.exfiltration;
    if (!fact) return;
    this.exfiltration = fact.status;
    const entities = fact.entities ? ` (${fact.entities.join(', ')})` : '';
    await this.as(person).request('POST', `/api/incidents/${incidentId}/events`, { type: 'note.added', payload: { text: `Exfiltration ${fact.status}${entities}: ${fact.evidence}` } });
    this.deps.log(`${person} records exfiltration ${fact.status}${entities}`);
  }

  /** Confirms the proposed breach determinations (each one a `breach.determined` event by this person). */
  private async confirmAssessments(person: string, incidentId: string): Promise<void> {
    const client = this.as(person);
    const answer = await client.request<{ assessment: { entity: string; regime: string; proposal: string; reasoning: string[] }[] }>('GET', `/api/incidents/${incidentId}/obligations?exfiltration=${this.exfiltration}&ransomware=true`);
    let confirmed = 0;
    for (const item of answer.assessment) {
      const payload = { entity: item.entity, regime: item.regime, decision: item.proposal, reasoning: item.reasoning.length > 0 ? item.reasoning : ['as proposed'], by: this.deps.usernames.get(person) ?? person, proposed: item.proposal };
      const done = await this.attempt(person, `confirming ${item.entity} ${item.regime}`, () => client.request('POST', `/api/incidents/${incidentId}/records`, { type: 'breach.determined', payload }));
      if (done) confirmed++;
    }
    this.deps.log(`${person} confirms ${confirmed} breach determination(s)`);
  }
}

/**
 * Replaces each `[[TO COMPLETE: what]]` with the answer whose key appears in `what` (case-insensitive), else the
 * `'*'` answer; a blank without an answer stays, so the approval is refused and the log says why.
 *
 * @example
 * completeBlanks('x [[TO COMPLETE: the ransom demand]]', { 'ransom demand': 'none received' }); // 'x none received'
 */
export function completeBlanks(markdown: string, fill: string | Record<string, string>): string {
  return markdown.replace(/\[\[TO COMPLETE:\s*([^\]]*)\]\]/g, (blank, what: string) => {
    if (typeof fill === 'string') return fill;
    const text = what.toLowerCase();
    const key = Object.keys(fill).find((k) => k !== '*' && text.includes(k.toLowerCase()));
    return (key === undefined ? fill['*'] : fill[key]) ?? blank;
  });
}
