/**
 * The exercise scenario format (YAML, `content/scenarios/*.yaml`): an estate, simulated agents, the attack as
 * timed events, the people with their roles and response times, what they do when (the playbook), a time
 * compression factor, and the expected outcomes. Everything a run does comes from this data: the driver has
 * no scenario-specific code. See `src/exercise/README.md` for the reference.
 */
import { z } from 'zod';
import { INCIDENT_STATES } from '../incident/lifecycle.js';
import { PLAN_KINDS } from '../respond/types.js';
import { SCENARIO_DURATION_HINT, parseScenarioDuration } from './duration.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected lower-case letters, digits, ".", "_" or "-"');
const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected a user name in lower case, e.g. emea-lead');
const duration = z.string().refine((text) => parseScenarioDuration(text) !== undefined, { message: `not a duration (${SCENARIO_DURATION_HINT})` });
const names = z.array(name).min(1);
const ids = z.array(id).min(1);

export const ROLES = ['viewer', 'responder', 'entity_lead', 'commander', 'admin'] as const;

/** Which hosts something applies to: everything, or by region, entity, segment or hostname. */
export const selectorSchema = z
  .object({ regions: ids.optional(), entities: ids.optional(), segments: ids.optional(), hosts: ids.optional() })
  .strict();
export type HostSelector = z.infer<typeof selectorSchema>;

export const estateSourceSchema = z
  .object({
    /** The built-in demo estate (Hikari Imaging), with its generator seed. */
    demo: z.object({ seed: z.number().int().min(0).default(2021) }).strict().optional(),
    /** An estate file (YAML, JSON or CSV hosts), relative to the scenario file. */
    file: z.string().min(1).optional(),
  })
  .strict()
  .refine((estate) => (estate.demo === undefined) !== (estate.file === undefined), { message: 'give exactly one of `demo` or `file`' });

