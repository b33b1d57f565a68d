/**
 * Microsoft Defender for Endpoint as a connector: `isolate` and `release` a host (a machine) through machine
 * actions. Idempotent per attempt: the action's key is written in the machine action's comment, and an attempt
 * that resumes after a crash finds that machine action and follows it instead of requesting another.
 *
 * @example
 * registry.register(mdeConnector({ tenantId, clientId, clientSecret, apiUrl: 'https://api.securitycenter.microsoft.com',
 *   loginUrl: 'https://login.microsoftonline.com', isolationType: 'Full', pollMs: 10_000, waitMs: 30 * 60_000 }));
 */
import { OperationalError } from '../../shared/errors.js';
import type { ActionOutcome, Connector } from '../../respond/types.js';
import { MachineActions } from './machine-actions.js';
import { MdeHttp } from './mde.http.js';
import { mdeManifest } from './mde.manifest.js';
import type { MdeOptions } from './mde.types.js';

export function mdeConnector(options: MdeOptions): Connector {
  const actions = new MachineActions(new MdeHttp(options), options);
  return {
    manifest: mdeManifest(options.waitMs),
    async execute(action, ctx): Promise<ActionOutcome> {
      if (action.target.kind !== 'host') return { state: 'failed', error: { code: 'unsupported_target', message: `Defender for Endpoint acts on hosts, not on a ${action.target.kind}` }, retryable: false };
      try {
        return await actions.run(action.operation === 'isolate' ? 'Isolate' : 'Unisolate', action, ctx);
      } catch (error) {
        if (error instanceof OperationalError) return { state: 'failed', error: { code: error.code, message: error.message }, retryable: error.retryable };
        if (ctx.signal.aborted) return { state: 'failed', error: { code: 'aborted', message: 'the executor stopped waiting for Defender for Endpoint' }, retryable: true };
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
        return { state: 'failed', error: { code: 'mde_unreachable', message: `cannot reach Defender for Endpoint: ${cause}` }, retryable: true };
      }
    },
  };
}
