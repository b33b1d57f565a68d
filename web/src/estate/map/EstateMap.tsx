/**
 * The WebGL map (sigma.js 3 over graphology). The graph is built once per estate; what is shown (colours,
 * selection, blast radius, search) goes through reducers, so a change only re-renders. Keyboard: + and - zoom,
 * 0 fits the estate, arrow keys pan; the search box and lists beside the map are the keyboard way to select.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Sigma from 'sigma';
import { hoverDrawer } from './draw';
import type { EdgeAttributes, EstateGraph, NodeAttributes } from './graph';
import { reduceEdge, reduceNode, type MapView } from './reducers';

interface Props {
  graph: EstateGraph;
  view: MapView;
  /** A node to move the camera to (e.g. the selected host); a new object moves it again. */
  focus: { key: string } | null;
  onSelect: (key: string | null) => void;
  /** What the map shows, for screen readers. */
  description: string;
}

type Renderer = Sigma<NodeAttributes, EdgeAttributes>;

const FONT = "Inter, 'Segoe UI', system-ui, sans-serif";

function createRenderer(graph: EstateGraph, container: HTMLElement, view: { current: MapView }): Renderer {
  return new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    nodeReducer: (node, data) => reduceNode(node, data, view.current),
    edgeReducer: (edge, data) => reduceEdge(graph, edge, data, view.current),
    zIndex: true,
    // Level of detail: labels only once a node is drawn at least this large (hosts: when zoomed in).
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.35,
    labelGridCellSize: 140,
    labelFont: FONT,
    labelSize: 12,
    labelWeight: '600',
    labelColor: { color: view.current.palette.label },
    defaultDrawNodeHover: hoverDrawer(view.current.palette),
    minCameraRatio: 0.015,
    maxCameraRatio: 2,
    stagePadding: 30,
  });
}

export default function EstateMap({ graph, view, focus, onSelect, description }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<Renderer | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let sigma: Renderer;
    try {
      sigma = createRenderer(graph, element, viewRef);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      return;
    }
    setFailure(null);
    sigma.on('clickNode', ({ node }) => selectRef.current(node));
    sigma.on('clickStage', () => selectRef.current(null));
    const observer = new ResizeObserver(() => sigma.refresh());
    observer.observe(element);
    renderer.current = sigma;
    return () => {
      observer.disconnect();
      sigma.kill();
      renderer.current = null;
    };
  }, [graph]);

  useEffect(() => {
    const sigma = renderer.current;
    if (!sigma) return;
    sigma.setSettings({ labelColor: { color: view.palette.label }, defaultDrawNodeHover: hoverDrawer(view.palette) });
    sigma.refresh();
  }, [view]);

  useEffect(() => {
    const sigma = renderer.current;
    const at = focus ? sigma?.getNodeDisplayData(focus.key) : undefined;
    if (!sigma || !at) return;
    const camera = sigma.getCamera();
    void camera.animate({ x: at.x, y: at.y, ratio: Math.min(camera.ratio, 0.3) }, { duration: 450 });
  }, [focus, graph]);

  const camera = () => renderer.current?.getCamera();
  const pan = (dx: number, dy: number) => {
    const c = camera();
    if (c) void c.animate({ x: c.x + dx * c.ratio * 0.15, y: c.y + dy * c.ratio * 0.15 }, { duration: 150 });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      '+': () => void camera()?.animatedZoom(1.6),
      '=': () => void camera()?.animatedZoom(1.6),
      '-': () => void camera()?.animatedUnzoom(1.6),
      '0': () => void camera()?.animatedReset(),
      ArrowLeft: () => pan(-1, 0),
      ArrowRight: () => pan(1, 0),
      ArrowUp: () => pan(0, 1),
      ArrowDown: () => pan(0, -1),
      Escape: () => selectRef.current(null),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  if (failure) {
    return (
      <div className="status status-error map-failure" role="alert">
        <div>
          <strong>The map could not start: this browser did not provide WebGL.</strong>
          <p>{failure}</p>
          <p className="muted">
            Search for hosts beside the map still works. Enable hardware acceleration or try another browser to see the
            graph.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="map-frame">
      <div
        ref={container}
        className="map-canvas"
        role="application"
        aria-roledescription="estate map"
        aria-label={`${description}. Plus and minus zoom, 0 fits, arrow keys pan, Escape clears the selection.`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="estate-map"
        data-nodes={graph.order}
      />
      <div className="map-zoom" role="group" aria-label="Zoom">
        <button
          type="button"
          className="btn btn-small"
          aria-label="Zoom in"
          onClick={() => void camera()?.animatedZoom(1.6)}
        >
          +
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label="Zoom out"
          onClick={() => void camera()?.animatedUnzoom(1.6)}
        >
          −
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label="Fit the whole estate"
          onClick={() => void camera()?.animatedReset()}
        >
          Fit
        </button>
      </div>
    </div>
  );
}
