/** Map colours per theme: the same language as the badges (criticality scale, scope traffic lights). */
import type { Theme } from '../../app/theme';

export interface Palette {
  background: string;
  label: string;
  labelBox: string;
  dim: string;
  edge: string;
  edgeStrong: string;
  highlightEdge: string;
  kind: { region: string; entity: string; segment: string; service: string };
  criticality: Record<string, string>;
  scope: Record<string, string>;
  /** Hosts and segments with no scope state in the chosen incident. */
  unscoped: string;
}

const DARK: Palette = {
  background: '#0c1016',
  label: '#e6ebf1',
  labelBox: '#1a232e',
  dim: '#27313d',
  edge: '#2f3b49',
  edgeStrong: '#5b6b7e',
  highlightEdge: '#ff9237',
  kind: { region: '#8fb3c9', entity: '#5aa2ff', segment: '#3cc6c0', service: '#c29bff' },
  criticality: { low: '#4f8fc0', medium: '#d9b341', high: '#ff9237', critical: '#ff5a5f' },
  scope: { in_scope: '#ff5a5f', suspected: '#f4c84b', cleared: '#3fcf6e' },
  unscoped: '#3a4654',
};

const LIGHT: Palette = {
  background: '#f3f5f8',
  label: '#17202a',
  labelBox: '#ffffff',
  dim: '#d9dee4',
  edge: '#c5cdd6',
  edgeStrong: '#7b8896',
  highlightEdge: '#c25400',
  kind: { region: '#3f6d86', entity: '#1f6fd1', segment: '#138a85', service: '#7440c9' },
  criticality: { low: '#5b9bd5', medium: '#c9a227', high: '#e07a1f', critical: '#c62828' },
  scope: { in_scope: '#c62828', suspected: '#c9a227', cleared: '#1c7c3c' },
  unscoped: '#b8c1cb',
};

export const paletteFor = (theme: Theme): Palette => (theme === 'light' ? LIGHT : DARK);
