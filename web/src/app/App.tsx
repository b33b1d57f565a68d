/**
 * The shell: find out who is logged in, show the login page or the app (header + the current screen). The estate
 * map is loaded on demand so that the board does not wait for the graph library.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { fetchMe, logout as apiLogout, type Me } from '../api/endpoints';
import { setUnauthenticatedHandler } from '../api/client';
import { ApiError } from '../api/errors';
import { BoardPage } from '../board/BoardPage';
import { AlertsPage } from '../detect/AlertsPage';
import { HuntPage } from '../detect/HuntPage';
import { IncidentPage } from '../incident/IncidentPage';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ErrorNotice, Loading } from '../ui/Status';
import { Header } from './Header';
import { LoginPage } from './LoginPage';
import { Link, parseRoute, useLocation, type Route } from './router';
import { SessionProvider } from './session';
import { useTheme } from './theme';

const EstatePage = lazy(() => import('../estate/EstatePage'));
const ContainmentPage = lazy(() => import('../response/ContainmentPage').then((m) => ({ default: m.ContainmentPage })));
const RecoveryPage = lazy(() => import('../response/RecoveryPage').then((m) => ({ default: m.RecoveryPage })));
const ExercisePage = lazy(() => import('../exercise/ExercisePage').then((m) => ({ default: m.ExercisePage })));

const SCREEN_TITLES: Partial<Record<Route['name'], string>> = {
  estate: 'Estate map',
  alerts: 'Alerts',
  hunt: 'Hunt',
  exercise: 'Exercise',
};

type Auth =
  | { status: 'checking' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'failed'; error: unknown }
  | { status: 'in'; me: Me };

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'board':
      return <BoardPage />;
    case 'incident':
      return <IncidentPage id={route.id} key={route.id} />;
    case 'containment':
    case 'recovery': {
      const Page = route.name === 'containment' ? ContainmentPage : RecoveryPage;
      return (
        <Suspense fallback={<Loading what={`the ${route.name} view`} center />}>
          <Page id={route.id} key={route.id} />
        </Suspense>
      );
    }
    case 'alerts':
      return <AlertsPage />;
    case 'hunt':
      return <HuntPage />;
    case 'estate':
      return (
        <Suspense fallback={<Loading what="the estate map" center />}>
          <EstatePage />
        </Suspense>
      );
    case 'exercise':
      return (
        <Suspense fallback={<Loading what="the exercise" center />}>
          <ExercisePage />
        </Suspense>
      );
    case 'not_found':
      return (
        <div className="status status-center" role="alert">
          <div>
            <strong>There is no page at {route.path}.</strong>
            <p>
              Go to the <Link to="/">incident board</Link> or the <Link to="/estate">estate map</Link>.
            </p>
          </div>
        </div>
      );
  }
}

export function App() {
  const [auth, setAuth] = useState<Auth>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const { theme, toggle } = useTheme();
  const { pathname } = useLocation();

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (me) => setAuth({ status: 'in', me }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.code === 'unauthenticated')
          setAuth({ status: 'anonymous', expired: false });
        else setAuth({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => {
    setUnauthenticatedHandler(() => setAuth({ status: 'anonymous', expired: true }));
    return () => setUnauthenticatedHandler(undefined);
  }, []);

  const logout = useCallback(() => {
    apiLogout().then(
      () => setAuth({ status: 'anonymous', expired: false }),
      () => setAuth({ status: 'anonymous', expired: false }), // the session is gone either way on this page
    );
  }, []);

  useEffect(() => {
    const route = parseRoute(pathname);
    const screen =
      route.name === 'incident'
        ? route.id
        : route.name === 'containment' || route.name === 'recovery'
          ? `${route.id} ${route.name}`
          : (SCREEN_TITLES[route.name] ?? 'Incident board');
    document.title = auth.status === 'in' ? `${screen} · Firebreak` : 'Log in · Firebreak';
  }, [pathname, auth.status]);

  if (auth.status === 'checking') return <Loading what="Firebreak" center />;
  if (auth.status === 'failed')
    return <ErrorNotice error={auth.error} onRetry={() => setAttempt((n) => n + 1)} center />;
  if (auth.status === 'anonymous') {
    return (
      <LoginPage
        expired={auth.expired}
        onLoggedIn={(me) => setAuth({ status: 'in', me })}
        theme={theme}
        onToggleTheme={toggle}
      />
    );
  }
  return (
    <SessionProvider me={auth.me} logout={logout}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app">
        <Header theme={theme} onToggleTheme={toggle} />
        <main id="main" className="main" tabIndex={-1}>
          <ErrorBoundary key={pathname}>
            <Screen route={parseRoute(pathname)} />
          </ErrorBoundary>
        </main>
      </div>
    </SessionProvider>
  );
}
