/**
 * Reading an exercise's progress lines: what kind of moment each one is (an attack step, a proposal, an
 * approval, a sweep...), who acted, and running counts for the live view. Lines the patterns do not know stay
 * plain "info" lines, so a driver that words things differently degrades to a readable log, never to nothing.
 */

export type LineKind =
  | 'setup'
  | 'attack'
  | 'detect'
  | 'propose'
  | 'approve'
  | 'reject'
  | 'sweep'
  | 'scope'
  | 'recover'
  | 'legal'
  | 'decide'
  | 'refused'
  | 'end'
  | 'failed'
  | 'info';

export const KIND_LABELS: Record<LineKind, string> = {
  setup: 'set-up',
  attack: 'attack',
  detect: 'detection',
  propose: 'proposal',
  approve: 'approval',
  reject: 'rejection',
  sweep: 'sweep',
  scope: 'scope',
  recover: 'recovery',
  legal: 'legal',
  decide: 'decision',
  refused: 'refused',
  end: 'end',
  failed: 'failed',
  info: 'note',
};

const PATTERNS: [LineKind, RegExp][] = [
  ['failed', /^the exercise failed/],
  ['end', /^run ends:/],
  ['refused', / refused \(\d{3} /],
  ['setup', /^(target |\d+ people: |\d+ simulated agents connected)/],
  ['attack', /^attack \d+\/\d+ /],
  ['detect', /^(detection opens |incident INC-\d+ opened|observed: incident)/],
  // Notices (before approvals: "dpo approves and emea-lead sends N-005 ...").
  ['legal', /( drafts [a-z0-9-]+ for | approves and \S+ sends )/],
  ['propose', / proposes /],
  ['approve', / approves /],
  ['reject', / rejects /],
  ['recover', /( plans recovery | runs step | rebuilds | records (credentials|backup|approval)|^observed: recovered)/],
  ['sweep', / asks for sweep /],
  ['scope', /( declares .* out of scope| marks .* suspected|^observed: (contained|scope confirmed|region clean))/],
  ['decide', /( records the decision| moves the incident to | takes command of the incident)/],
  ['legal', /( records exfiltration | breach determination)/],
];

/** The kind of a progress line. */
export function kindOf(text: string): LineKind {
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'info';
}

/**
 * The person a line starts with (`jp-lead approves P-0001`, `soc: proposing ... refused`), when it is one of
 * the scenario's people; the rest of the line follows.
 */
export function actorOf(text: string, people: ReadonlySet<string>): { person: string; rest: string } | null {
  const match = /^([a-z0-9][a-z0-9._-]*)(:?) (.*)$/s.exec(text);
  if (!match?.[1] || !people.has(match[1])) return null;
  return { person: match[1], rest: `${match[2] ? ': ' : ''}${match[3] ?? ''}`.replace(/^: /, '') };
}

export interface RunCounts {
  attackSteps: number;
  attackTotal: number | null;
  detections: number;
  proposals: number;
  approvals: number;
  sweeps: number;
  /** Regions declared out of scope, in order. */
  cleared: string[];
  recoverySteps: number;
  refusals: number;
}

/** Running counts over the lines so far. */
export function countLines(lines: readonly { text: string }[]): RunCounts {
  const counts: RunCounts = {
    attackSteps: 0,
    attackTotal: null,
    detections: 0,
    proposals: 0,
    approvals: 0,
    sweeps: 0,
    cleared: [],
    recoverySteps: 0,
    refusals: 0,
  };
  for (const { text } of lines) {
    const kind = kindOf(text);
    const attack = /^attack (\d+)\/(\d+) .*; (\d+) detection/.exec(text);
    if (attack) {
      counts.attackSteps = Math.max(counts.attackSteps, Number(attack[1]));
      counts.attackTotal = Number(attack[2]);
      counts.detections += Number(attack[3]);
    }
    if (kind === 'propose') counts.proposals++;
    if (kind === 'approve') counts.approvals++;
    if (kind === 'sweep') counts.sweeps++;
    if (kind === 'refused') counts.refusals++;
    if (kind === 'recover' && / runs step /.test(text)) counts.recoverySteps++;
    const cleared = / declares (\S+) out of scope/.exec(text);
    if (cleared?.[1] && !counts.cleared.includes(cleared[1])) counts.cleared.push(cleared[1]);
  }
  return counts;
}
