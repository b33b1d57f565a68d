/**
 * The Firebreak agent connector, server side: enrolment, the agent channel (WebSocket), signed command
 * dispatch at scale (batched inserts, claims, sends and result writes), presence, and the two connectors the
 * executor calls (`agent` for hosts, `gateway` for segment cuts). The server wires it up in
 * `server/agent.service.ts`.
 */
import type { Connector } from '../../respond/types.js';
import { createAgentConnector } from './agent.connector.js';
import { createGatewayConnector, type EstateSource } from './gateway.connector.js';
import type { AgentCommandPort } from './run-commands.js';

export { AgentHub, type ChannelSocket } from './agent-hub.js';
export { authenticateAgent, serveChannel, type ChannelDeps } from './agent-channel.js';
export { agentManifest, createAgentConnector, type AgentConnectorOptions } from './agent.connector.js';
export {
  CommandDispatcher,
  commandSubject,
  DISPATCH_SUBJECT,
  isOnline,
  offlineReason,
  onlineWindowMs,
  type CommandInput,
  type CommandRequest,
  type DispatchOptions,
} from './command-dispatcher.js';
export { commandIdFor, cutIdFor } from './command-id.js';
export { isRetryable, outcomeOf } from './command-outcome.js';
export { transitionForResult } from './command-state.js';
export { CommandWatcher, type CommandWatch } from './command-watcher.js';
export { CONNECT_PATH, createEnrolmentToken, createEnrolmentTokens, redeemEnrolment, redeemEnrolments } from './enrolment.js';
export { createGatewayConnector, gatewayManifest, type EstateSource, type GatewayConnectorOptions } from './gateway.connector.js';
export { gatewaysOf, planGatewayCommand } from './gateway-plan.js';
export { Presence } from './presence.js';
export type { AgentCommandPort } from './run-commands.js';
export { loadSigningKey, SIGNING_KEY_SETTING, type SigningKey } from './signing-key.js';

/** The connectors this folder provides, for the executor's registry: `agent` (hosts) and `gateway` (segments). */
export function createAgentConnectors(port: AgentCommandPort, estate: EstateSource, options: { ttlSeconds?: number; timeoutMs?: number } = {}): Connector[] {
  return [createAgentConnector({ port, ...options }), createGatewayConnector({ port, estate, ...options })];
}
