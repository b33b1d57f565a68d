import { describe, expect, it } from 'vitest';
import { IncidentHarness } from './incident.testing.js';
import { projectIncident } from './projection.js';

const MIN = 60_000;

/** Modelled on the 2021 case: Tokyo hit, EMEA suspected and then cleared, reinfection during recovery. */
function tokyo(): IncidentHarness {
  const h = new IncidentHarness(
    {
      title: 'Ransomware at Tokyo HQ',
      severity: 'high',
      summary: 'Possible ransomware; unauthorised access to a server from outside the group',
      awarenessAt: '2021-06-01T13:30:00Z',
      entities: ['fujifilm-jp'],
    },
    { start: '2021-06-01T14:00:00.000Z' },
  );
  h.append({ type: 'note.added', payload: { text: 'Ransom note found on tk-fs01\nfiles encrypted' } }, 'user:bob', 5 * MIN);
  h.append({ type: 'commander.assigned', payload: { username: 'alice' } }, 'user:alice', MIN);
  h.append({ type: 'state.changed', payload: { to: 'analyse' } }, 'user:alice', 4 * MIN);
  h.append({ type: 'scope.changed', payload: { kind: 'host', ref: 'TK-FS01', state: 'in_scope', evidence: 'Qbot beacon to a known C2', entity: 'fujifilm-jp' } }, 'user:bob', 10 * MIN);
  h.append({ type: 'scope.changed', payload: { kind: 'segment', ref: 'emea-core', state: 'suspected', evidence: 'VPN link to the Tokyo network', entity: 'fujifilm-europe' } }, 'user:bob', 5 * MIN);
  h.append({ type: 'task.added', payload: { title: 'Take EMEA networks offline', assignee: 'carol', due: '2021-06-01T16:00:00Z' } }, 'user:alice', 5 * MIN);
  h.append({ type: 'state.changed', payload: { to: 'contain', reason: 'scope confirmed' } }, 'user:alice', 30 * MIN);
  const taskId = (h.log[6]!.payload as { taskId: string }).taskId;
  h.append({ type: 'task.updated', payload: { taskId, status: 'done' } }, 'user:carol', 60 * MIN);
  h.raw('alert.raised', { rule: 'Qbot scheduled task', host: 'tk-fs02' }, 'system:detect', 30 * MIN);
  h.append({ type: 'scope.changed', payload: { kind: 'entity', ref: 'fgs-uk', state: 'cleared', evidence: 'clean sweep of all UK hosts' } }, 'user:bob', 90 * MIN);
  h.append({ type: 'scope.changed', payload: { kind: 'segment', ref: 'emea-core', state: 'cleared', evidence: 'no Qbot indicators in EMEA sweeps' } }, 'user:bob', 30 * MIN);
  h.append({ type: 'severity.changed', payload: { to: 'critical', reason: 'encryption spreading' } }, 'user:alice', 30 * MIN);
  h.append({ type: 'state.changed', payload: { to: 'eradicate' } }, 'user:alice', 60 * MIN);
  h.append({ type: 'state.changed', payload: { to: 'recover' } }, 'user:alice', 120 * MIN);
  h.append({ type: 'state.changed', payload: { to: 'contain', reason: 'reinfection on tk-fs02' } }, 'user:alice', 60 * MIN);
  h.append({ type: 'scope.changed', payload: { kind: 'host', ref: 'tk-fs02', state: 'suspected', evidence: 'beacon again', entity: 'fujifilm-jp' } }, 'user:bob', 0);
  return h;
}

