/**
 * Isolation impact: what a containment plan costs before it runs. Isolating hosts, segments, entities or
 * regions takes their hosts off the network; services lose those hosts, and dependents lose the services.
 */
import type { EstateIndex } from './estate-index.types.js';
import { impactedServices } from './isolation-impact.present.js';
import { entityImpacts, lostPerUnit, regionImpacts } from './isolation-impact.totals.js';
import type { IsolationImpact, IsolationTarget } from './isolation-impact.types.js';
import { resolveIsolation } from './isolation-target.js';
import { serviceCapacity } from './service-capacity.js';

/** How capacity and lost throughput are estimated; shown with every result. */
export const ISOLATION_ASSUMPTIONS: readonly string[] = [
  'A service is down when all its hosts are isolated or a service it depends on is down; degraded when some of its hosts are isolated or a dependency is degraded.',
  'A degraded service keeps the share of its hosts that are not isolated; a service that depends on a service that is down is down too.',
  'A dependency that is only degraded is assumed to absorb the loss with its remaining hosts, so its dependents keep running.',
  'Throughput lost per hour = normal throughput x (1 - capacity): all of it when down.',
  'A service without hosts is affected only through its dependencies.',
];

/**
 * The business impact of isolating a target, as a plan shows it before it runs.
 *
 * @throws UserError `not_found` listing every unknown host, segment, entity or region.
 * @example
 * // "Take EMEA offline"
 * const impact = isolationImpact(index, { regions: ['emea'] });
 * impact.totals.lostPerHour; // e.g. [{ unit: 'orders', perHour: 1200 }]
 * impact.services[0]?.chain; // e.g. ['eu-orders depends on identity-emea (down)', 'identity-emea: all 2 hosts isolated']
 */
export function isolationImpact(index: EstateIndex, target: IsolationTarget): IsolationImpact {
  const resolved = resolveIsolation(index, target);
  const services = impactedServices(index, serviceCapacity(index, resolved.isolated));
  const isolatedHosts: string[] = [];
  resolved.isolated.forEach((flag, h) => {
    if (flag === 1) isolatedHosts.push(index.hosts.ids.ids[h]!);
  });
  const byEntity = entityImpacts(index, resolved.isolated, services);
  const servicesDown = services.filter((s) => s.status === 'down').length;
  return {
    target: resolved.target,
    isolatedHosts,
    totals: {
      hostsIsolated: isolatedHosts.length,
      servicesDown,
      servicesDegraded: services.length - servicesDown,
      lostPerHour: lostPerUnit(services),
    },
    services,
    byEntity,
    byRegion: regionImpacts(index, byEntity),
    assumptions: [...ISOLATION_ASSUMPTIONS],
  };
}
