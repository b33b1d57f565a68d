/**
 * The rule pack format (zod; the types derive from it). One YAML file holds a versioned list of rules; a rule
 * says who must notify whom (`applies`, `recipient`), by when (`clock`), with what (`content`), and on what
 * authority (`source`, `checked`). See README.md for the format with an example.
 */
import { z } from 'zod';
import { entityFlagsSchema } from '../estate/index.js';
import { CALENDAR_IDS, isCalendarId } from './calendars/calendar.js';
import { DURATION_PATTERN } from './duration.js';
import { COUNTRY_GROUPS } from './jurisdictions.js';
import { isValidTimeZone } from './time-zone.js';

/** What a clock can start from. `report` is the filing of another rule's report (a chained clock). */
export const ANCHOR_KINDS = ['awareness', 'determination', 'classification', 'payment', 'report'] as const;
export type AnchorKind = (typeof ANCHOR_KINDS)[number];

export const RECIPIENT_KINDS = [
  'authority',
  'data_subjects',
  'market',
  'police',
  'customers',
  'internal',
  'other',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Entity flags a rule may require (the estate's `flags`). */
export const ENTITY_FLAGS = Object.keys(entityFlagsSchema.shape) as (keyof typeof entityFlagsSchema.shape)[];
export type EntityFlag = (typeof ENTITY_FLAGS)[number];

const keySchema = z.string().regex(/^[a-z][a-z0-9-]{0,79}$/, 'expected a lower-case key such as uk-gdpr');
export const ruleIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,79}$/, 'expected a lower-case id such as eu-gdpr-33');
const durationSchema = z.string().regex(DURATION_PATTERN, 'not a duration');
const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a calendar date');
const countryCodeSchema = z
  .string()
  .refine(
    (code) => /^[A-Z]{2}$/.test(code) || Object.hasOwn(COUNTRY_GROUPS, code),
    'expected a country code such as GB, or EU or EEA',
  );
const countriesSchema = z.array(countryCodeSchema).min(1);

export const anchorSchema = z
  .object({
    from: z.enum(ANCHOR_KINDS),
    /** No `after`: the anchor starts the clock but sets no fixed deadline (e.g. "without undue delay"). */
    after: durationSchema.optional(),
    /** For `from: report`: the rule whose filing starts this clock. */
    rule: ruleIdSchema.optional(),
    /** For `from: report`: count from the first filing (default) or the latest (an updated report). */
    filing: z.enum(['first', 'latest']).optional(),
  })
  .strict();
export type Anchor = z.output<typeof anchorSchema>;

export const clockSchema = z
  .object({
    /** Several anchors: the earliest deadline wins. */
    anchors: z.array(anchorSchema).min(1),
    /** IANA zone whose wall clock counts days, or `entity` for the entity's country; UTC when absent. */
    timeZone: z
      .string()
      .refine((zone) => zone === 'entity' || isValidTimeZone(zone), 'not a time zone known to Intl')
      .optional(),
    calendar: z
      .string()
      .refine(isCalendarId, `not a known holiday calendar (${CALENDAR_IDS.join(', ')})`)
      .optional(),
    /** Day-based deadlines end at the end of the last local day. */
    endOfDay: z.boolean().default(false),
    /** The law's own words when it asks for speed, e.g. "without undue delay": file before the deadline. */
    promptly: z.string().min(1).optional(),
    /** `guidance` when the figure comes from regulator guidance rather than the law itself. */
    basis: z.enum(['law', 'guidance']).default('law'),
    /** How long before the deadline the obligation counts as due soon (default: a quarter, 1-24 h). */
    dueSoon: durationSchema.optional(),
    note: z.string().min(1).optional(),
  })
  .strict();
export type Clock = z.output<typeof clockSchema>;

const thresholdSchema = z
  .object({ atLeast: z.number().int().positive(), subjectCountries: countriesSchema.optional() })
  .strict();

const classifiedSchema = z.object({ regime: keySchema, as: z.array(keySchema).min(1) }).strict();

/** Conditions: every key given must hold; `anyOf` holds when one of its condition sets does. */
export interface Conditions {
  entityCountries?: string[] | undefined;
  subjectCountries?: string[] | undefined;
  entityFlags?: EntityFlag[] | undefined;
  regulators?: string[] | undefined;
  personalData?: boolean | undefined;
  affectedPersons?: z.output<typeof thresholdSchema> | undefined;
  determination?: string | undefined;
  classified?: z.output<typeof classifiedSchema> | undefined;
  ransomPaid?: boolean | undefined;
  anyOf?: Conditions[] | undefined;
}

export const conditionsSchema: z.ZodType<Conditions> = z
  .object({
    entityCountries: countriesSchema.optional(),
    subjectCountries: countriesSchema.optional(),
    entityFlags: z
      .array(z.enum(ENTITY_FLAGS as [EntityFlag, ...EntityFlag[]]))
      .min(1)
      .optional(),
    regulators: z.array(z.string().min(1)).min(1).optional(),
    personalData: z.boolean().optional(),
    affectedPersons: thresholdSchema.optional(),
    determination: keySchema.optional(),
    classified: classifiedSchema.optional(),
    ransomPaid: z.boolean().optional(),
    get anyOf() {
      return z.array(conditionsSchema).min(2).optional();
    },
  })
  .strict();

export const recipientSchema = z.object({ kind: z.enum(RECIPIENT_KINDS), name: z.string().min(1) }).strict();

export const sourceSchema = z
  .object({
    citation: z.string().min(1),
    urls: z.array(z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL')).min(1),
  })
  .strict();

export const ruleSchema = z
  .object({
    id: ruleIdSchema,
    title: z.string().min(1),
    /** The regime the rule belongs to, e.g. `gdpr`, `nis2`; also the default determination key. */
    regime: keySchema,
    /** Where the rule comes from: a country (`JP`), `EU`, or a US state (`US-CA`). */
    jurisdiction: z.string().regex(/^[A-Z]{2,3}(-[A-Z0-9]{1,3})?$/, 'expected a code such as JP, EU or US-CA'),
    recipient: recipientSchema,
    applies: conditionsSchema,
    clock: clockSchema,
    content: z.array(z.string().min(1)).min(1),
    source: sourceSchema,
    /** The date the rule was last checked against its source. */
    checked: dateSchema,
    /** Incidents whose awareness falls outside these dates are not covered by this rule's wording. */
    inForce: z.object({ from: dateSchema.optional(), until: dateSchema.optional() }).strict().optional(),
    notes: z.array(z.string().min(1)).default([]),
    /** Points the source marks as not confirmed. */
    unverified: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Rule = z.output<typeof ruleSchema>;

export const rulePackFileSchema = z
  .object({
    /** The version of this format. */
    format: z.literal(1),
    /** The pack this file belongs to, e.g. `firebreak-core`. */
    pack: keySchema,
    /** The version of this file's rules, e.g. `2026.11.0`. */
    version: z.string().regex(/^\d+(\.\d+){1,3}$/, 'expected a version such as 2026.11.0'),
    description: z.string().optional(),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();
export type RulePackFile = z.output<typeof rulePackFileSchema>;