export const indicatorSetSchema = z
  .object({
    sha256: z.array(z.string().regex(/^[a-fA-F0-9]{64}$/, 'expected a SHA-256 (64 hex digits)')).default([]),
    processNames: z.array(z.string().min(1)).default([]),
    remote: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const agentsSchema = z
  .object({
    /** Hosts that run a (simulated) agent; all hosts when absent. */
    on: selectorSchema.default({}),
    /** Hosts whose agent never connects (their commands stay pending, then fail on their timeout). */
    offline: z.array(id).default([]),
    /** Time an agent takes to answer a command, in real time. */
    latency: duration.default('20ms'),
  })
  .strict();

/** What is really on the hosts: sweeps find these (the ground truth the team does not see). */
export const compromiseSchema = z
  .object({ hosts: ids, found: indicatorSetSchema })
  .strict();

export const personSchema = z
  .object({
    name,
    displayName: z.string().min(1).optional(),
    role: z.enum(ROLES),
    /** Entity ids in scope, or `['*']`. */
    entities: z.array(z.string().min(1)).min(1),
    /** How long this person takes to act once something is asked of them (scenario time). */
    responds: duration.default('10m'),
  })
  .strict();
export type Person = z.infer<typeof personSchema>;

export const attackStepSchema = z
  .object({
    /** Scenario time from the start, e.g. `0m`, `2h30m`. */
    at: duration,
    host: id,
    /** ATT&CK technique and what the step is, for the progress view and the report. */
    technique: z.string().regex(/^T\d{4}(\.\d{3})?$/, 'expected an ATT&CK id such as T1059.001').optional(),
    step: z.string().min(1),
    /** The log event as a collector would send it (Sysmon/Windows fields); host and time are filled in. */
    event: z.record(z.string(), z.unknown()),
    /** Send the event this many times (e.g. one file-encryption event per share). */
    repeat: z.number().int().min(1).max(10_000).default(1),
  })
  .strict();
export type AttackStep = z.infer<typeof attackStepSchema>;

export const TRIGGERS = ['start', 'incident_opened', 'hosts_suspected', 'plan_awaiting_approval', 'contained', 'region_clean', 'scope_confirmed', 'recovered'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const triggerSchema = z
  .object({
    on: z.enum(TRIGGERS),
    /** Only plans of these kinds (for plan_awaiting_approval). */
    kinds: z.array(z.enum(PLAN_KINDS)).min(1).optional(),
    /** Only for these regions (plan_awaiting_approval, region_clean). */
    regions: ids.optional(),
    /** Scenario time after the trigger before acting, on top of the person's response time. */
    after: duration.default('0m'),
  })
  .strict();

const proposeSchema = z.object({ kinds: z.array(z.enum(PLAN_KINDS)).min(1), regions: ids.optional(), entities: ids.optional() }).strict();
const recoverSchema = z
  .object({
    regions: ids.optional(),
    entities: ids.optional(),
    /** Who records each gate, and after how long (scenario time from the start of recovery). */
    gates: z
      .object({
        credentials_reset: z.object({ by: name, after: duration }).strict().optional(),
        backup_verified: z.object({ by: name, after: duration }).strict().optional(),
        approval: z.object({ by: name, after: duration }).strict().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
const decideSchema = z.object({ decision: z.string().regex(/^[a-z][a-z0-9_]*$/), reason: z.string().min(1) }).strict();
/**
 * A notice drafted from a template for each entity by the first person in `by`, its blanks completed with
 * `fill`, approved by the second (four eyes) on their response time, and recorded as sent by the first.
 */
const notifySchema = z
  .object({
    template: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a notice template id such as eu-nis2-early-warning'),
    entities: ids.min(1),
    /**
     * What replaces the `[[TO COMPLETE: ...]]` blanks (in a real incident, the people's own words): one text for
     * every blank, or answers keyed by a fragment of the blank's wording (`'*'` for the rest).
     */
    fill: z.union([z.string().min(1), z.record(z.string().min(1), z.string().min(1))]),
    contact: z.string().min(1).optional(),
    /** How it went out (portal, e-mail, letter); recorded with the sending. */
    channel: z.string().min(1),
  })
  .strict();
/** The commander moves the incident along its lifecycle (the move must be one the lifecycle allows from where it is). */
const moveSchema = z.object({ to: z.enum(INCIDENT_STATES), reason: z.string().min(1) }).strict();
const exfiltrationSchema = z.object({ status: z.enum(['suspected', 'confirmed', 'excluded']), entities: ids.optional(), evidence: z.string().min(1) }).strict();

/** One thing people do, with who does it and when. Exactly one of the action fields. */
export const playStepSchema = triggerSchema.safeExtend({
  by: names,
  propose: proposeSchema.optional(),
  approve: z.literal(true).optional(),
  reject: z.object({ reason: z.string().min(1) }).strict().optional(),
  sweep: selectorSchema.optional(),
  clear_region: z.literal(true).optional(),
  recover: recoverSchema.optional(),
  decide: decideSchema.optional(),
  exfiltration: exfiltrationSchema.optional(),
  confirm_assessments: z.literal(true).optional(),
  move: moveSchema.optional(),
  notify: notifySchema.optional(),
  /** The person becomes the incident commander (a commander or admin). */
  take_command: z.literal(true).optional(),
});
export const PLAY_ACTIONS = ['propose', 'approve', 'reject', 'sweep', 'clear_region', 'recover', 'decide', 'exfiltration', 'confirm_assessments', 'move', 'notify', 'take_command'] as const;
export type PlayAction = (typeof PLAY_ACTIONS)[number];
export type PlayStep = z.infer<typeof playStepSchema>;

/** Expected outcomes, checked at the end. Each item has one kind. */
export const expectationSchema = z
  .object({
    detected_within: duration.optional(),
    contained_within: duration.optional(),
    incidents: z.number().int().min(0).optional(),
    /** The lifecycle state the worked incident ends in (the commander's `move` steps). */
    incident_state: z.enum(INCIDENT_STATES).optional(),
    region_out_of_scope: z.object({ region: id, within: duration.optional() }).strict().optional(),
    region_in_scope: z.object({ region: id }).strict().optional(),
    host_scope: z.object({ host: id, state: z.enum(['suspected', 'in_scope', 'cleared']) }).strict().optional(),
    recovered: z.object({ region: id, within: duration.optional() }).strict().optional(),
    /** The entity owes the rule (`due`, default true); with `status`, the obligation ends in it (e.g. `filed`). */
    obligation: z.object({ entity: id, rule: id, due: z.boolean().default(true), status: z.enum(['not_started', 'running', 'due_soon', 'overdue', 'filed', 'not_required']).optional() }).strict().optional(),
    determination: z
      .object({ entity: id, regime: z.string().min(1), result: z.enum(['notifiable', 'not_notifiable', 'undetermined']) })
      .strict()
      .optional(),
    alerts_at_least: z.object({ count: z.number().int().min(1), rule: z.string().min(1).optional() }).strict().optional(),
  })
  .strict();
export type Expectation = z.infer<typeof expectationSchema>;
export const EXPECTATION_KINDS = Object.keys(expectationSchema.shape) as (keyof Expectation)[];

/** What happened in the real case, for the closing comparison: each fact against a measure of this run. */
export const historySchema = z
  .object({
    source: z.string().min(1),
    facts: z
      .array(
        z
          .object({
            label: z.string().min(1),
            /** What it took then, e.g. `3d`. */
            then: duration,
            measure: z.enum(['time_to_detect', 'time_to_contain', 'time_to_confirm_scope', 'region_downtime', 'region_restored']),
            region: id.optional(),
            note: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(1),
    id,
    title: z.string().min(1),
    summary: z.string().min(1),
    estate: estateSourceSchema,
    /** Scenario clock at the first moment (ISO 8601 with offset). */
    start: z.iso.datetime({ offset: true }),
    /** Scenario seconds per real second (`--speed` overrides). */
    speed: z.number().positive().max(10_000_000).default(600),
    agents: agentsSchema.default({ on: {}, offline: [], latency: '20ms' }),
    compromised: z.array(compromiseSchema).default([]),
    /** What the team learns from its analysis (the loader's hash, the C2 address): every sweep looks for it. */
    intel: indicatorSetSchema.default({ sha256: [], processNames: [], remote: [] }),
    people: z.array(personSchema).min(1),
    attack: z.array(attackStepSchema).min(1),
    playbook: z.array(playStepSchema).min(1),
    /** The run ends when this much scenario time has passed, or earlier when the playbook has nothing left. */
    ends: duration.default('14d'),
    expect: z.array(expectationSchema).default([]),
    history: historySchema.optional(),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;
