/** Previous / next through a paged list, with "51–100 of 230"; the page lives in the URL (?page=). */
import { setQuery } from '../app/router';

export function Pager({ page, total, size }: { page: number; total: number; size: number }) {
  const pages = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted" aria-live="polite">
        {first}–{last} of {total.toLocaleString()}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={page <= 1}
        onClick={() => setQuery({ page: page > 2 ? String(page - 1) : undefined })}
      >
        Previous
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={page >= pages}
        onClick={() => setQuery({ page: String(page + 1) })}
      >
        Next
      </button>
    </nav>
  );
}
