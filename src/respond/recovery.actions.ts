/**
 * The actions of a recovery step: the reversal of each containment in place (release an isolated host, restore
 * a cut), run as new forward actions so that the step itself can be rolled back (contained again).
 */
import type { ContainmentChange } from './recovery.containment.js';
import type { ActionSpec } from './types.js';

/** A containment action's reversal as its plan proposed it, by `planId/actionId`. */
export type ReversalLookup = ReadonlyMap<string, { operation: string; args: Record<string, unknown> }>;

/** Reversals used when the proposing plan is not known: the same as the containment planner's. */
const DEFAULT_REVERSALS: Record<string, (args: Record<string, unknown>) => { operation: string; args: Record<string, unknown> }> = {
  'agent:isolate': () => ({ operation: 'release', args: {} }),
  'mde:isolate': (args) => ({ operation: 'unisolate', args }),
  'gateway:cut': (args) => ({ operation: 'restore', args }),
  'agent:segment_cut': (args) => ({ operation: 'segment_restore', args: { cutId: args['cutId'] } }),
};

function reversalOf(change: ContainmentChange, reversals: ReversalLookup): { operation: string; args: Record<string, unknown> } {
  const known = reversals.get(`${change.planId}/${change.actionId}`);
  if (known) return known;
  const fallback = DEFAULT_REVERSALS[`${change.connector}:${change.operation}`];
  if (fallback) return fallback(change.args);
  return change.kind === 'host' ? { operation: 'release', args: {} } : { operation: 'restore', args: change.args };
}

/**
 * The action that ends one containment: `release` (or `unisolate`) for an isolated host, `restore` for a cut;
 * its own reversal puts the containment back.
 *
 * @example
 * reversalAction('a0001', change, new Map()).label; // 'release tk-fs01 (hik-hd), isolated by P-7/a0012'
 */
export function reversalAction(id: string, change: ContainmentChange, reversals: ReversalLookup): ActionSpec {
  const undo = reversalOf(change, reversals);
  const what = change.kind === 'host' ? `${undo.operation} ${change.ref} (${change.entity})` : `${undo.operation} ${change.ref} (${change.entity}): undo ${change.operation}`;
  return {
    id,
    connector: change.connector,
    operation: undo.operation,
    target: { kind: change.kind, ref: change.ref, entity: change.entity },
    args: undo.args,
    reversal: { operation: change.operation, args: change.args },
    label: `${what}, ${change.mode === 'cut' ? 'cut' : change.mode.replace('_', ' ')} by ${change.planId}/${change.actionId}`,
  };
}

/** Action ids within one step's run: `a0001`, `a0002`, ... */
export function actionId(n: number): string {
  return `a${String(n).padStart(4, '0')}`;
}
