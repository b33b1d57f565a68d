/**
 * A small history router: a handful of screens do not need a routing library. Paths are real URLs (the server answers
 * every non-API path with the app), so links can be opened in a new tab and shared.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export type Route =
  | { name: 'board' }
  | { name: 'incident'; id: string; tab?: IncidentTab }
  | { name: 'containment' | 'recovery'; id: string }
  | { name: 'estate' }
  | { name: 'alerts' }
  | { name: 'hunt' }
  | { name: 'exercise' }
  | { name: 'not_found'; path: string };

/** The incident page's tabs besides the main one (`/incidents/INC-0001/obligations`). */
export type IncidentTab = 'obligations';

const NAVIGATE = 'firebreak:navigate';

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/incidents' || path === '/login') return { name: 'board' };
  if (path === '/estate') return { name: 'estate' };
  if (path === '/alerts') return { name: 'alerts' };
  if (path === '/hunt') return { name: 'hunt' };
  if (path === '/exercise') return { name: 'exercise' };
  const response = /^\/incidents\/(INC-\d{4,})\/(containment|recovery)$/i.exec(path);
  if (response?.[1] && response[2]) return { name: response[2].toLowerCase() as 'containment' | 'recovery', id: response[1].toUpperCase() };
  const incident = /^\/incidents\/(INC-\d{4,})(\/obligations)?$/i.exec(path);
  if (incident?.[1])
    return { name: 'incident', id: incident[1].toUpperCase(), ...(incident[2] ? { tab: 'obligations' as const } : {}) };
  return { name: 'not_found', path };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

const snapshot = () => `${window.location.pathname}${window.location.search}`;

/** The current location, re-rendering on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

/** Replaces some query parameters of the current URL (empty values are removed). */
export function setQuery(
  changes: Record<string, string | undefined>,
  options: { replace?: boolean } = { replace: true },
): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  navigate(`${url.pathname}${url.search}`, options);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

/** An ordinary link (middle-click, copy link and new tab work) that navigates in place on a plain click. */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
