/** The inventory names the agent's role; a gateway adds its routing and cuts, and the result fits the protocol. */
import { describe, expect, it } from 'vitest';
import { inventorySchema } from '../protocol/messages.js';
import { collectInventory } from './inventory.js';
import type { AgentState } from './state-file.js';

const state: AgentState = {
  version: 1, agentId: 'agt', credential: 'fba_x', hostname: 'gw01', serverUrl: 'http://fb.example:7373', serverPublicKey: 'x', serverKeyFingerprint: 'x',
  enrolledAt: '', replay: { lastSeq: 0, seenIds: [] }, isolation: null,
};

describe('collectInventory', () => {
  it('reports an endpoint without gateway details', async () => {
    const inventory = await collectInventory(state);
    expect(inventory).toMatchObject({ hostname: 'gw01', role: 'endpoint', isolation: { state: 'released' } });
    expect(inventory.gateway).toBeUndefined();
    expect(inventorySchema.parse(inventory)).toEqual(inventory);
  });

  it('reports a gateway with what it routes and its cuts', async () => {
    const gateway = { forwarding: { ipv4: true, ipv6: false }, routes: [{ dst: '10.1.0.0/24', dev: 'seg0' }], cuts: [{ cutId: 'jp', segment: 'jp-office', rulesetHash: 'sha256:ab', since: '2026-03-01T12:00:00.000Z' }] };
    const inventory = await collectInventory(state, 'gateway', () => Promise.resolve(gateway));
    expect(inventory).toMatchObject({ role: 'gateway', gateway });
    expect(inventorySchema.parse(inventory)).toEqual(inventory);
  });
});
