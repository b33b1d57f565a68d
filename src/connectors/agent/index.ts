/**
 * The Firebreak agent connector, server side: enrolment, the agent channel (WebSocket), signed command
 * dispatch, results and timeouts. The server wires it up in `server/agent.service.ts`; planners and the
 * executor use `AgentService.requestCommand` and watch `agent.<id>.commands` on the bus.
 */
export { AgentHub, type ChannelSocket } from './agent-hub.js';
export { authenticateAgent, serveChannel, type ChannelDeps } from './agent-channel.js';
export { CommandDispatcher, commandSubject, isOnline, offlineReason, type CommandInput, type DispatchOptions } from './command-dispatcher.js';
export { transitionForResult } from './command-state.js';
export { CONNECT_PATH, createEnrolmentToken, redeemEnrolment } from './enrolment.js';
export { loadSigningKey, SIGNING_KEY_SETTING, type SigningKey } from './signing-key.js';
