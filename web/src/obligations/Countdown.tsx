/** A deadline's live countdown ("3 h 05 min left", "overdue by 12 min 30 s"), ticking every second. */
import type { CSSProperties } from 'react';
import { liveStatus, statusWords, timeLeft, type Obligation } from './format';

export function ObligationBadge({ status }: { status: Obligation['status'] }) {
  const style = { '--c': `var(--ob-${status}, var(--text-muted))` } as CSSProperties;
  return (
    <span className="badge ob-badge" style={style} data-status={status} title={`Obligation: ${statusWords(status)}`}>
      {statusWords(status)}
    </span>
  );
}

export function Countdown({ obligation: o, now }: { obligation: Obligation; now: number }) {
  const status = liveStatus(o, now);
  if (status === 'filed') {
    const first = o.filings[0];
    return (
      <span className="countdown" data-status="filed">
        {first ? `filed ${o.filedLate ? 'late' : 'in time'}` : 'filed'}
      </span>
    );
  }
  if (o.deadline === null || status === 'not_applicable' || status === 'not_required') {
    return (
      <span className="faint">
        {status === 'running' || status === 'not_started' ? (o.promptly ?? 'no fixed deadline') : '—'}
      </span>
    );
  }
  const left = Date.parse(o.deadline) - now;
  return (
    <span className="countdown mono" data-status={status} role="timer" aria-live="off" title={`deadline ${o.deadline}`}>
      {left < 0 ? `overdue by ${timeLeft(left)}` : `${timeLeft(left)} left`}
    </span>
  );
}
