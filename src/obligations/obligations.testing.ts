/**
 * Test helpers (tests only; nothing in production imports this): an incident log built with the real incident
 * commands at chosen times, and a compact way to write estates.
 */
import { estateDocumentSchema, type EstateDocument, type EstateDocumentInput } from '../estate/index.js';
import {
  appendToIncident,
  openIncident,
  recordEvents,
  type IncidentEvent,
  type IncidentSummary,
  type OpenIncidentInput,
} from '../incident/index.js';
import { registerObligationEventTypes } from './events.register.js';

/** An incident log whose events happen at the times the test gives. */
export class TestIncident {
  readonly log: IncidentEvent[] = [];
  summary: IncidentSummary;
  private next = 0;

  constructor(input: OpenIncidentInput, openedAt: string) {
    registerObligationEventTypes();
    const opened = openIncident(input, {
      incidentId: 'INC-0001',
      actor: 'user:alice',
      now: new Date(openedAt),
      newId: () => this.id(),
    });
    this.log.push(...opened.events);
    this.summary = opened.summary;
  }

  private id(): string {
    this.next += 1;
    return `00000000-0000-4000-8000-${this.next.toString(16).padStart(12, '0')}`;
  }

  /** Records a scope change of a host (or segment/entity) at `at`. */
  scope(
    ref: string,
    state: 'suspected' | 'in_scope' | 'cleared',
    at: string,
    entity?: string,
    kind: 'host' | 'segment' | 'entity' = 'host',
  ): this {
    const payload = {
      kind,
      ref,
      state,
      evidence: `test: ${ref} ${state}`,
      ...(entity === undefined ? {} : { entity }),
    };
    const result = appendToIncident(this.summary, { type: 'scope.changed', payload }, this.ctx(at), this.log);
    this.log.push(...result.events);
    this.summary = result.summary;
    return this;
  }

  /** Records an event of a registered type at `at`. */
  record(type: string, payload: unknown, at: string, actor = 'user:alice'): this {
    const result = recordEvents(this.summary, [{ type, payload }], { ...this.ctx(at), actor });
    this.log.push(...result.events);
    this.summary = result.summary;
    return this;
  }

  private ctx(at: string): { actor: string; now: Date; newId: () => string } {
    return { actor: 'user:alice', now: new Date(at), newId: () => this.id() };
  }
}

export interface TestEntity {
  id: string;
  country: string;
  regulators?: string[];
  flags?: Partial<Record<'listedCompany' | 'financialEntity' | 'essentialEntity' | 'importantEntity', boolean>>;
  /** Data stores on the entity's one server (`<id>-srv1`); a second host `<id>-srv2` holds none. */
  stores?: {
    id: string;
    personalData?: string[];
    subjectCountries?: string[];
    records?: number;
    encryptedAtRest?: boolean;
  }[];
}

/**
 * An estate with one region, and per entity one segment (`<id>-lan`) and two hosts (`<id>-srv1`, `<id>-srv2`).
 *
 * @example
 * testEstate([{ id: 'uk-ltd', country: 'GB', stores: [{ id: 'uk-crm', personalData: ['contact'] }] }]);
 */
export function testEstate(entities: readonly TestEntity[]): EstateDocument {
  const input: EstateDocumentInput = {
    regions: [{ id: 'world', name: 'World' }],
    entities: entities.map((e) => ({
      id: e.id,
      name: e.id,
      country: e.country,
      region: 'world',
      regulators: e.regulators ?? [],
      flags: {
        listedCompany: false,
        financialEntity: false,
        essentialEntity: false,
        importantEntity: false,
        ...e.flags,
      },
    })),
    segments: entities.map((e) => ({ id: `${e.id}-lan`, name: `${e.id} LAN`, entity: e.id, cidrs: ['10.0.0.0/24'] })),
    hosts: entities.flatMap((e) =>
      [1, 2].map((n) => ({
        hostname: `${e.id}-srv${n}`,
        os: 'linux',
        role: 'server',
        entity: e.id,
        segment: `${e.id}-lan`,
      })),
    ),
    dataStores: entities.flatMap((e) =>
      (e.stores ?? []).map((s) => ({
        id: s.id,
        name: s.id,
        host: `${e.id}-srv1`,
        personalData: s.personalData ?? [],
        subjectCountries: s.subjectCountries ?? [],
        records: s.records ?? 0,
        encryptedAtRest: s.encryptedAtRest ?? false,
      })),
    ),
  };
  return estateDocumentSchema.parse(input);
}
