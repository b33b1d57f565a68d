/**
 * The connectors a server can use, by id. The executor looks connectors up here; an action naming a connector
 * that is not registered fails at once with the list of those that are.
 *
 * @example
 * const connectors = new ConnectorRegistry();
 * connectors.register(webhookConnector({ url, secret }));
 * connectors.get('webhook')?.manifest.operations;
 */
import type { Connector, ConnectorManifest } from '../respond/types.js';

const ID = /^[a-z][a-z0-9_-]{0,39}$/;

export class ConnectorRegistry {
  private readonly connectors = new Map<string, Connector>();

  /** Adds a connector; throws on a second connector with the same id or a manifest without operations. */
  register(connector: Connector): this {
    const { id, operations } = connector.manifest;
    if (!ID.test(id)) throw new Error(`connector id "${id}" is not valid (lower-case letters, digits, "_" or "-")`);
    if (this.connectors.has(id)) throw new Error(`a connector "${id}" is already registered`);
    if (operations.length === 0) throw new Error(`connector "${id}" declares no operations`);
    const names = new Set<string>();
    for (const op of operations) {
      if (names.has(op.name)) throw new Error(`connector "${id}" declares operation "${op.name}" twice`);
      names.add(op.name);
    }
    for (const op of operations) {
      if (op.reversal !== null && !names.has(op.reversal)) throw new Error(`connector "${id}": the reversal of "${op.name}" is "${op.reversal}", which it does not declare`);
    }
    this.connectors.set(id, connector);
    return this;
  }

  get(id: string): Connector | undefined {
    return this.connectors.get(id);
  }

  has(id: string): boolean {
    return this.connectors.has(id);
  }

  ids(): string[] {
    return [...this.connectors.keys()].sort();
  }

  /** Every manifest, by id. */
  list(): ConnectorManifest[] {
    return this.ids().map((id) => (this.connectors.get(id) as Connector).manifest);
  }
}
