/**
 * Incident commands and queries for the API: checks entity scope, runs the pure domain functions inside the
 * store's append transaction, and publishes what was appended on the bus (live views subscribe there).
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/index.js';
import {
  appendToIncident,
  openIncident,
  projectIncident,
  recordEvents,
  verifyChain,
  type EventDraft,
  type AppendInput,
  type IncidentSummary,
  type OpenIncidentInput,
} from '../incident/index.js';
import type { IncidentEvent } from '../incident/event.js';
import { UserError } from '../shared/errors.js';
import type { IncidentListFilter, Store } from '../store/types.js';
import { can, entityFilter, inScope, type Principal } from './auth/roles.js';
import type { EstateService } from './estate.service.js';

type OpenInput = OpenIncidentInput;

export const incidentSubject = (id: string) => `incident.${id}.events`;
export const BOARD_SUBJECT = 'incidents.updated';

const SEVERITY_RANK: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const rank = (severity: string) => SEVERITY_RANK[severity] ?? 0;

const COMMAND_TYPES = new Set(['state.changed', 'severity.changed', 'commander.assigned', 'title.changed']);

export class IncidentService {
  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly estate: EstateService,
    private readonly now: () => Date,
  ) {}

  visible(principal: Principal, summary: IncidentSummary): boolean {
    return principal.entities === '*' || summary.entities.some((e) => inScope(principal, e));
  }

  async open(principal: Principal, input: OpenInput): Promise<IncidentSummary> {
    const entities = input.entities ?? [];
    await this.checkEntities(principal, entities, 'body.entities');
    if (principal.entities !== '*' && entities.length === 0) {
      throw new UserError('validation_failed', 'name the entities this incident concerns', [
        { field: 'body.entities', message: 'required for entity-scoped users', hint: `use your entities: ${principal.entities.join(', ')}` },
      ]);
    }
    const summary = await this.store.incidents.create((incidentId) =>
      openIncident(input, { incidentId, actor: `user:${principal.username}`, now: this.now(), newId: randomUUID }),
    );
    await this.bus.publish(BOARD_SUBJECT, summary);
    const events = await this.store.incidents.events(summary.id);
    await this.bus.publish(incidentSubject(summary.id), { events, summary });
    return summary;
  }

  async append(principal: Principal, incidentId: string, input: AppendInput) {
    await this.require(principal, incidentId);
    if (COMMAND_TYPES.has(input.type) && !can(principal, 'incident:command')) {
      throw new UserError('forbidden', `only an incident commander may record ${input.type}`, [], { role: principal.role });
    }
    const prepared = input.type === 'scope.changed' ? await this.resolveScope(principal, input) : input;
    const result = await this.store.incidents.append(incidentId, ({ summary, readLog }) =>
      appendToIncident(summary, prepared, { actor: `user:${principal.username}`, now: this.now(), newId: randomUUID }, readLog),
    );
    await this.bus.publish(incidentSubject(incidentId), result);
    await this.bus.publish(BOARD_SUBJECT, result.summary);
    return result;
  }

  /** Opens an incident on behalf of the system (detection, say), with no user scope to check. */
  async openAsSystem(actor: string, input: OpenInput): Promise<IncidentSummary> {
    const summary = await this.store.incidents.create((incidentId) => openIncident(input, { incidentId, actor, now: this.now(), newId: randomUUID }));
    await this.publish(summary.id, await this.store.incidents.events(summary.id), summary);
    return summary;
  }

  /**
   * Records events of registered types (alerts, say) on behalf of the system, first raising the severity when
   * `severity` is higher than the incident's, then any built-in entries (`after`: hosts the alerts make suspect,
   * say). One transaction: all or nothing.
   */
  async recordAsSystem(actor: string, incidentId: string, drafts: readonly EventDraft[], severity?: string, after: readonly AppendInput[] = []) {
    const ctx = { actor, now: this.now(), newId: randomUUID };
    const result = await this.store.incidents.append(incidentId, ({ summary }) => {
      const raised = severity !== undefined && rank(severity) > rank(summary.severity)
        ? appendToIncident(summary, { type: 'severity.changed', payload: { to: severity as 'high', reason: 'a more severe alert joined the incident' } }, ctx)
        : { events: [], summary };
      let current = recordEvents(raised.summary, drafts, ctx);
      let events = [...raised.events, ...current.events];
      for (const entry of after) {
        current = appendToIncident(current.summary, entry, ctx);
        events = [...events, ...current.events];
      }
      return { events, summary: current.summary };
    });
    await this.publish(incidentId, result.events, result.summary);
    return result;
  }

  /** Records events of registered types for a user who may see the incident (legal events, say). */
  async record(principal: Principal, incidentId: string, drafts: readonly EventDraft[], ctx: { actor: string; newId: () => string }) {
    await this.require(principal, incidentId);
    const result = await this.store.incidents.append(incidentId, ({ summary }) => recordEvents(summary, drafts, { ...ctx, now: this.now() }));
    await this.publish(incidentId, result.events, result.summary);
    return result;
  }

  private async publish(incidentId: string, events: IncidentEvent[], summary: IncidentSummary): Promise<void> {
    await this.bus.publish(incidentSubject(incidentId), { events, summary });
    await this.bus.publish(BOARD_SUBJECT, summary);
  }

  async list(principal: Principal, filter: IncidentListFilter) {
    const scope = entityFilter(principal);
    if (!scope) return this.store.incidents.list(filter);
    const wanted = filter.entities ? filter.entities.filter((e) => scope.includes(e)) : scope;
    return this.store.incidents.list({ ...filter, entities: wanted, includeUnscoped: false });
  }

  async view(principal: Principal, incidentId: string) {
    await this.require(principal, incidentId);
    return projectIncident(await this.store.incidents.events(incidentId));
  }

  async events(principal: Principal, incidentId: string, afterSeq?: number): Promise<IncidentEvent[]> {
    await this.require(principal, incidentId);
    return this.store.incidents.events(incidentId, afterSeq);
  }

  /** Verifies the hash chain of one incident, or of every incident the caller may see. */
  async verify(principal: Principal, incidentId?: string) {
    const ids = incidentId ? [incidentId] : await this.store.incidents.ids();
    const results = [];
    for (const id of ids) {
      const summary = incidentId ? await this.require(principal, id) : await this.store.incidents.get(id);
      if (!summary || !this.visible(principal, summary)) continue;
      // From the database itself: a row changed behind the server's back must be caught.
      const events = await this.store.incidents.storedEvents(id);
      results.push({ incidentId: id, ...verifyChain(id, events, summary) });
    }
    return { ok: results.every((r) => r.ok), incidents: results };
  }

  async require(principal: Principal, incidentId: string): Promise<IncidentSummary> {
    const summary = await this.store.incidents.get(incidentId);
    if (!summary || !this.visible(principal, summary)) throw new UserError('not_found', `no incident ${incidentId}`);
    return summary;
  }

  private async resolveScope(principal: Principal, input: Extract<AppendInput, { type: 'scope.changed' }>) {
    const entity = await this.estate.entityOf(input.payload.kind, input.payload.ref);
    if (entity === undefined) {
      throw new UserError('validation_failed', `no ${input.payload.kind} "${input.payload.ref}" in the estate`, [
        { field: 'body.payload.ref', message: `unknown ${input.payload.kind}`, hint: 'use a hostname, segment id or entity id from the estate' },
      ]);
    }
    if (!inScope(principal, entity)) throw new UserError('forbidden', `${input.payload.ref} belongs to ${entity}, outside your entities`);
    return { ...input, payload: { ...input.payload, entity } };
  }

  private async checkEntities(principal: Principal, entities: string[], field: string): Promise<void> {
    const known = new Set((await this.estate.current()).doc.entities.map((e) => e.id));
    const unknown = entities.filter((e) => !known.has(e));
    if (unknown.length > 0) {
      throw new UserError('validation_failed', `unknown entities: ${unknown.join(', ')}`, unknown.map((e) => ({ field, message: `no entity "${e}"`, hint: 'use ids from GET /api/estate/entities' })));
    }
    const outside = entities.filter((e) => !inScope(principal, e));
    if (outside.length > 0) throw new UserError('forbidden', `outside your entities: ${outside.join(', ')}`);
  }
}
