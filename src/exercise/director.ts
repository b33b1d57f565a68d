/**
 * The director of an exercise (pure): it keeps the agenda of what happens when, in scenario time. The attack
 * steps are on it from the start; what the simulated people do is added when the driver reports what it
 * observed on the server (an incident opened, a plan awaits approval, a region is clean, ...), each at the
 * moment the person would act: the observation's time, plus the step's `after`, plus the person's response
 * time. The driver carries out what falls due and reports back; nothing here does I/O or reads a clock.
 */
import { parseScenarioDuration } from './duration.js';
import type { AttackStep, PlayAction, PlayStep, Scenario } from './scenario.schema.js';
import { PLAY_ACTIONS } from './scenario.schema.js';

/** Something the driver saw on the server. `key` makes a repeated observation of the same thing harmless. */
export type Observation =
  | { on: 'start' }
  | { on: 'incident_opened'; incidentId: string }
  | { on: 'hosts_suspected'; incidentId: string; hosts: readonly string[] }
  | { on: 'plan_awaiting_approval'; incidentId: string; planId: string; kind: string; regions: readonly string[]; entities: readonly string[] }
  | { on: 'contained'; incidentId: string }
  | { on: 'region_clean'; incidentId: string; region: string }
  | { on: 'scope_confirmed'; incidentId: string }
  | { on: 'recovered'; incidentId: string; region: string };

export type AgendaItem =
  | { at: number; seq: number; type: 'attack'; index: number; step: AttackStep }
  | { at: number; seq: number; type: 'play'; index: number; step: PlayStep; action: PlayAction; person: string; observation: Observation };

type Unsequenced = AgendaItem extends unknown ? (AgendaItem extends infer T ? (T extends AgendaItem ? Omit<T, 'seq'> : never) : never) : never;

export interface Director {
  /** Milliseconds of scenario time from the start of the next item, or undefined when the agenda is empty. */
  nextAt(): number | undefined;
  /** Removes and returns the items due at `now` (scenario ms from the start), in order. */
  take(now: number): AgendaItem[];
  /** Adds what people do about an observation made at `now`; returns how many items were added. */
  observe(observation: Observation, now: number): number;
  /** Items still on the agenda. */
  pending(): number;
}

function observationKey(observation: Observation): string {
  switch (observation.on) {
    case 'start':
      return 'start';
    case 'incident_opened':
    case 'contained':
    case 'scope_confirmed':
      return `${observation.on}:${observation.incidentId}`;
    case 'plan_awaiting_approval':
      return `${observation.on}:${observation.incidentId}:${observation.planId}`;
    case 'hosts_suspected':
      return `${observation.on}:${observation.incidentId}:${[...observation.hosts].sort().join(',')}`;
    case 'region_clean':
    case 'recovered':
      return `${observation.on}:${observation.incidentId}:${observation.region}`;
  }
}

/** Whether a playbook step answers an observation (its trigger, kinds and regions). */
export function stepMatches(step: PlayStep, observation: Observation): boolean {
  if (step.on !== observation.on) return false;
  if (observation.on === 'plan_awaiting_approval') {
    if (step.kinds && !step.kinds.some((kind) => kind === observation.kind)) return false;
    if (step.regions && !step.regions.some((region) => observation.regions.includes(region))) return false;
    return true;
  }
  if (observation.on === 'region_clean' || observation.on === 'recovered') return !step.regions || step.regions.includes(observation.region);
  return true;
}

const actionOf = (step: PlayStep): PlayAction => PLAY_ACTIONS.find((action) => step[action] !== undefined) ?? 'propose';

/**
 * Creates the director for a scenario (already validated).
 *
 * @example
 * const director = createDirector(scenario);
 * director.observe({ on: 'start' }, 0);
 * director.take(director.nextAt() ?? 0); // the first attack step
 */
export function createDirector(scenario: Scenario): Director {
  const responds = new Map(scenario.people.map((person) => [person.name, parseScenarioDuration(person.responds) ?? 0]));
  const seen = new Set<string>();
  const agenda: AgendaItem[] = [];
  let seq = 0;
  const add = (item: Unsequenced) => {
    agenda.push({ ...item, seq: seq++ });
  };
  scenario.attack.forEach((step, index) => add({ at: parseScenarioDuration(step.at) ?? 0, type: 'attack', index, step }));
  const sort = () => agenda.sort((a, b) => a.at - b.at || a.seq - b.seq);
  sort();

  return {
    nextAt: () => agenda[0]?.at,
    pending: () => agenda.length,
    take(now) {
      let count = 0;
      while (count < agenda.length && (agenda[count]?.at ?? Infinity) <= now) count++;
      return agenda.splice(0, count);
    },
    observe(observation, now) {
      const key = observationKey(observation);
      if (seen.has(key)) return 0;
      seen.add(key);
      let added = 0;
      scenario.playbook.forEach((step, index) => {
        if (!stepMatches(step, observation)) return;
        const after = parseScenarioDuration(step.after) ?? 0;
        const action = actionOf(step);
        // Approvals are given by each person on their own time; any other action is done once, by the first
        // person listed, when they get to it.
        const people = action === 'approve' ? step.by : step.by.slice(0, 1);
        for (const person of people) {
          add({ at: now + after + (responds.get(person) ?? 0), type: 'play', index, step, action, person, observation });
          added++;
        }
      });
      sort();
      return added;
    },
  };
}

