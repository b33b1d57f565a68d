/**
 * Connectors: each a manifest plus one `execute()` (and an optional `executeMany` for large fan-outs), looked
 * up by id in the registry that the executor uses. `builtInConnectors` registers those configured in the
 * environment (webhook, Defender for Endpoint); the agent and gateway connectors register themselves.
 */
import { mdeConnector } from './mde/index.js';
import { ConnectorRegistry } from './registry.js';
import type { ConnectorSettings } from './settings.js';
import { webhookConnector } from './webhook/index.js';

export { ConnectorRegistry } from './registry.js';
export { connectorEnvSchema, connectorSettings, describeConnectorSettings, type ConnectorSettings } from './settings.js';
export { webhookConnector, verifySignature, signatureHeader, SIGNATURE_HEADER, type WebhookOptions } from './webhook/index.js';
export { mdeConnector, type MdeOptions } from './mde/index.js';

/** A registry with the configured webhook and Defender for Endpoint connectors. */
export function builtInConnectors(settings: ConnectorSettings): ConnectorRegistry {
  const registry = new ConnectorRegistry();
  if (settings.webhook) registry.register(webhookConnector(settings.webhook));
  if (settings.mde) registry.register(mdeConnector(settings.mde));
  return registry;
}
