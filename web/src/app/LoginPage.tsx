/** Logging in: the server sets an HttpOnly session cookie; the page never sees the token. */
import { useState, type FormEvent } from 'react';
import { login, type Me } from '../api/endpoints';
import { ApiError } from '../api/errors';
import { useSubmit } from '../api/use-submit';
import { TextField } from '../ui/Field';
import { ErrorNotice } from '../ui/Status';
import { ThemeToggle } from './Header';
import type { Theme } from './theme';

interface Props {
  expired: boolean;
  onLoggedIn: (me: Me) => void;
  theme: Theme;
  onToggleTheme: () => void;
}

export function LoginPage({ expired, onLoggedIn, theme, onToggleTheme }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const submit = useSubmit(async () => onLoggedIn((await login(username.trim(), password)).user));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      ...(username.trim() ? {} : { username: 'Enter your user name.' }),
      ...(password ? {} : { password: 'Enter your password.' }),
    };
    setMissing(problems);
    if (Object.keys(problems).length === 0) void submit.run();
  };

  return (
    <main className="login" id="main">
      <div className="login-theme">
        <ThemeToggle theme={theme} onToggle={onToggleTheme} />
      </div>
      <form className="login-card panel" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true" />
          <div>
            <h1 id="login-title">Firebreak</h1>
            <p className="muted">Ransomware incident command</p>
          </div>
        </div>
        {expired && (
          <p className="status" role="status">
            Your session has ended. Log in again to continue.
          </p>
        )}
        <TextField
          label="User name"
          name="username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={missing.username}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password}
        />
        {submit.error !== undefined &&
          (submit.error instanceof ApiError && submit.error.code === 'unauthenticated' ? (
            <p className="status status-error" role="alert">
              <strong>Wrong user name or password.</strong>
            </p>
          ) : (
            <ErrorNotice error={submit.error} action="Login failed" />
          ))}
        <button type="submit" className="btn btn-primary login-submit" disabled={submit.pending}>
          {submit.pending ? 'Logging in…' : 'Log in'}
        </button>
        <p className="faint login-help">
          First start? The user is <code>admin</code>; its password was printed by <code>npm start</code> (or set with
          FIREBREAK_ADMIN_PASSWORD).
        </p>
      </form>
    </main>
  );
}
