/**
 * Simulated agents that speak the real protocol (enrolment, WebSocket channel, signed commands checked by the
 * agent's own gate), for tests, benches and exercises. See README.md.
 */
export { behaviourSchema, faultSchema, indicatorsSchema, type Behaviour, type BehaviourInput, type Fault, type Indicators } from './behaviour.js';
export { fleetStats, startSimulatedFleet, type FleetOptions, type FleetStats, type SimulatedFleet, type SimulatedHostSpec } from './fleet.js';
export { SimulatedAgent, type AgentIdentity } from './sim-agent.js';
export { enrolFleet, FleetEnrolmentError, fleetTokens } from './sim-enrol.js';
export type { SimHost } from './sim-handlers.js';
