/**
 * Test vectors for the condition language (ideas from pySigma's condition tests, written as rules and
 * events): and/or/not, parentheses, precedence, `1 of`/`any of`/`all of` with patterns and `them`, condition
 * lists, and the invalid forms.
 */
import { describe, expect, it } from 'vitest';
import { parseCondition } from '../sigma/condition.js';
import { rejection, testRule } from '../detect.testing.js';

/** Detection with identifiers d1..d4 (and any extra), each true when the event has that field set to 1. */
function detection(condition: string, names = ['d1', 'd2', 'd3', 'd4']): string {
  const searches = names.map((n) => `  ${n}:\n    ${n}: 1`).join('\n');
  return `${searches}\n  condition: ${condition}`;
}

function truth(condition: string, names?: string[]): (...on: string[]) => boolean {
  const rule = testRule(detection(condition, names));
  expect(rule.problems).toEqual([]);
  return (...on) => rule.matches(Object.fromEntries(on.map((n) => [n, 1])));
}

describe('boolean operators', () => {
  it('and, or, not', () => {
    const and = truth('d1 and d2');
    expect([and('d1', 'd2'), and('d1'), and('d2')]).toEqual([true, false, false]);
    const or = truth('d1 or d2');
    expect([or('d1'), or('d2'), or()]).toEqual([true, true, false]);
    const not = truth('not d1');
    expect([not(), not('d1')]).toEqual([true, false]);
    const three = truth('d1 or d2 or d3');
    expect([three('d3'), three('d4')]).toEqual([true, false]);
  });

  it('precedence: not binds tighter than and, and tighter than or', () => {
    // d1 and not d2 or not d3 and d4  ==  (d1 and (not d2)) or ((not d3) and d4)
    const f = truth('d1 and not d2 or not d3 and d4');
    expect(f('d1')).toBe(true);
    expect(f('d1', 'd2')).toBe(false);
    expect(f('d4')).toBe(true);
    expect(f('d3', 'd4')).toBe(false);
    expect(f('d1', 'd2', 'd4')).toBe(true);
    expect(parseCondition('d1 and not d2 or not d3 and d4', ['d1', 'd2', 'd3', 'd4'], [])).toEqual({
      kind: 'or',
      items: [
        { kind: 'and', items: [{ kind: 'ref', name: 'd1' }, { kind: 'not', item: { kind: 'ref', name: 'd2' } }] },
        { kind: 'and', items: [{ kind: 'not', item: { kind: 'ref', name: 'd3' } }, { kind: 'ref', name: 'd4' }] },
      ],
    });
  });

  it('parentheses override precedence', () => {
    const f = truth('d1 and (d2 or d3)');
    expect([f('d1', 'd3'), f('d2', 'd3'), f('d1')]).toEqual([true, false, false]);
    const g = truth('not (d1 or d2)');
    expect([g(), g('d2')]).toEqual([true, false]);
  });

  it('a condition written as a list means OR', () => {
    const rule = testRule(`${detection('x').replace('  condition: x', '')}\n  condition:\n    - d1 and d2\n    - d3`);
    expect(rule.problems).toEqual([]);
    expect(rule.matches({ d3: 1 })).toBe(true);
    expect(rule.matches({ d1: 1 })).toBe(false);
  });
});

describe('x of', () => {
  const names = ['sel_a', 'sel_b', 'sel', 'filter_x', '_hidden'];

  it('1 of / any of a pattern', () => {
    for (const q of ['1', 'any']) {
      const f = truth(`${q} of sel_*`, names);
      expect([f('sel_a'), f('sel_b'), f('sel'), f('filter_x')]).toEqual([true, true, false, false]);
    }
  });

  it('all of a pattern', () => {
    const f = truth('all of sel_*', names);
    expect([f('sel_a', 'sel_b'), f('sel_a')]).toEqual([true, false]);
  });

  it('a name without * matches exactly, not as a prefix', () => {
    const f = truth('1 of sel', names);
    expect([f('sel'), f('sel_a')]).toEqual([true, false]);
  });

  it('them leaves out identifiers starting with _', () => {
    const any = truth('1 of them', names);
    expect([any('_hidden'), any('filter_x')]).toEqual([false, true]);
    const all = truth('all of them', names);
    expect(all('sel_a', 'sel_b', 'sel', 'filter_x')).toBe(true);
    expect(all('sel_a', 'sel_b', 'sel', '_hidden')).toBe(false);
  });

  it('x of binds tighter than not and and', () => {
    const f = truth('sel and not 1 of filter_*', names);
    expect([f('sel'), f('sel', 'filter_x')]).toEqual([true, false]);
  });
});

describe('invalid conditions are rejected with a reason', () => {
  const cases: [string, RegExp][] = [
    ['d1 AND d2', /operators are written in lower case/],
    ['d1 and (d2 OR d3)', /operators are written in lower case/],
    ['d1 | count() by x > 5', /pipe syntax .* deprecated/],
    ['d1 and d9', /"d9" is not defined/],
    ['2 of d*', /the quantifier must be 1, any or all/],
    ['(d1 and d2', /missing "\)"/],
    ['d1 and', /ends too early/],
    ['d1 d2', /unexpected "d2"/],
    ['1 of x*', /matches no search identifier/],
    ['all d*', /expected "of"/],
  ];
  it.each(cases)('%s', (condition, reason) => {
    expect(rejection(detection(condition)).join('\n')).toMatch(reason);
  });

  it('a detection without a condition', () => {
    expect(rejection('  d1:\n    d1: 1')).toEqual(['the detection has no condition']);
  });
});
