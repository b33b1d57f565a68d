/** A notice's status: draft, approved or sent. */
import type { CSSProperties } from 'react';

export function NoticeBadge({ status }: { status: 'draft' | 'approved' | 'sent' }) {
  const style = { '--c': `var(--notice-${status}, var(--text-muted))` } as CSSProperties;
  return (
    <span className="badge" style={style} data-value={status} title={`Notice: ${status}`}>
      {status}
    </span>
  );
}
