/**
 * Connectors: each a manifest plus one `execute()` (and an optional `executeMany` for large fan-outs), looked
 * up by id in the registry that the executor uses.
 */
export { ConnectorRegistry } from './registry.js';
