/** Alerts view filters live in the URL (?level=&incident=&group=rule&page=) so a view can be shared or reloaded. */
import type { AlertFilters as ApiFilters } from '../api/endpoints';

export const PAGE_SIZE = 50;
/** Grouping by rule counts over the newest alerts, at most the server's page limit. */
export const GROUP_WINDOW = 1000;

export const LEVELS = ['critical', 'high', 'medium', 'low', 'informational'] as const;

export interface AlertFilters {
  level: string;
  incident: string;
  grouped: boolean;
  page: number;
}

export function filtersFrom(search: URLSearchParams): AlertFilters {
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  const incident = (search.get('incident') ?? '').toUpperCase();
  const level = search.get('level') ?? '';
  return {
    level: (LEVELS as readonly string[]).includes(level) ? level : '',
    incident: /^INC-\d{4,}$/.test(incident) ? incident : '',
    grouped: search.get('group') === 'rule',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function apiFilters(filters: AlertFilters): ApiFilters {
  return {
    ...(filters.incident ? { incident: filters.incident } : {}),
    ...(filters.level ? { level: filters.level } : {}),
    limit: filters.grouped ? GROUP_WINDOW : PAGE_SIZE,
    offset: filters.grouped ? 0 : (filters.page - 1) * PAGE_SIZE,
  };
}

export const isFiltered = (f: AlertFilters): boolean => f.level !== '' || f.incident !== '';
