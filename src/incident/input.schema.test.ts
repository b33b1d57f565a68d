import { describe, expect, it } from 'vitest';
import { appendInputSchema, openIncidentInputSchema } from './input.schema.js';
import { zodIssues } from './zod-issues.js';

function issuesOf(schema: typeof openIncidentInputSchema | typeof appendInputSchema, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return zodIssues(result.error);
}

describe('openIncidentInputSchema', () => {
  it('accepts a full body and normalises it', () => {
    const parsed = openIncidentInputSchema.parse({
      title: '  Ransomware at Tokyo HQ ',
      severity: 'critical',
      summary: 'Possible ransomware; unauthorised access to a server from outside the group.',
      awarenessAt: '2021-06-01T22:30:00+09:00',
      commander: 'alice',
      entities: ['FUJIFILM-JP', 'fgs-uk'],
    });
    expect(parsed).toEqual({
      title: 'Ransomware at Tokyo HQ',
      severity: 'critical',
      summary: 'Possible ransomware; unauthorised access to a server from outside the group.',
      awarenessAt: '2021-06-01T13:30:00.000Z',
      commander: 'alice',
      entities: ['fujifilm-jp', 'fgs-uk'],
    });
  });

  it('needs only a title and a severity', () => {
    expect(openIncidentInputSchema.parse({ title: 'x', severity: 'low' })).toEqual({ title: 'x', severity: 'low' });
  });

  it.each([
    ['a missing title', { severity: 'low' }, 'title'],
    ['a blank title', { title: '   ', severity: 'low' }, 'title'],
    ['a title over 300 characters', { title: 'x'.repeat(301), severity: 'low' }, 'title'],
    ['an unknown severity', { title: 'x', severity: 'severe' }, 'severity'],
    ['a summary over 20,000 characters', { title: 'x', severity: 'low', summary: 'y'.repeat(20_001) }, 'summary'],
    ['an awareness time without a zone', { title: 'x', severity: 'low', awarenessAt: '2021-06-01T22:30:00' }, 'awarenessAt'],
    ['an awareness date only', { title: 'x', severity: 'low', awarenessAt: '2021-06-01' }, 'awarenessAt'],
    ['a bad entity id', { title: 'x', severity: 'low', entities: ['ok', 'not ok!'] }, 'entities[1]'],
    ['a NUL in the title', { title: 'a\u0000b', severity: 'low' }, 'title'],
    ['an unknown field', { title: 'x', severity: 'low', owner: 'bob' }, undefined],
  ])('rejects %s, naming the field', (_name, body, field) => {
    const issues = issuesOf(openIncidentInputSchema, body);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.message).toBeTruthy();
  });

  it('accepts a title of exactly 300 characters', () => {
    expect(openIncidentInputSchema.safeParse({ title: 'x'.repeat(300), severity: 'low' }).success).toBe(true);
  });
});

describe('appendInputSchema', () => {
  it.each([
    { type: 'note.added', payload: { text: 'EMEA offline as a precaution' } },
    { type: 'task.added', payload: { title: 'Reset domain admin passwords', assignee: 'bob', due: '2021-06-02' } },
    { type: 'task.added', payload: { title: 'Sweep EMEA', due: '2021-06-02T09:00:00+01:00' } },
    { type: 'task.updated', payload: { taskId: 'id-0003', status: 'in_progress', assignee: 'carol' } },
    { type: 'state.changed', payload: { to: 'contain', reason: 'scope confirmed' } },
    { type: 'scope.changed', payload: { kind: 'host', ref: 'tk-fs01', state: 'in_scope', evidence: 'Qbot beacon', entity: 'fujifilm-jp' } },
    { type: 'scope.changed', payload: { kind: 'entity', ref: 'fgs-uk', state: 'cleared', evidence: 'clean sweep of all UK hosts' } },
    { type: 'severity.changed', payload: { to: 'critical' } },
    { type: 'commander.assigned', payload: { username: 'alice' } },
  ])('accepts $type', (entry) => {
    expect(appendInputSchema.safeParse(entry).success).toBe(true);
  });

  it('normalises refs and due date-times', () => {
    const scope = appendInputSchema.parse({ type: 'scope.changed', payload: { kind: 'host', ref: ' TK-FS01 ', state: 'suspected', evidence: 'x' } });
    expect(scope).toMatchObject({ payload: { ref: 'tk-fs01' } });
    const task = appendInputSchema.parse({ type: 'task.added', payload: { title: 't', due: '2021-06-02T09:00:00+01:00' } });
    expect(task).toMatchObject({ payload: { due: '2021-06-02T08:00:00.000Z' } });
  });

  it.each([
    ['an unknown type', { type: 'alert.raised', payload: {} }, 'type'],
    ['a missing payload', { type: 'note.added' }, 'payload'],
    ['an empty note', { type: 'note.added', payload: { text: ' ' } }, 'payload.text'],
    ['a note over 20,000 characters', { type: 'note.added', payload: { text: 'x'.repeat(20_001) } }, 'payload.text'],
    ['scope without evidence', { type: 'scope.changed', payload: { kind: 'host', ref: 'tk-fs01', state: 'in_scope' } }, 'payload.evidence'],
    ['scope with empty evidence', { type: 'scope.changed', payload: { kind: 'host', ref: 'tk-fs01', state: 'in_scope', evidence: '' } }, 'payload.evidence'],
    ['an unknown scope kind', { type: 'scope.changed', payload: { kind: 'site', ref: 'x', state: 'in_scope', evidence: 'e' } }, 'payload.kind'],
    ['an unknown scope state', { type: 'scope.changed', payload: { kind: 'host', ref: 'x', state: 'compromised', evidence: 'e' } }, 'payload.state'],
    ['an unknown state', { type: 'state.changed', payload: { to: 'triage' } }, 'payload.to'],
    ['an unknown task status', { type: 'task.updated', payload: { taskId: 't', status: 'blocked' } }, 'payload.status'],
    ['a bad due date', { type: 'task.added', payload: { title: 't', due: 'tomorrow' } }, 'payload.due'],
    ['an unknown payload field', { type: 'note.added', payload: { text: 'x', pinned: true } }, 'payload'],
    ['a field beside the payload', { type: 'note.added', payload: { text: 'x' }, text: 'y' }, undefined],
  ])('rejects %s, naming the field', (_name, entry, field) => {
    expect(issuesOf(appendInputSchema, entry)[0]?.field).toBe(field);
  });
});
