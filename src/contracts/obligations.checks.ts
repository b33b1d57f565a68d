/**
 * Compile-time checks that the domain types fit the obligations and notices contracts (a change on the server
 * breaks the server build, not the page). Not imported by the web UI, which cannot type-check Node modules.
 */
import type { z } from 'zod';
import type { BreachAssessment, DecisionLog, NoticeView, ObligationAlert, ObligationView } from '../obligations/index.js';
import type { breachAssessmentSchema, decisionLogSchema, obligationAlertSchema, obligationViewSchema } from './obligations.js';
import type { noticeViewSchema } from './notices.js';

type Fits<Domain, Contract> = Domain extends Contract ? true : never;

export const contractChecks: [
  Fits<ObligationView, z.input<typeof obligationViewSchema>>,
  Fits<ObligationAlert, z.input<typeof obligationAlertSchema>>,
  Fits<BreachAssessment, z.input<typeof breachAssessmentSchema>>,
  Fits<DecisionLog, z.input<typeof decisionLogSchema>>,
  Fits<NoticeView, z.input<typeof noticeViewSchema>>,
] = [true, true, true, true, true];
