/**
 * Obligations in the server: the rule pack loaded at start, each incident's clocks and breach assessment computed
 * from its log and the estate, and the legal events (determinations, classifications, filings, payments,
 * decisions) recorded in the log by a named person, within the recorder's entities.
 */
import { randomUUID } from 'node:crypto';
import type { ObligationRecordType } from '../contracts/obligations.js';
import { projectIncident, projectScope, decodeEvent, type IncidentEvent } from '../incident/index.js';
import {
  assessBreach,
  decisionDraft,
  loadRulePackFolder,
  obligationAlerts,
  computeObligations,
  projectDecisionLog,
  readObligationFacts,
  registerNoticeEventTypes,
  registerObligationEventTypes,
  scopeFromView,
  type BreachFacts,
  type DecisionInput,
  type RulePack,
} from '../obligations/index.js';
import { UserError, type Issue } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';
import type { IncidentService } from './incident.service.js';

export { OBLIGATION_RECORD_TYPES, type ObligationRecordType } from '../contracts/obligations.js';

/** The latest determination per entity and regime, for the view beside the proposals. */
function determinationsOf(events: readonly IncidentEvent[]) {
  const latest = new Map<string, ReturnType<typeof readObligationFacts>['determinations'][number]>();
  for (const d of readObligationFacts(events).determinations) latest.set(`${d.entity}\u0000${d.regime}`, d);
  return [...latest.values()].map((d) => ({
    entity: d.entity, regime: d.regime, decision: d.decision, by: d.by, at: d.effectiveAt, recordedBy: d.actor,
    proposed: d.proposed ?? null, reasoning: d.reasoning, affectedPersons: d.affectedPersons ?? null,
  }));
}

/** The entities a legal event concerns (none: the whole incident). */
function entitiesOf(payload: Record<string, unknown>): string[] {
  const one = typeof payload['entity'] === 'string' ? [payload['entity']] : [];
  const many = Array.isArray(payload['entities']) ? payload['entities'].filter((e): e is string => typeof e === 'string') : [];
  return [...one, ...many];
}

export class ObligationService {
  private pack: RulePack = { rules: [], files: [] };
  private issues: Issue[] = [];

  constructor(
    private readonly store: Store,
    private readonly estate: EstateService,
    private readonly incidents: IncidentService,
    private readonly now: () => Date,
    private readonly packDir: string,
  ) {
    registerObligationEventTypes();
    registerNoticeEventTypes();
  }

  async load(): Promise<void> {
    const loaded = await loadRulePackFolder(this.packDir);
    this.pack = loaded.pack;
    this.issues = loaded.issues;
  }

  status() {
    return { dir: this.packDir, rules: this.pack.rules.length, files: this.pack.files, issues: this.issues };
  }

  /** The rule ids of the loaded pack (notice templates name them). */
  ruleIds(): Set<string> {
    return new Set(this.pack.rules.map((rule) => rule.id));
  }

  /** Clocks, alerts, proposed and recorded determinations and the decision log of an incident, trimmed to the caller's entities. */
  async view(principal: Principal, incidentId: string, facts: BreachFacts) {
    return (await this.compute(principal, incidentId, facts)).view;
  }

  /** The view with the log and the estate it was computed from (for drafting notices and reports). */
  async compute(principal: Principal, incidentId: string, facts: BreachFacts) {
    await this.incidents.require(principal, incidentId);
    const events = await this.store.incidents.events(incidentId);
    const { doc } = await this.estate.current();
    const scope = scopeFromView(projectScope(events.map(decodeEvent)));
    const now = this.now().toISOString();
    const keep = (entity: string) => inScope(principal, entity);
    const obligations = computeObligations(this.pack, { estate: doc, scope, events, now }).filter((o) => keep(o.entity));
    const decisions = projectDecisionLog(events);
    const view = {
      now,
      obligations,
      alerts: obligationAlerts(obligations),
      assessment: assessBreach(doc, scope, facts).filter((a) => keep(a.entity)),
      determinations: determinationsOf(events).filter((d) => keep(d.entity)),
      decisions: {
        decisions: decisions.decisions.filter((d) => d.entities.length === 0 || d.entities.some(keep)),
        payments: decisions.payments.filter((p) => p.entity === null || keep(p.entity)),
      },
      state: projectIncident(events).summary.state,
      pack: { rules: this.pack.rules.length, issues: this.issues.length },
    };
    return { view, events, estate: doc };
  }

  /**
   * Records a legal event on behalf of a named person; ransom decisions get the sanctions-screening note. The
   * entities it names must be the recorder's; an entity-scoped recorder must name one (an incident-wide event
   * would decide for entities they do not lead).
   */
  async record(principal: Principal, incidentId: string, type: ObligationRecordType, payload: Record<string, unknown>) {
    await this.incidents.require(principal, incidentId);
    const entities = entitiesOf(payload);
    const outside = entities.filter((entity) => !inScope(principal, entity));
    if (outside.length > 0) throw new UserError('forbidden', `outside your entities: ${outside.join(', ')}`);
    if (principal.entities !== '*' && entities.length === 0) {
      throw new UserError('forbidden', `a ${type} for the whole incident concerns entities outside yours`, [
        { field: type === 'decision.recorded' ? 'body.payload.entities' : 'body.payload.entity', message: 'name the entity it concerns', hint: `use your entities: ${principal.entities.join(', ')}` },
      ]);
    }
    const draft = type === 'decision.recorded' ? decisionDraft(payload as unknown as DecisionInput) : { type, payload };
    return this.incidents.record(principal, incidentId, [draft], { actor: `user:${principal.username}`, newId: randomUUID });
  }
}
