/**
 * The backlog over time as a small SVG area chart: one line per series, the part after now (the work-off
 * projection of restored services) dashed, a "now" marker. The numbers are in the table beside it.
 */
import { useId } from 'react';
import { areaPath, linear, linePath, maxOf, niceTicks, segments, tickIndices } from './chart';

/** One line: values at times (ms), null where unknown (a gap). */
export interface ChartSeries {
  id: string;
  label: string;
  times: readonly number[];
  values: readonly (number | null)[];
}

const W = 1000;
const H = 270;
const M = { left: 58, right: 18, top: 26, bottom: 34 };
export const PALETTE = ['#ff7a59', '#5aa2ff', '#f4c84b', '#3fcf6e', '#c29bff', '#ff5a8a', '#4dd4c6', '#a3b1c2'];

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const short = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(Math.round(n * 100) / 100));

export function BacklogChart({ grid, series, now, unit }: { grid: readonly string[]; series: readonly ChartSeries[]; now: string; unit: string }) {
  const clip = useId().replace(/:/g, '');
  const xs = grid.map((t) => Date.parse(t));
  const first = xs[0] ?? Date.parse(now);
  const last = xs[xs.length - 1] ?? first;
  const x = linear([first, Math.max(last, first + 60_000)], [M.left, W - M.right]);
  const ticks = niceTicks(maxOf(series.map((s) => s.values)));
  const top = ticks[ticks.length - 1] ?? 1;
  const y = linear([0, top], [H - M.bottom, M.top]);
  const nowX = Math.min(Math.max(x(Date.parse(now)), M.left), W - M.right);
  const multiDay = last - first > 20 * 3600_000;
  const label = `Backlog in ${unit} over time, ${series.length} series`;

  return (
    <svg className="backlog-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <defs>
        <clipPath id={`${clip}-past`}>
          <rect x={0} y={0} width={nowX} height={H} />
        </clipPath>
        <clipPath id={`${clip}-future`}>
          <rect x={nowX} y={0} width={W - nowX} height={H} />
        </clipPath>
      </defs>
      {ticks.map((t) => (
        <g key={t} className="chart-grid">
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text x={M.left - 8} y={y(t)} dy="0.32em" textAnchor="end">
            {short(t)}
          </text>
        </g>
      ))}
      <text className="chart-unit" x={4} y={M.top - 12}>
        {unit}
      </text>
      {tickIndices(xs.length, 6).map((i) => (
        <text key={i} className="chart-axis" x={x(xs[i] ?? first)} y={H - M.bottom + 18} textAnchor="middle">
          {(multiDay ? dayTime : time).format(new Date(xs[i] ?? first))}
        </text>
      ))}
      <line className="chart-baseline" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      {series.map((s, i) => {
        const runs = segments(s.times, s.values);
        const colour = PALETTE[i % PALETTE.length];
        return (
          <g key={s.id} className="chart-series" data-series={s.id} style={{ color: colour }}>
            <path className="chart-area" d={areaPath(runs, x, y)} />
            <path className="chart-line" d={linePath(runs, x, y)} clipPath={`url(#${clip}-past)`} />
            <path className="chart-line chart-projection" d={linePath(runs, x, y)} clipPath={`url(#${clip}-future)`} />
          </g>
        );
      })}
      <g className="chart-now">
        <line x1={nowX} x2={nowX} y1={M.top} y2={H - M.bottom} />
        <text x={nowX} y={M.top - 6} textAnchor="middle">
          now
        </text>
      </g>
    </svg>
  );
}
