/**
 * Obligations (capability 9, pure core): the rule pack (format, validation, loading), notification clocks per
 * entity and rule, breach assessment, the incident event types of this capability and the decision log.
 * Only `pack.loader.ts` does I/O (it reads the rule-pack folder).
 *
 * @example
 * registerObligationEventTypes();
 * const { pack } = await loadRulePackFolder(defaultRulePackDir());
 * const views = computeObligations(pack, { estate, scope: scopeFromView(projectScope(decoded)), events: log, now });
 * const alerts = obligationAlerts(views);
 */

// Rule pack
export {
  ANCHOR_KINDS,
  ENTITY_FLAGS,
  RECIPIENT_KINDS,
  anchorSchema,
  clockSchema,
  conditionsSchema,
  recipientSchema,
  rulePackFileSchema,
  ruleSchema,
  sourceSchema,
  type Anchor,
  type AnchorKind,
  type Clock,
  type Conditions,
  type EntityFlag,
  type RecipientKind,
  type Rule,
  type RulePackFile,
} from './pack.schema.js';
export {
  buildRulePack,
  parseRulePackFile,
  type PackRule,
  type ParsedPackFile,
  type RulePack,
  type RulePackLoad,
  type RulePackSource,
} from './pack-parse.js';
export { defaultRulePackDir, loadRulePackFolder } from './pack.loader.js';

// Time: durations, calendars, zones, deadlines
export { DURATION_HINT, formatDuration, parseDuration, type Duration, type DurationUnit } from './duration.js';
export {
  CALENDAR_IDS,
  holidayCalendar,
  isBusinessDay,
  isCalendarId,
  type BusinessDayAnswer,
  type CalendarId,
  type HolidayCalendar,
} from './calendars/calendar.js';
export { usFederalHolidays } from './calendars/us-federal.js';
export { formatInZone, instantOf, isValidTimeZone, offsetAt, wallTimeAt, type WallTime } from './time-zone.js';
export { addDuration, type ComputedDeadline, type DeadlineOptions } from './deadline.js';
export { COUNTRY_GROUPS, countryTimeZone, expandCountries } from './jurisdictions.js';

// Clocks
export { computeObligations, type ObligationContext } from './clocks.js';
export type { FilingView, ObligationStatus, ObligationView } from './obligation.types.js';
export type { AnchorView } from './anchors.js';
export { formatTimeLeft, obligationAlerts, type ObligationAlert } from './alerts.js';
export {
  readObligationFacts,
  currentClassification,
  currentDetermination,
  filingsFor,
  paymentFor,
  type ObligationFacts,
  type Recorded,
} from './incident-facts.js';
export {
  exposures,
  recordCount,
  scopeFromView,
  type EntityExposure,
  type ExposedStore,
  type IncidentScope,
  type ObligationEstate,
  type ScopedRef,
} from './exposure.js';

// Breach assessment and determinations
export { assessBreach } from './assessment.js';
export type { AssessedStore, BackupState, BreachAssessment, BreachFacts, Exfiltration } from './assessment.types.js';
export { PRIVACY_REGIMES, SENSITIVE_CATEGORIES, type PrivacyRegime } from './privacy-regimes.js';
export { determinationDraft, type DeterminationInput } from './determination.js';

// Events and the decision log
export {
  BREACH_DECISIONS,
  DECISION_KINDS,
  NOTE_TOPICS,
  OBLIGATION_EVENT_SCHEMAS,
  breachDeterminedSchema,
  decisionRecordedSchema,
  incidentClassifiedSchema,
  obligationFiledSchema,
  ransomPaidSchema,
  type BreachDecision,
  type BreachDetermined,
  type DecisionKind,
  type DecisionRecorded,
  type IncidentClassified,
  type ObligationEventType,
  type ObligationFiled,
  type RansomPaid,
} from './events.schema.js';
export { registerObligationEventTypes } from './events.register.js';
export {
  OFAC_SANCTIONS_NOTE,
  decisionDraft,
  projectDecisionLog,
  type DecisionInput,
  type DecisionLog,
  type DecisionLogEntry,
  type RansomPaymentEntry,
} from './decision-log.js';

// Notices: templates, filling from the incident, the lifecycle (drafted, edited, approved, sent)
export {
  FOUR_EYES_AUDIENCES,
  NOTICE_AUDIENCES,
  NOTICE_EVENT_SCHEMAS,
  NOTICE_TEXT_LIMIT,
  noticeApprovedSchema,
  noticeDraftedSchema,
  noticeEditedSchema,
  noticeSentSchema,
  noticeTemplateMetaSchema,
  type NoticeApproved,
  type NoticeAudience,
  type NoticeDrafted,
  type NoticeEdited,
  type NoticeEventType,
  type NoticeSent,
  type NoticeTemplateMeta,
} from './notices.schema.js';
export {
  PLACEHOLDERS,
  PLACEHOLDER_KEYS,
  blankFor,
  findBlanks,
  type Blank,
  type PlaceholderKey,
} from './notices.placeholders.js';
export {
  buildNoticeTemplates,
  parseNoticeTemplate,
  templateSummary,
  type NoticeTemplate,
  type NoticeTemplateLoad,
  type NoticeTemplateSource,
  type ParsedNoticeTemplate,
} from './notices.template.js';
export { defaultNoticeTemplateDir, loadNoticeTemplates } from './notices.loader.js';
export { noticeFacts, noticeTime, type NoticeFacts, type NoticeFactsInput } from './notices.facts.js';
export { fillNotice, type FilledNotice } from './notices.fill.js';
export { prepareNotice, type NoticeDraftInput, type PreparedNotice } from './notices.draft.js';
export {
  hashOfText,
  nextNoticeId,
  projectNotices,
  type NoticeHistoryEntry,
  type NoticeStatus,
  type NoticeView,
} from './notices.project.js';
export { checkApproval, checkEdit, checkSend } from './notices.rules.js';
export { registerNoticeEventTypes } from './notices.register.js';
