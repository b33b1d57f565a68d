import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDirector } from './director.js';
import { parseScenario } from './scenario.parse.js';

function scenario(name: string) {
  const parsed = parseScenario(readFileSync(new URL(`../../content/scenarios/${name}.yaml`, import.meta.url), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.scenario;
}

describe('createDirector', () => {
  it('puts the attack steps on the agenda in time order', () => {
    const director = createDirector(scenario('fujifilm-2021'));
    expect(director.pending()).toBe(12);
    expect(director.nextAt()).toBe(0);
    const first = director.take(10 * 60_000);
    expect(first.map((item) => (item.type === 'attack' ? item.step.technique : ''))).toEqual(['T1566.001', 'T1218.010', 'T1053.005']);
    expect(director.nextAt()).toBe(25 * 60_000);
  });

  it('schedules each approver on their own response time, once per plan', () => {
    const director = createDirector(scenario('fujifilm-2021'));
    const plan = { on: 'plan_awaiting_approval', incidentId: 'INC-1', planId: 'P-0003', kind: 'shutdown_region', regions: ['emea'], entities: ['hik-uk'] } as const;
    expect(director.observe(plan, 60_000)).toBe(2);
    expect(director.observe(plan, 90_000)).toBe(0);
    const items = director.take(Infinity).filter((item) => item.type === 'play');
    expect(items.map((item) => (item.type === 'play' ? [item.person, item.at] : []))).toEqual([
      ['ic', 60_000 + 20 * 60_000],
      ['emea-lead', 60_000 + 45 * 60_000],
    ]);
  });

  it('matches plans by kind and region', () => {
    const director = createDirector(scenario('fujifilm-2021'));
    director.take(Infinity);
    const americas = { on: 'plan_awaiting_approval', incidentId: 'INC-1', planId: 'P-0004', kind: 'shutdown_region', regions: ['americas'], entities: ['hik-us'] } as const;
    director.observe(americas, 0);
    expect(director.take(Infinity).map((item) => (item.type === 'play' ? item.person : ''))).toEqual(['ic', 'us-lead']);
  });

  it('adds `after` to the trigger time and lets the first person act', () => {
    const director = createDirector(scenario('fujifilm-2021'));
    director.take(Infinity);
    expect(director.observe({ on: 'incident_opened', incidentId: 'INC-1' }, 0)).toBe(6);
    expect(director.observe({ on: 'hosts_suspected', incidentId: 'INC-1', hosts: ['tyo-ws042'] }, 0)).toBe(1);
    expect(director.observe({ on: 'hosts_suspected', incidentId: 'INC-1', hosts: ['tyo-ws042'] }, 0)).toBe(0);
    const items = director.take(Infinity);
    expect(items.map((item) => (item.type === 'play' ? [item.action, item.person, item.at / 60_000] : []))).toEqual([
      ['propose', 'soc', 5],
      ['take_command', 'ic', 20],
      ['move', 'ic', 30],
      ['propose', 'ic', 50],
      ['move', 'ic', 60],
      ['propose', 'ic', 80],
      ['notify', 'emea-lead', 765],
    ]);
  });
});
