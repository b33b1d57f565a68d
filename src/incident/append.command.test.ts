import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import { appendToIncident } from './append.command.js';
import type { IncidentEvent } from './event.js';
import { IncidentHarness } from './incident.testing.js';
import { describeEvent } from './timeline.js';
import type { AppendInput } from './input.schema.js';
import { verifyChain } from './verify.js';

const open = () =>
  new IncidentHarness({ title: 'Ransomware at Tokyo HQ', severity: 'high', entities: ['fujifilm-jp'] });

function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('appendToIncident', () => {
  it('chains each event after the summary head and keeps the log verifiable', () => {
    const h = open();
    h.append({ type: 'note.added', payload: { text: 'Ransom note found on tk-fs01' } });
    h.append({ type: 'state.changed', payload: { to: 'analyse' } });
    expect(h.log.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(h.summary).toMatchObject({ state: 'analyse', lastSeq: 3, lastHash: h.log[2]!.hash, updatedAt: h.log[2]!.at });
    expect(verifyChain('INC-0001', h.log, h.summary).ok).toBe(true);
  });

  it('records state changes with from, to and reason, and refuses forbidden ones', () => {
    const h = open();
    const [event] = h.append({ type: 'state.changed', payload: { to: 'contain', reason: 'ransom note on file servers' } }, 'user:bob');
    expect(event).toMatchObject({ type: 'state.changed', actor: 'user:bob', payload: { from: 'detect', to: 'contain', reason: 'ransom note on file servers' } });
    const error = userError(() => h.append({ type: 'state.changed', payload: { to: 'closed' } }));
    expect(error.code).toBe('forbidden_transition');
    expect(error.details).toEqual({ from: 'contain', to: 'closed', allowed: ['eradicate', 'analyse'] });
    expect(h.log).toHaveLength(2);
  });

  it('gives task.added a generated taskId and checks task.updated against the log', () => {
    const h = open();
    const [added] = h.append({ type: 'task.added', payload: { title: 'Reset domain admin passwords', assignee: 'bob' } });
    const taskId = (added!.payload as { taskId: string }).taskId;
    expect(taskId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(taskId).not.toBe(added!.id);
    const [updated] = h.append({ type: 'task.updated', payload: { taskId, status: 'done' } });
    expect(updated!.payload).toEqual({ taskId, status: 'done' });
    expect(userError(() => h.append({ type: 'task.updated', payload: { taskId: 'nope', status: 'done' } })).code).toBe('not_found');
    expect(userError(() => h.append({ type: 'task.updated', payload: { taskId, status: 'done' } })).code).toBe('conflict');
    expect(h.append({ type: 'task.updated', payload: { taskId, status: 'done', assignee: 'carol' } })).toHaveLength(1);
  });

  it('needs the log for task.updated, and refuses a log that does not match the summary', () => {
    const h = open();
    const [added] = h.append({ type: 'task.added', payload: { title: 'Sweep' } });
    const input: AppendInput = { type: 'task.updated', payload: { taskId: (added!.payload as { taskId: string }).taskId, status: 'done' } };
    expect(() => appendToIncident(h.summary, input, h.context())).toThrow(/needs the incident log/);
    expect(() => appendToIncident(h.summary, input, h.context(), h.log.slice(0, 1))).toThrow(/does not end at the summary/);
  });

  it("reads the log through storage's readLog only when it needs it", async () => {
    const h = open();
    const [added] = h.append({ type: 'task.added', payload: { title: 'Sweep' } });
    let reads = 0;
    const readLog = (): Promise<IncidentEvent[]> => {
      reads += 1;
      return Promise.resolve(h.log);
    };
    await appendToIncident(h.summary, { type: 'note.added', payload: { text: 'x' } }, h.context(), readLog);
    expect(reads).toBe(0);
    const taskId = (added!.payload as { taskId: string }).taskId;
    const result = await appendToIncident(h.summary, { type: 'task.updated', payload: { taskId, status: 'done' } }, h.context(), readLog);
    expect(reads).toBe(1);
    expect(result.events[0]!.seq).toBe(3);
    await expect(appendToIncident(h.summary, { type: 'state.changed', payload: { to: 'recover' } }, h.context(), readLog)).rejects.toThrow(
      UserError,
    );
  });

  it('adds the entities of scope changes to the summary and never removes them', () => {
    const h = open();
    h.append({ type: 'scope.changed', payload: { kind: 'host', ref: 'tk-fs01', state: 'in_scope', evidence: 'beacon', entity: 'fujifilm-jp' } });
    h.append({ type: 'scope.changed', payload: { kind: 'segment', ref: 'emea-core', state: 'suspected', evidence: 'VPN link to Tokyo', entity: 'fujifilm-europe' } });
    h.append({ type: 'scope.changed', payload: { kind: 'entity', ref: 'fgs-uk', state: 'cleared', evidence: 'clean sweep' } });
    h.append({ type: 'scope.changed', payload: { kind: 'host', ref: 'unknown-box', state: 'suspected', evidence: 'seen in logs' } });
    expect(h.summary.entities).toEqual(['fgs-uk', 'fujifilm-europe', 'fujifilm-jp']);
    expect(h.log[3]!.payload).toEqual({ kind: 'entity', ref: 'fgs-uk', state: 'cleared', evidence: 'clean sweep', entity: 'fgs-uk' });
    expect(h.log[4]!.payload).toEqual({ kind: 'host', ref: 'unknown-box', state: 'suspected', evidence: 'seen in logs' });
  });

  it("refuses an entity scope change whose owning entity is another entity", () => {
    const h = open();
    const error = userError(() =>
      h.append({ type: 'scope.changed', payload: { kind: 'entity', ref: 'fgs-uk', state: 'cleared', evidence: 'x', entity: 'fujifilm-jp' } }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0]?.field).toBe('payload.entity');
  });

  it('records severity and commander changes with what they replace, and refuses no-ops', () => {
    const h = open();
    const [severity] = h.append({ type: 'severity.changed', payload: { to: 'critical', reason: 'encryption spreading' } });
    expect(severity!.payload).toEqual({ from: 'high', to: 'critical', reason: 'encryption spreading' });
    const [commander] = h.append({ type: 'commander.assigned', payload: { username: 'alice' } });
    expect(commander!.payload).toEqual({ username: 'alice', previous: null });
    h.append({ type: 'commander.assigned', payload: { username: 'bob' } });
    expect(h.summary).toMatchObject({ severity: 'critical', commander: 'bob' });
    expect(userError(() => h.append({ type: 'severity.changed', payload: { to: 'critical' } })).code).toBe('conflict');
    expect(userError(() => h.append({ type: 'commander.assigned', payload: { username: 'bob' } })).message).toBe(
      'the incident commander is already bob',
    );
  });

  it('renames the incident, keeping the old title in the event, and refuses the same title', () => {
    const h = open();
    const before = h.summary.title;
    const [renamed] = h.append({ type: 'title.changed', payload: { to: 'Ransomware at the Tokyo HQ', reason: 'encryption confirmed' } });
    expect(renamed!.payload).toEqual({ from: before, to: 'Ransomware at the Tokyo HQ', reason: 'encryption confirmed' });
    expect(h.summary.title).toBe('Ransomware at the Tokyo HQ');
    expect(describeEvent(renamed!)).toMatch(/renamed the incident to "Ransomware at the Tokyo HQ": encryption confirmed/);
    expect(userError(() => h.append({ type: 'title.changed', payload: { to: 'Ransomware at the Tokyo HQ' } })).code).toBe('conflict');
    expect(userError(() => h.append({ type: 'title.changed', payload: { to: '' } })).code).toBe('validation_failed');
  });

  it('accepts only notes and reopening while closed', () => {
    const h = open();
    h.append({ type: 'state.changed', payload: { to: 'closed', reason: 'false positive: backup job' } });
    const error = userError(() => h.append({ type: 'task.added', payload: { title: 'x' } }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/INC-0001 is closed.*HINT: reopen it first/);
    h.append({ type: 'note.added', payload: { text: 'confirmed with the backup team' } });
    h.append({ type: 'state.changed', payload: { to: 'analyse', reason: 'same pattern seen on another host' } });
    expect(h.summary.state).toBe('analyse');
  });

  it('validates the input and names the field', () => {
    const h = open();
    const error = userError(() => h.append({ type: 'scope.changed', payload: { kind: 'host', ref: 'tk-fs01', state: 'in_scope', evidence: '' } }));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('cannot append to INC-0001: field `payload.evidence`: must not be empty');
  });

  it('refuses a summary in a state it does not know (a bug, not a user error)', () => {
    const h = open();
    const broken = { ...h.summary, state: 'triage' };
    expect(() => appendToIncident(broken, { type: 'note.added', payload: { text: 'x' } }, h.context())).toThrow(/unknown state 'triage'/);
  });
});
