/** What the generic webhook connector offers: operations a receiving system maps to its own actions. */
import type { ConnectorManifest } from '../../respond/types.js';

export function webhookManifest(timeoutMs: number): ConnectorManifest {
  return {
    id: 'webhook',
    name: 'Signed webhook',
    description: 'POSTs each action as signed JSON (HMAC-SHA256) to a configured URL; the receiver carries it out (a SOAR, a firewall manager, a ticketing bridge).',
    operations: [
      { name: 'isolate', targetKinds: ['host'], reversal: 'release', proves: 'applied', description: 'Ask the receiver to isolate a host.' },
      { name: 'release', targetKinds: ['host'], reversal: null, proves: 'applied', description: 'Ask the receiver to release a host from isolation.' },
      { name: 'cut', targetKinds: ['segment'], reversal: 'restore', proves: 'applied', description: "Ask the receiver to cut a segment's connectivity (args say which links)." },
      { name: 'restore', targetKinds: ['segment'], reversal: null, proves: 'applied', description: "Ask the receiver to restore a segment's connectivity." },
      { name: 'disable', targetKinds: ['service'], reversal: 'enable', proves: 'applied', description: 'Ask the receiver to take a service down.' },
      { name: 'enable', targetKinds: ['service'], reversal: null, proves: 'applied', description: 'Ask the receiver to bring a service back.' },
      { name: 'notify', targetKinds: ['host', 'segment', 'service'], reversal: null, proves: 'applied', description: 'Tell the receiver about the action; nothing to undo.' },
    ],
    // The executor gives up a little after the request's own timeout.
    timeoutMs: timeoutMs + 5000,
    secrets: ['FIREBREAK_WEBHOOK_SECRET'],
  };
}
