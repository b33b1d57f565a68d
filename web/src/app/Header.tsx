/** The header: where you are, and who you are (name, role, entities) on every screen. */
import { label } from '../ui/Badge';
import { Link, useLocation } from './router';
import { useSession } from './session';
import type { Theme } from './theme';

function NavLink({ to, text, active }: { to: string; text: string; active: boolean }) {
  return (
    <Link to={to} className={`nav-link${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined}>
      {text}
    </Link>
  );
}

export function ThemeToggle({ theme, onToggle }: { theme: Theme; onToggle: () => void }) {
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      onClick={onToggle}
      aria-label={`Switch to the ${next} theme`}
      title={`Switch to the ${next} theme`}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}

export function Header({ theme, onToggleTheme }: { theme: Theme; onToggleTheme: () => void }) {
  const { me, logout } = useSession();
  const { pathname } = useLocation();
  const entities = me.entities === '*' ? 'All entities' : me.entities.join(', ');
  return (
    <header className="header">
      <Link to="/" className="brand" aria-label="Firebreak: incident board">
        <span className="brand-mark" aria-hidden="true" />
        Firebreak
      </Link>
      <nav aria-label="Main" className="nav">
        <NavLink to="/" text="Incidents" active={pathname === '/' || pathname.startsWith('/incidents')} />
        <NavLink to="/alerts" text="Alerts" active={pathname.startsWith('/alerts')} />
        <NavLink to="/hunt" text="Hunt" active={pathname.startsWith('/hunt')} />
        <NavLink to="/estate" text="Estate map" active={pathname.startsWith('/estate')} />
        <NavLink to="/exercise" text="Exercise" active={pathname.startsWith('/exercise')} />
      </nav>
      <div className="header-spacer" />
      <section className="whoami" aria-label="Signed in user">
        <span className="whoami-name" data-testid="user-name">
          {me.displayName}
          {me.displayName !== me.username && <span className="faint"> ({me.username})</span>}
        </span>
        <span className="badge badge-plain whoami-role" data-testid="user-role" title="Your role">
          {label(me.role)}
        </span>
        <span className="whoami-entities" data-testid="user-entities" title="Entities you may see and act on">
          {entities}
        </span>
      </section>
      <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      <button type="button" className="btn btn-small" onClick={logout}>
        Log out
      </button>
    </header>
  );
}
