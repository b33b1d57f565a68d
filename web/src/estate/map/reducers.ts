/**
 * What the map shows, as sigma reducers over the static graph: colour by criticality or by an incident's scope,
 * the selected host, search matches and the blast radius. Changing any of these re-renders without rebuilding
 * the graph. Level of detail: host labels appear only once zoomed in (sigma's rendered-size threshold), and
 * service edges only when asked for or when they touch the selection.
 */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import type { EdgeAttributes, EstateGraph, NodeAttributes } from './graph';
import type { Palette } from './palette';

export type ColourMode = 'criticality' | 'scope';

export interface MapView {
  mode: ColourMode;
  /** Scope state per node key (`host:…`, `segment:…`, `entity:…`) as recorded in the chosen incident. */
  scope: ReadonlyMap<string, string>;
  /** Entities affected through their hosts or segments: colours the entity node only, never its hosts. */
  affected: ReadonlyMap<string, string>;
  /** Node keys in the selected host's blast radius, or null. */
  blast: ReadonlySet<string> | null;
  /** Node keys matching the search, or null when there is no search. */
  matches: ReadonlySet<string> | null;
  selected: string | null;
  showServices: boolean;
  palette: Palette;
}

/** The scope state of a node: its own, else its segment's, else its entity's. */
export function scopeStateOf(
  attrs: NodeAttributes,
  key: string,
  scope: ReadonlyMap<string, string>,
): string | undefined {
  return (
    scope.get(key) ??
    (attrs.segment && attrs.kind !== 'segment' ? scope.get(`segment:${attrs.segment}`) : undefined) ??
    (attrs.entity && attrs.kind !== 'entity' ? scope.get(`entity:${attrs.entity}`) : undefined)
  );
}

export function baseColour(key: string, attrs: NodeAttributes, view: MapView): string {
  const { palette } = view;
  if (view.mode === 'scope' && attrs.kind !== 'region' && attrs.kind !== 'service') {
    const state =
      scopeStateOf(attrs, key, view.scope) ?? (attrs.kind === 'entity' ? view.affected.get(key) : undefined);
    return state ? (palette.scope[state] ?? palette.unscoped) : palette.unscoped;
  }
  if (attrs.kind === 'host') return palette.criticality[attrs.criticality] ?? palette.kind.segment;
  return palette.kind[attrs.kind];
}

export function reduceNode(key: string, attrs: NodeAttributes, view: MapView): Partial<NodeDisplayData> {
  const display: Partial<NodeDisplayData> = { ...attrs, color: baseColour(key, attrs, view) };
  const focus = view.matches ?? view.blast;
  if (focus && !focus.has(key) && key !== view.selected) {
    display.color = view.palette.dim;
    display.label = attrs.kind === 'host' ? null : attrs.label;
    display.zIndex = 0;
  } else if (focus) {
    display.zIndex = 1;
    if (view.matches && view.matches.size <= 30) display.forceLabel = true;
  }
  if (attrs.kind === 'service' && !view.showServices && key !== view.selected) display.hidden = true;
  if (key === view.selected) {
    display.highlighted = true;
    display.forceLabel = true;
    display.size = Math.max(attrs.size * 3, 6);
    display.zIndex = 2;
  }
  return display;
}

export function reduceEdge(
  graph: EstateGraph,
  edge: string,
  attrs: EdgeAttributes,
  view: MapView,
): Partial<EdgeDisplayData> {
  const [a, b] = graph.extremities(edge);
  const { palette } = view;
  const touchesSelection = view.selected !== null && (a === view.selected || b === view.selected);
  if (attrs.kind === 'service' && !view.showServices && !touchesSelection) return { hidden: true };
  const color = attrs.kind === 'link' ? palette.edgeStrong : palette.edge;
  if (view.blast) {
    const inside = view.blast.has(a) && view.blast.has(b);
    return {
      size: inside ? attrs.size * 1.3 : attrs.size,
      color: inside && attrs.kind === 'link' ? palette.highlightEdge : inside ? color : palette.dim,
      zIndex: inside ? 1 : 0,
    };
  }
  return { size: attrs.size, color: touchesSelection ? palette.highlightEdge : color };
}
