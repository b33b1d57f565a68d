/**
 * Test helpers for sweeps, scope confirmation, recovery and backlog: a small two-region estate and an action
 * record builder. For tests only; nothing in production imports it.
 */
import { estateDocumentSchema, type EstateDocument } from '../estate/index.js';
import type { ActionRecord, ActionState } from './types.js';

/**
 * APAC: jp-hq (identity, ERP, orders). EMEA: uk-ltd (identity, DNS, a database with a data store, orders) and
 * de-gmbh (billing, which depends on EMEA identity).
 */
export function testEstate(): EstateDocument {
  const host = (hostname: string, entity: string, segment: string, role: string, criticality = 'medium') => ({ hostname, entity, segment, role, criticality, os: 'linux' });
  return estateDocumentSchema.parse({
    regions: [{ id: 'apac', name: 'Asia-Pacific' }, { id: 'emea', name: 'EMEA' }],
    entities: [
      { id: 'jp-hq', name: 'Example KK', country: 'JP', region: 'apac' },
      { id: 'uk-ltd', name: 'Example UK', country: 'GB', region: 'emea' },
      { id: 'de-gmbh', name: 'Example DE', country: 'DE', region: 'emea' },
    ],
    segments: [
      { id: 'jp-dc', name: 'Tokyo DC', entity: 'jp-hq', cidrs: ['10.2.0.0/16'] },
      { id: 'uk-server', name: 'UK servers', entity: 'uk-ltd', cidrs: ['10.40.8.0/24'], external: [{ kind: 'internet', name: 'UK breakout' }] },
      { id: 'uk-office', name: 'UK office', entity: 'uk-ltd', cidrs: ['10.40.0.0/22'] },
      { id: 'de-office', name: 'DE office', entity: 'de-gmbh', cidrs: ['10.43.0.0/22'] },
    ],
    hosts: [
      host('jp-dc01', 'jp-hq', 'jp-dc', 'domain-controller', 'critical'),
      host('jp-db01', 'jp-hq', 'jp-dc', 'database', 'high'),
      host('jp-app01', 'jp-hq', 'jp-dc', 'app-server', 'high'),
      host('uk-dc01', 'uk-ltd', 'uk-server', 'domain-controller', 'critical'),
      host('uk-dns01', 'uk-ltd', 'uk-server', 'dns', 'high'),
      host('uk-db01', 'uk-ltd', 'uk-server', 'database', 'high'),
      host('uk-app01', 'uk-ltd', 'uk-server', 'app-server', 'high'),
      host('uk-app02', 'uk-ltd', 'uk-server', 'app-server', 'high'),
      host('uk-ws01', 'uk-ltd', 'uk-office', 'workstation', 'low'),
      host('de-app01', 'de-gmbh', 'de-office', 'app-server', 'medium'),
      host('de-ws01', 'de-gmbh', 'de-office', 'workstation', 'low'),
    ],
    services: [
      { id: 'identity-jp', name: 'AD Japan', entity: 'jp-hq', hosts: ['jp-dc01'], criticality: 'critical' },
      { id: 'erp-jp', name: 'ERP Japan', entity: 'jp-hq', hosts: ['jp-app01', 'jp-db01'], dependsOn: ['identity-jp'], criticality: 'critical' },
      { id: 'orders-jp', name: 'Orders Japan', entity: 'jp-hq', hosts: ['jp-app01'], dependsOn: ['erp-jp'], throughput: { perHour: 100, unit: 'orders' }, criticality: 'high' },
      { id: 'identity-emea', name: 'AD EMEA', entity: 'uk-ltd', hosts: ['uk-dc01'], criticality: 'critical' },
      { id: 'dns-emea', name: 'DNS EMEA', entity: 'uk-ltd', hosts: ['uk-dns01'], criticality: 'high' },
      { id: 'db-uk', name: 'Database UK', entity: 'uk-ltd', hosts: ['uk-db01'], dependsOn: ['identity-emea'], criticality: 'high' },
      { id: 'orders-uk', name: 'Orders UK', entity: 'uk-ltd', hosts: ['uk-app01', 'uk-app02'], dependsOn: ['identity-emea', 'db-uk', 'dns-emea'], throughput: { perHour: 120, unit: 'orders' }, criticality: 'critical' },
      { id: 'billing-de', name: 'Billing DE', entity: 'de-gmbh', hosts: ['de-app01'], dependsOn: ['identity-emea'], throughput: { perHour: 50, unit: 'invoices' }, criticality: 'medium' },
    ],
    dataStores: [{ id: 'crm-uk', name: 'UK CRM', host: 'uk-db01', personalData: ['contact'], subjectCountries: ['GB'], records: 1000 }],
  });
}

const T0 = Date.parse('2021-06-02T00:00:00.000Z');

/** An ISO time `minutes` after 2021-06-02T00:00Z. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

export interface RecordSpec {
  planId?: string;
  actionId?: string;
  direction?: 'forward' | 'reverse';
  connector?: string;
  operation: string;
  host?: string;
  segment?: string;
  entity: string;
  args?: Record<string, unknown>;
  /** States and minutes after T0, oldest first; the last is the record's state. */
  states: [ActionState, number][];
  evidence?: Record<string, unknown> | null;
  error?: { code: string; message: string } | null;
}

let counter = 0;

/**
 * An action record as the executor keeps it.
 *
 * @example
 * actionRecord({ operation: 'isolate', host: 'uk-dc01', entity: 'uk-ltd', states: [['requested', 0], ['verified', 1]] });
 */
export function actionRecord(spec: RecordSpec): ActionRecord {
  counter += 1;
  const history = spec.states.map(([state, minutes]) => ({ state, at: at(minutes) }));
  const target = spec.host !== undefined ? { kind: 'host' as const, ref: spec.host, entity: spec.entity } : { kind: 'segment' as const, ref: spec.segment ?? 'none', entity: spec.entity };
  return {
    incidentId: 'INC-0001',
    planId: spec.planId ?? 'P-1',
    actionId: spec.actionId ?? `a${String(counter).padStart(4, '0')}`,
    direction: spec.direction ?? 'forward',
    connector: spec.connector ?? (target.kind === 'host' ? 'agent' : 'gateway'),
    operation: spec.operation,
    args: spec.args ?? {},
    target,
    label: `${spec.operation} ${target.ref}`,
    state: spec.states[spec.states.length - 1]![0],
    attempts: 1,
    evidence: spec.evidence ?? null,
    error: spec.error ?? null,
    history,
    createdAt: history[0]!.at,
    updatedAt: history[history.length - 1]!.at,
  };
}

/** Isolation of each host, verified at `minutes`. */
export function isolated(hosts: readonly { host: string; entity: string }[], minutes: number, planId = 'P-1'): ActionRecord[] {
  return hosts.map(({ host, entity }) => actionRecord({ planId, operation: 'isolate', host, entity, states: [['requested', minutes], ['verified', minutes]] }));
}