describe('projectIncident', () => {
  const h = tokyo();
  const view = projectIncident(h.log);

  it('rebuilds the summary that the commands kept', () => {
    expect(view.summary).toEqual(h.summary);
    expect(view.summary).toMatchObject({
      state: 'contain',
      severity: 'critical',
      commander: 'alice',
      entities: ['fgs-uk', 'fujifilm-europe', 'fujifilm-jp'],
      lastSeq: 17,
      updatedAt: '2021-06-01T23:00:00.000Z',
    });
    expect(view.description).toBe('Possible ransomware; unauthorised access to a server from outside the group');
  });

  it('describes every event in one line, including types it does not know', () => {
    expect(view.timeline.map((entry) => entry.description)).toEqual([
      'alice opened the incident "Ransomware at Tokyo HQ" (severity high; aware since 2021-06-01T13:30:00.000Z)',
      'bob added a note: Ransom note found on tk-fs01 files encrypted',
      'alice took command of the incident',
      'alice moved the incident from detect to analyse',
      'bob marked host tk-fs01 (entity fujifilm-jp) in scope: Qbot beacon to a known C2',
      'bob marked segment emea-core (entity fujifilm-europe) suspected: VPN link to the Tokyo network',
      'alice added task "Take EMEA networks offline" (assigned to carol, due 2021-06-01T16:00:00.000Z)',
      'alice moved the incident from analyse to contain: scope confirmed',
      'carol set task "Take EMEA networks offline" to done',
      'system:detect recorded alert.raised',
      'bob marked entity fgs-uk cleared: clean sweep of all UK hosts',
      'bob marked segment emea-core cleared: no Qbot indicators in EMEA sweeps',
      'alice raised the severity from high to critical: encryption spreading',
      'alice moved the incident from contain to eradicate',
      'alice moved the incident from eradicate to recover',
      'alice moved the incident from recover to contain: reinfection on tk-fs02',
      'bob marked host tk-fs02 (entity fujifilm-jp) suspected: beacon again',
    ]);
    expect(view.timeline[9]).toEqual({
      seq: 10,
      id: h.log[9]!.id,
      at: '2021-06-01T16:30:00.000Z',
      actor: 'system:detect',
      type: 'alert.raised',
      description: 'system:detect recorded alert.raised',
    });
  });

  it('keeps each task with its current state and history', () => {
    const taskId = (h.log[6]!.payload as { taskId: string }).taskId;
    expect(view.tasks).toEqual([
      {
        taskId,
        title: 'Take EMEA networks offline',
        status: 'done',
        assignee: 'carol',
        due: '2021-06-01T16:00:00.000Z',
        createdAt: '2021-06-01T14:30:00.000Z',
        createdBy: 'user:alice',
        updatedAt: '2021-06-01T16:00:00.000Z',
        history: [
          { seq: 7, at: '2021-06-01T14:30:00.000Z', actor: 'user:alice', status: 'open', assignee: 'carol' },
          { seq: 9, at: '2021-06-01T16:00:00.000Z', actor: 'user:carol', status: 'done', assignee: 'carol' },
        ],
      },
    ]);
  });

  it('lists notes', () => {
    expect(view.notes).toEqual([
      { seq: 2, id: h.log[1]!.id, at: '2021-06-01T14:05:00.000Z', actor: 'user:bob', text: 'Ransom note found on tk-fs01\nfiles encrypted' },
    ]);
  });

  it('tracks scope per kind and ref, with the evidence and actor of every change', () => {
    expect(view.scope.host.map(({ ref, state, entity }) => ({ ref, state, entity }))).toEqual([
      { ref: 'tk-fs01', state: 'in_scope', entity: 'fujifilm-jp' },
      { ref: 'tk-fs02', state: 'suspected', entity: 'fujifilm-jp' },
    ]);
    expect(view.scope.segment).toEqual([
      {
        kind: 'segment',
        ref: 'emea-core',
        state: 'cleared',
        entity: 'fujifilm-europe',
        updatedAt: '2021-06-01T18:30:00.000Z',
        history: [
          { seq: 6, at: '2021-06-01T14:25:00.000Z', actor: 'user:bob', state: 'suspected', evidence: 'VPN link to the Tokyo network', entity: 'fujifilm-europe' },
          { seq: 12, at: '2021-06-01T18:30:00.000Z', actor: 'user:bob', state: 'cleared', evidence: 'no Qbot indicators in EMEA sweeps', entity: null },
        ],
      },
    ]);
    expect(view.scope.entity.map(({ ref, state, entity }) => ({ ref, state, entity }))).toEqual([
      { ref: 'fgs-uk', state: 'cleared', entity: 'fgs-uk' },
    ]);
  });

  it('lists what is affected now: suspected or in scope, and the entities owning it', () => {
    expect(view.affected).toEqual({
      hosts: [
        { ref: 'tk-fs01', state: 'in_scope', entity: 'fujifilm-jp' },
        { ref: 'tk-fs02', state: 'suspected', entity: 'fujifilm-jp' },
      ],
      segments: [],
      entities: [{ ref: 'fujifilm-jp', state: 'in_scope', entity: 'fujifilm-jp' }],
    });
  });

  it('measures awareness, time in each state and time to contain', () => {
    expect(view.awareness).toEqual({ at: '2021-06-01T13:30:00.000Z', source: 'declared' });
    expect(view.metrics).toEqual({
      timeInStateMs: {
        detect: 10 * MIN,
        analyse: 50 * MIN,
        contain: 300 * MIN,
        eradicate: 120 * MIN,
        recover: 60 * MIN,
        lessons_learned: 0,
        closed: 0,
      },
      firstEnteredAt: {
        detect: '2021-06-01T14:00:00.000Z',
        analyse: '2021-06-01T14:10:00.000Z',
        contain: '2021-06-01T15:00:00.000Z',
        eradicate: '2021-06-01T20:00:00.000Z',
        recover: '2021-06-01T22:00:00.000Z',
      },
      timeToContainMs: 90 * MIN,
      asOf: '2021-06-01T23:00:00.000Z',
    });
  });

  it('keeps the current state accruing time up to asOf', () => {
    const later = projectIncident(h.log, { asOf: new Date('2021-06-02T00:00:00.000Z') });
    expect(later.metrics.timeInStateMs.contain).toBe(360 * MIN);
    expect(later.metrics.asOf).toBe('2021-06-02T00:00:00.000Z');
    expect({ ...later, metrics: view.metrics }).toEqual(view);
  });

  it('counts time to contain from opening when no awareness time was given', () => {
    const simple = new IncidentHarness({ title: 'x', severity: 'low' }, { start: '2021-06-01T14:00:00.000Z' });
    simple.append({ type: 'state.changed', payload: { to: 'contain' } }, 'user:alice', 45 * MIN);
    const projected = projectIncident(simple.log);
    expect(projected.awareness).toEqual({ at: '2021-06-01T14:00:00.000Z', source: 'opened' });
    expect(projected.metrics.timeToContainMs).toBe(45 * MIN);
    expect(projectIncident(simple.log.slice(0, 1)).metrics.timeToContainMs).toBeNull();
  });

  it('refuses an empty log and one that does not start with incident.opened', () => {
    expect(() => projectIncident([])).toThrow(/empty/);
    expect(() => projectIncident(h.log.slice(1))).toThrow(/must start with incident.opened, not note.added/);
  });
});

describe('projections and events they do not understand', () => {
  it('shows unknown types and malformed built-in payloads in the timeline and skips them otherwise', () => {
    const h = new IncidentHarness({ title: 'x', severity: 'low' });
    h.raw('plan.drafted', { steps: 3 });
    h.raw('state.changed', { to: 42 }, 'user:mallory');
    h.raw('scope.changed', { kind: 'site', ref: 'tokyo', state: 'in_scope', evidence: 'e' }, 'user:bob');
    h.raw('task.updated', { taskId: 'ghost', status: 'done' }, 'user:bob');
    const view = projectIncident(h.log);
    expect(view.summary.state).toBe('detect');
    expect(view.summary.lastSeq).toBe(5);
    expect(view.timeline.slice(1).map((entry) => entry.description)).toEqual([
      'system:detect recorded plan.drafted',
      'mallory recorded state.changed',
      'bob marked site tokyo in scope: e',
      'bob set task ghost to done',
    ]);
    expect(view.scope).toEqual({ host: [], segment: [], entity: [] });
    expect(view.tasks).toEqual([]);
  });
});
