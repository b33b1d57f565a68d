/** What every route handler gets: the store, the bus, the clock and the domain services. */
import type { Bus } from '../bus/index.js';
import type { ConnectorRegistry } from '../connectors/registry.js';
import type { DurableExecutor } from '../executor/index.js';
import type { AgentService } from './agent.service.js';
import type { Store } from '../store/types.js';
import type { ServerConfig } from './config.js';
import type { DetectionService } from './detection.service.js';
import type { EstateService } from './estate.service.js';
import type { ExerciseService } from './exercise.service.js';
import type { IncidentService } from './incident.service.js';
import type { ObligationService } from './obligation.service.js';
import type { PlanService } from './plan.service.js';
import type { RecoveryService } from './recovery.service.js';
import type { ScopeService } from './scope.service.js';

export interface AppContext {
  store: Store;
  bus: Bus;
  config: ServerConfig;
  now: () => Date;
  estate: EstateService;
  incidents: IncidentService;
  detection: DetectionService;
  agents: AgentService;
  obligations: ObligationService;
  /** Connectors by id (agent, gateway, webhook, mde, ...). */
  connectors: ConnectorRegistry;
  /** Runs plans' actions durably (`submit`, `rollback`, `list`); started by `startServer`. */
  executor: DurableExecutor;
  /** Containment plans: suggestions, proposals, approvals under the policy, hand-over to the executor. */
  plans: PlanService;
  /** Sweeps, clearance per region and entity, declaring regions out of scope. */
  scope: ScopeService;
  /** Recovery plans with gates and steps, and the business backlog. */
  recovery: RecoveryService;
  /** Exercises run from the UI: one at a time, in process, against this server's own API. */
  exercises: ExerciseService;
}
