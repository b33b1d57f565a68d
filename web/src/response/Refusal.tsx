/**
 * A refusal or failure from the server, said plainly: the server's own sentence first ("rob cannot approve
 * P-0001: the requester cannot approve alone"), then who must act and the server's hint.
 */
import { ApiError, describeError } from '../api/errors';

export function Refusal({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (error === undefined) return null;
  const { title, detail, hint } = describeError(error);
  const issues = error instanceof ApiError ? error.issues.filter((i) => i.message) : [];
  return (
    <div className="status status-error refusal" role="alert">
      <div className="refusal-text">
        <strong>{detail ?? title}</strong>
        {detail && <p className="muted">{title}</p>}
        {issues.length > 0 && (
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>
                {issue.field ? <span className="mono">{issue.field.replace(/^body\./, '')}: </span> : null}
                {issue.message}
                {issue.hint ? <span className="muted"> ({issue.hint})</span> : null}
              </li>
            ))}
          </ul>
        )}
        {hint && <p className="muted">{hint}</p>}
      </div>
      {onDismiss && (
        <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </button>
      )}
    </div>
  );
}
