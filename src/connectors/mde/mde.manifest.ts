/** What the Defender for Endpoint connector offers. */
import type { ConnectorManifest } from '../../respond/types.js';

export function mdeManifest(waitMs: number): ConnectorManifest {
  return {
    id: 'mde',
    name: 'Microsoft Defender for Endpoint',
    description: 'Isolates and releases machines through the Defender for Endpoint API (machine actions), and waits until Defender reports the action Succeeded.',
    operations: [
      { name: 'isolate', targetKinds: ['host'], reversal: 'release', proves: 'verified', description: 'POST /api/machines/{id}/isolate (Full or Selective, args.isolationType), polled until it ends.' },
      { name: 'release', targetKinds: ['host'], reversal: 'isolate', proves: 'verified', description: 'POST /api/machines/{id}/unisolate, polled until it ends.' },
    ],
    // The executor waits for the polling deadline plus the requests around it.
    timeoutMs: waitMs + 120_000,
    secrets: ['FIREBREAK_MDE_CLIENT_SECRET'],
  };
}
