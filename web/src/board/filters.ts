/** Board filters live in the URL (?state=&severity=&entity=&q=&page=) so a view can be shared or reloaded. */
import { INCIDENT_STATES } from '../../../src/incident/lifecycle';
import type { IncidentFilters } from '../api/endpoints';

export const PAGE_SIZE = 50;

export interface BoardFilters {
  /** `active` (default: everything not closed), `all`, or one lifecycle state. */
  state: string;
  severity: string;
  entity: string;
  q: string;
  page: number;
}

export function filtersFrom(search: URLSearchParams): BoardFilters {
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  return {
    state: search.get('state') ?? 'active',
    severity: search.get('severity') ?? '',
    entity: search.get('entity') ?? '',
    q: search.get('q') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

const ACTIVE = INCIDENT_STATES.filter((state) => state !== 'closed').join(',');

export function apiFilters(filters: BoardFilters): IncidentFilters {
  const state = filters.state === 'active' ? ACTIVE : filters.state === 'all' ? undefined : filters.state;
  return {
    ...(state ? { state } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
}

export const isFiltered = (f: BoardFilters): boolean =>
  f.state !== 'active' || f.severity !== '' || f.entity !== '' || f.q !== '';
