/**
 * Cycles: a service that depends on itself through others (`billing -> erp -> billing`), and an entity
 * that is its own ancestor through `parent`.
 */
import type { FieldPath, PathIssue } from '../types.js';
import type { CheckContext } from './context.js';

interface Graph {
  /** Incoming items in file order: id, index in the file, and their edges. */
  incoming: { id: string; index: number; edges: string[] }[];
  edges: Map<string, string[]>;
}

/** Reports each dependency cycle among services and each `parent` cycle among entities, once. */
export function checkCycles(context: CheckContext): PathIssue[] {
  const services = buildGraph(
    context.existing.services.map((service) => [service.id, service.dependsOn]),
    context.candidates.services.flatMap(({ index, value }) =>
      value.id === undefined ? [] : [{ id: value.id, index, edges: value.dependsOn ?? [] }],
    ),
  );
  const entities = buildGraph(
    context.existing.entities.map((entity) => [entity.id, entity.parent === undefined ? [] : [entity.parent]]),
    context.candidates.entities.flatMap(({ index, value }) =>
      value.id === undefined ? [] : [{ id: value.id, index, edges: value.parent === undefined ? [] : [value.parent] }],
    ),
  );
  return [
    ...findCycles(services).map(({ cycle, index, edge }) => ({
      path: ['services', index, 'dependsOn', edge] as FieldPath,
      message: `dependency cycle: ${cycle.join(' -> ')}`,
      hint: 'a service cannot depend on itself, directly or through others; remove one of these dependencies',
    })),
    ...findCycles(entities).map(({ cycle, index }) => ({
      path: ['entities', index, 'parent'] as FieldPath,
      message: `parent cycle: ${cycle.join(' -> ')}`,
      hint: 'an entity cannot be its own ancestor; fix one of these `parent` fields',
    })),
  ];
}

function buildGraph(existing: [string, string[]][], incoming: Graph['incoming']): Graph {
  const edges = new Map(existing);
  for (const item of incoming) edges.set(item.id, item.edges);
  return { incoming, edges };
}

/** One cycle per group of incoming items, starting at the first of them in the file. */
function findCycles(graph: Graph): { cycle: string[]; index: number; edge: number }[] {
  const reported = new Set<string>();
  const found: { cycle: string[]; index: number; edge: number }[] = [];
  for (const item of graph.incoming) {
    if (reported.has(item.id)) continue;
    const cycle = shortestCycle(graph.edges, item.id);
    if (cycle === undefined) continue;
    for (const id of cycle) reported.add(id);
    found.push({ cycle, index: item.index, edge: item.edges.indexOf(cycle[1] ?? '') });
  }
  return found;
}

/** The shortest path from `start` back to itself (breadth-first), as ids with `start` at both ends. */
function shortestCycle(edges: Map<string, string[]>, start: string): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head] as string;
    for (const next of edges.get(node) ?? []) {
      if (next === start) return [...pathTo(previous, node, start), start];
      if (previous.has(next) || !edges.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

function pathTo(previous: Map<string, string>, node: string, start: string): string[] {
  const path = [node];
  let current = node;
  while (current !== start) {
    current = previous.get(current) ?? start;
    path.unshift(current);
  }
  return path;
}
