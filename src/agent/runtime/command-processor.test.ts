/** The agent refuses forged, replayed, expired and misaddressed commands, reports why, and runs nothing. */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyArgsSchema, type CommandBody } from '../protocol/command.js';
import type { ResultMessage } from '../protocol/messages.js';
import { publicKeyPem, signCommand } from '../protocol/signing.js';
import { HandlerRegistry } from '../handlers/registry.js';
import { CommandProcessor } from './command-processor.js';
import { StateFile, StateHolder, type AgentState } from './state-file.js';

const server = generateKeyPairSync('ed25519');
const attacker = generateKeyPairSync('ed25519');
const NOW = new Date('2026-06-01T10:00:00Z');

let dir: string;
let sent: ResultMessage[];
let runs: string[];
let holder: StateHolder;
let processor: CommandProcessor;

function state(): AgentState {
  return {
    version: 1, agentId: 'agt-a', credential: 'fba_x', hostname: 'uk-app01', serverUrl: 'http://10.0.0.3:7373', serverPublicKey: publicKeyPem(server.publicKey),
    serverKeyFingerprint: 'sha256:x', enrolledAt: NOW.toISOString(), replay: { lastSeq: 0, seenIds: [] }, isolation: null,
  };
}

let seq = 0;
function body(overrides: Partial<CommandBody> = {}): CommandBody {
  seq += 1;
  return { v: 1, id: randomUUID(), agentId: 'agt-a', type: 'ping', args: {}, issuedAt: '2026-06-01T09:59:00Z', expiresAt: '2026-06-01T10:05:00Z', seq, nonce: `nonce-${randomUUID()}`, ...overrides };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fb-agent-'));
  const file = new StateFile(dir);
  await file.save(state());
  holder = new StateHolder(state(), file);
  sent = [];
  runs = [];
  const registry = new HandlerRegistry().register({
    type: 'ping',
    args: emptyArgsSchema,
    run: (_args, ctx) => {
      runs.push(ctx.command.id);
      return Promise.resolve({ state: 'verified', evidence: { pong: true } });
    },
  });
  processor = new CommandProcessor({ state: holder, publicKey: server.publicKey, registry, now: () => NOW, send: (m) => sent.push(m), log: () => undefined });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('agent command gate', () => {
  it('runs a valid command and persists the replay guard (mode 0600) before reporting', async () => {
    const command = signCommand(body(), server.privateKey);
    await processor.submit(command);
    expect(runs).toEqual([command.body.id]);
    expect(sent).toMatchObject([{ kind: 'result', commandId: command.body.id, state: 'verified', evidence: { pong: true } }]);
    const saved = JSON.parse(await readFile(path.join(dir, 'agent.json'), 'utf8')) as AgentState;
    expect(saved.replay).toEqual({ lastSeq: command.body.seq, seenIds: [command.body.id] });
    expect((await stat(path.join(dir, 'agent.json'))).mode & 0o777).toBe(0o600);
  });

  it('rejects a forged command (signed by another key) and reports the reason', async () => {
    const forged = signCommand(body(), attacker.privateKey);
    await processor.submit(forged);
    expect(runs).toEqual([]);
    expect(sent).toMatchObject([{ state: 'rejected', commandId: forged.body.id, reason: { code: 'bad_signature' } }]);
  });

  it('rejects a replayed command: the same message again, and a new id with an old sequence number', async () => {
    const original = signCommand(body(), server.privateKey);
    await processor.submit(original);
    await processor.submit(original);
    await processor.submit(signCommand(body({ seq: original.body.seq }), server.privateKey));
    expect(runs).toEqual([original.body.id]);
    expect(sent.map((m) => m.reason?.code ?? m.state)).toEqual(['verified', 'replayed_id', 'stale_seq']);
  });

  it('still refuses a replay after the agent restarts (the guard is read back from the state file)', async () => {
    const original = signCommand(body(), server.privateKey);
    await processor.submit(original);
    const reloaded = await new StateFile(dir).load();
    if (!reloaded) throw new Error('state missing');
    const registry = new HandlerRegistry().register({ type: 'ping', args: emptyArgsSchema, run: () => Promise.resolve({ state: 'verified', evidence: {} }) });
    const restarted = new CommandProcessor({ state: new StateHolder(reloaded, new StateFile(dir)), publicKey: server.publicKey, registry, now: () => NOW, send: (m) => sent.push(m), log: () => undefined });
    await restarted.submit(original);
    expect(sent.at(-1)).toMatchObject({ state: 'rejected', reason: { code: 'replayed_id' } });
  });

  it('rejects an expired command', async () => {
    const expired = signCommand(body({ issuedAt: '2026-06-01T09:50:00Z', expiresAt: '2026-06-01T09:55:00Z' }), server.privateKey);
    await processor.submit(expired);
    expect(runs).toEqual([]);
    expect(sent).toMatchObject([{ state: 'rejected', commandId: expired.body.id, reason: { code: 'expired' } }]);
  });

  it('rejects a command addressed to another agent', async () => {
    const other = signCommand(body({ agentId: 'agt-b' }), server.privateKey);
    await processor.submit(other);
    expect(runs).toEqual([]);
    expect(sent).toMatchObject([{ state: 'rejected', reason: { code: 'wrong_agent' } }]);
  });

  it('rejects unknown command types and invalid arguments after accepting the signature', async () => {
    await processor.submit(signCommand(body({ type: 'wipe' }), server.privateKey));
    await processor.submit(signCommand(body({ args: { extra: 1 } }), server.privateKey));
    expect(runs).toEqual([]);
    expect(sent.map((m) => m.reason?.code)).toEqual(['unknown_type', 'invalid_args']);
  });
});
