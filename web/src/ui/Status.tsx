/** Loading, error and empty states: every view shows one of these rather than nothing. */
import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import type { LiveStatus } from '../api/use-event-stream';

export function Loading({ what, center }: { what: string; center?: boolean }) {
  return (
    <div className={`status${center ? ' status-center' : ''}`} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>Loading {what}…</span>
    </div>
  );
}

export function ErrorNotice({
  error,
  onRetry,
  center,
  action,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  center?: boolean;
  action?: string;
}) {
  const { title, detail, hint } = describeError(error);
  return (
    <div className={`status status-error${center ? ' status-center' : ''}`} role="alert">
      <div style={{ flex: 1 }}>
        <strong>{action ? `${action}: ${title}` : title}</strong>
        {detail && <p>{detail}</p>}
        {hint && <p className="muted">{hint}</p>}
      </div>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

const LIVE_TEXT: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Live updates stopped',
};

/** Whether the view is receiving live updates; offers a restart when the stream stopped. */
export function LiveIndicator({ status, onRestart }: { status: LiveStatus; onRestart: () => void }) {
  return (
    <span className="live" data-status={status} role="status" aria-live="polite">
      {LIVE_TEXT[status]}
      {status === 'stopped' && (
        <button type="button" className="btn btn-small btn-ghost" onClick={onRestart}>
          Reconnect
        </button>
      )}
    </span>
  );
}
