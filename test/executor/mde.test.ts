/**
 * The Defender for Endpoint connector against recorded HTTP exchanges (test/fixtures/mde, shapes from the
 * Microsoft documentation named in each file), replayed by a local server in the recorded order.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mdeConnector, type MdeOptions } from '../../src/connectors/mde/index.js';
import type { ActionOutcome, Connector, ConnectorContext, ExecutableAction } from '../../src/respond/types.js';
import { loadRecording, ReplayServer } from './replay-server.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/mde/', import.meta.url));
const MACHINE = '7b1f4967d9728e5aa3c06a9e617a22a4a5a17378';

let server: ReplayServer;
beforeEach(async () => {
  server = await new ReplayServer().start();
});
afterEach(() => server.close());

function connector(overrides: Partial<MdeOptions> = {}): Connector {
  return mdeConnector({
    tenantId: 'contoso.onmicrosoft.com', clientId: '6731de76-14a6-49ae-97bc-6eba6914391e', clientSecret: 'sampleCredentia1s',
    apiUrl: server.url, loginUrl: server.url, isolationType: 'Full', pollMs: 5, waitMs: 10_000, ...overrides,
  });
}

function action(overrides: Partial<ExecutableAction> = {}): ExecutableAction {
  return {
    incidentId: 'INC-0042', planId: 'P-mde', direction: 'forward', operation: 'isolate', args: {}, connector: 'mde',
    target: { kind: 'host', ref: 'desktop-test', entity: 'jp-hq' }, actionId: 'a0001', key: 'P-mde/a0001/forward/1', attempt: 1, ...overrides,
  };
}

function context(): ConnectorContext & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { sent, now: () => new Date(), signal: new AbortController().signal, progress: (state, evidence) => sent.push({ state, evidence }) };
}

async function replay(name: string, act: ExecutableAction, via = connector()): Promise<ActionOutcome> {
  const recording = loadRecording(path.join(FIXTURES, `${name}.json`));
  expect(recording.source.length).toBeGreaterThan(0);
  server.play(recording.exchanges);
  const outcome = await via.execute(act, context());
  expect(server.problems).toEqual([]);
  expect(server.remaining).toBe(0);
  return outcome;
}

describe('Defender for Endpoint connector (recorded exchanges)', () => {
  it('isolates a host found by name, with the key in the comment, and reports Succeeded as verified', async () => {
    const outcome = await replay('isolate-succeeds', action());
    expect(outcome).toMatchObject({ state: 'verified', evidence: { vendor: 'mde', machineActionId: '5382f7ea-7557-4ab7-9782-d50480024a4e', machineId: MACHINE, status: 'Succeeded', type: 'Isolate', scope: 'Full' } });
  });

  it('follows the machine action a crashed attempt already made instead of isolating twice', async () => {
    const outcome = await replay('isolate-resumed', action());
    expect(outcome).toMatchObject({ state: 'verified', evidence: { machineActionId: '5382f7ea-7557-4ab7-9782-d50480024a4e', resumed: true } });
  });

  it('follows an isolation already in progress (400 ActiveRequestAlreadyExists)', async () => {
    const outcome = await replay('isolate-already-active', action({ args: { machineId: MACHINE } }));
    expect(outcome).toMatchObject({ state: 'verified', evidence: { machineActionId: 'd4c0b7f2-5a3e-4a8e-9d3f-1b2c3d4e5f60', requestor: 'Analyst@contoso.com' } });
    expect((outcome.evidence as { adopted?: string }).adopted).toContain('not requested by this attempt');
  });

  it('hands a 429 back as retryable with the Retry-After delay', async () => {
    const outcome = await replay('isolate-throttled', action({ args: { machineId: MACHINE } }));
    expect(outcome).toMatchObject({ state: 'failed', retryable: true, retryAfterMs: 30_000, error: { code: 'mde_throttled' } });
    expect(outcome.error?.message).toContain('TooManyRequests');
  });

  it('reports a machine action that Failed as a retryable failure with the evidence', async () => {
    const outcome = await replay('isolate-fails', action({ args: { machineId: MACHINE } }));
    expect(outcome).toMatchObject({ state: 'failed', retryable: true, error: { code: 'mde_action_failed' }, evidence: { status: 'Failed' } });
  });

  it('releases as the reversal, and reuses the token and the machine id it already has', async () => {
    const shared = connector();
    await replay('isolate-succeeds', action(), shared);
    const [, ...withoutToken] = loadRecording(path.join(FIXTURES, 'release-succeeds.json')).exchanges;
    server.play(withoutToken);
    const outcome = await shared.execute(action({ direction: 'reverse', operation: 'release', key: 'P-mde/a0001/reverse/1' }), context());
    expect(server.problems).toEqual([]);
    expect(outcome).toMatchObject({ state: 'verified', evidence: { type: 'Unisolate', status: 'Succeeded' } });
  });

  it('fails at once when no machine has the host name', async () => {
    const outcome = await replay('machine-not-found', action());
    expect(outcome).toMatchObject({ state: 'failed', retryable: false, error: { code: 'mde_machine_not_found' } });
    expect(outcome.error?.message).toContain('args.machineId');
  });

  it('fails without retry when Entra ID refuses the secret, and never repeats the secret', async () => {
    const outcome = await replay('token-refused', action());
    expect(outcome).toMatchObject({ state: 'failed', retryable: false, error: { code: 'mde_auth_failed' } });
    expect(outcome.error?.message).toContain('AADSTS7000215');
    expect(JSON.stringify(outcome)).not.toContain('sampleCredentia1s');
  });

  it('stops polling at the wait limit with the last status', async () => {
    const recording = loadRecording(path.join(FIXTURES, 'isolate-succeeds.json'));
    const pending = recording.exchanges.slice(0, 4);
    const inProgress = recording.exchanges[4];
    server.play([...pending, ...(inProgress ? Array<typeof inProgress>(200).fill(inProgress) : [])]);
    const outcome = await connector({ pollMs: 5, waitMs: 60 }).execute(action(), context());
    expect(server.problems).toEqual([]);
    expect(outcome).toMatchObject({ state: 'failed', retryable: true, error: { code: 'mde_wait_timeout' }, evidence: { status: 'InProgress' } });
  });
});
