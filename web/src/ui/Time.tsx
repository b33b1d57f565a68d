/** Times as people in an incident read them: how long ago, with the exact UTC and local time on hover. */
import { useEffect, useState } from 'react';

/** "4m", "3h 12m", "2d 5h": compact durations for tables. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

// 24-hour clocks: incident logs are read across regions and shifts; AM/PM only adds doubt.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

/** A clock that ticks every 30 seconds, so ages stay current on a wall screen. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function titleOf(iso: string): string {
  return `${formatDateTime(iso)} (local) · ${new Date(iso).toISOString().replace('.000Z', 'Z')}`;
}

/** "12m ago" */
export function Ago({ at, now }: { at: string; now: number }) {
  return (
    <time dateTime={at} title={titleOf(at)}>
      {formatDuration(now - Date.parse(at))} ago
    </time>
  );
}

/** "3h 12m" since `at`: the age of an incident. */
export function Age({ at, now }: { at: string; now: number }) {
  return (
    <time dateTime={at} title={`since ${titleOf(at)}`}>
      {formatDuration(now - Date.parse(at))}
    </time>
  );
}

/** "14:03:22" today, "Jun 1 14:03:22" otherwise: timeline stamps. */
export function Stamp({ at }: { at: string }) {
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  return (
    <time dateTime={at} title={titleOf(at)} className="mono">
      {today ? '' : `${day.format(date)} `}
      {clock.format(date)}
    </time>
  );
}

export function DateTime({ at }: { at: string }) {
  return (
    <time dateTime={at} title={titleOf(at)}>
      {formatDateTime(at)}
    </time>
  );
}
