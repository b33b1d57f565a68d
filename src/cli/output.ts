/** Printing for humans (aligned tables) and for scripts (`--json`). */

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const stdio: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** An aligned text table; cells are stringified and cut at 60 characters. */
export function table(rows: readonly object[], columns: readonly string[]): string {
  const cell = (value: unknown): string => {
    const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.map(show).join(',') : show(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const cells = rows.map((row) => columns.map((c) => cell((row as Record<string, unknown>)[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '-';
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}

/** `key: value` lines for one record. */
export function fields(record: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  return Object.entries(record)
    .map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${show(v)}`)
    .join('\n');
}

/** One line of fixed-width columns, for rows printed as they are found (a stream has no widths to measure). */
export function fixedRow(values: readonly string[], widths: readonly number[]): string {
  return values
    .map((v, i) => {
      const w = widths[i] ?? 0;
      if (w === 0) return v;
      return v.length > w ? `${v.slice(0, w - 1)}…` : v.padEnd(w);
    })
    .join('  ')
    .trimEnd();
}
