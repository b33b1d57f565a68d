/**
 * Obligations in the server: the rule pack loaded at start, each incident's clocks and breach assessment computed
 * from its log and the estate, and the legal events (determinations, classifications, filings, payments,
 * decisions) recorded in the log by a named person.
 */
import { randomUUID } from 'node:crypto';
import { projectIncident, projectScope, decodeEvent } from '../incident/index.js';
import {
  assessBreach,
  decisionDraft,
  loadRulePackFolder,
  obligationAlerts,
  computeObligations,
  projectDecisionLog,
  registerObligationEventTypes,
  scopeFromView,
  type BreachFacts,
  type DecisionInput,
  type RulePack,
} from '../obligations/index.js';
import type { Issue } from '../shared/errors.js';
import type { Store } from '../store/types.js';
import { inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';
import type { IncidentService } from './incident.service.js';

export const OBLIGATION_RECORD_TYPES = ['breach.determined', 'incident.classified', 'obligation.filed', 'ransom.paid', 'decision.recorded'] as const;
export type ObligationRecordType = (typeof OBLIGATION_RECORD_TYPES)[number];

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
  }

  async load(): Promise<void> {
    const loaded = await loadRulePackFolder(this.packDir);
    this.pack = loaded.pack;
    this.issues = loaded.issues;
  }

  status() {
    return { dir: this.packDir, rules: this.pack.rules.length, files: this.pack.files, issues: this.issues };
  }

  /** Clocks, alerts, proposed determinations and the decision log of an incident, trimmed to the caller's entities. */
  async view(principal: Principal, incidentId: string, facts: BreachFacts) {
    await this.incidents.require(principal, incidentId);
    const events = await this.store.incidents.events(incidentId);
    const { doc } = await this.estate.current();
    const scope = scopeFromView(projectScope(events.map(decodeEvent)));
    const now = this.now().toISOString();
    const keep = (entity: string) => inScope(principal, entity);
    const obligations = computeObligations(this.pack, { estate: doc, scope, events, now }).filter((o) => keep(o.entity));
    return {
      now,
      obligations,
      alerts: obligationAlerts(obligations),
      assessment: assessBreach(doc, scope, facts).filter((a) => keep(a.entity)),
      decisions: projectDecisionLog(events),
      state: projectIncident(events).summary.state,
      pack: { rules: this.pack.rules.length, issues: this.issues.length },
    };
  }

  /** Records a legal event on behalf of a named person; ransom decisions get the sanctions-screening note. */
  async record(principal: Principal, incidentId: string, type: ObligationRecordType, payload: Record<string, unknown>) {
    const draft = type === 'decision.recorded' ? decisionDraft(payload as unknown as DecisionInput) : { type, payload };
    return this.incidents.record(principal, incidentId, [draft], { actor: `user:${principal.username}`, newId: randomUUID });
  }
}
