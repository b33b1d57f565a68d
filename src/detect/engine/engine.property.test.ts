/**
 * Property: on generated rules and events, the compiled engine (grouped string tests, prefilter, index) says
 * exactly what a deliberately simple reference evaluator says about the parsed rule. Values are drawn from a
 * small alphabet (with upper case, backslashes, wildcard characters and non-ASCII letters) so that matches,
 * near misses and escaping cases are all frequent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceMatches } from '../reference.testing.js';
import { parseRuleFile } from '../sigma/collection.js';
import { formatSigmaString, ONE, STAR, type StringPart } from '../sigma/sigma-string.js';
import { compileRules } from './compile-rules.js';

const FIELDS = ['A', 'B', 'C'] as const;
const CHARS = ['a', 'b', 'A', 'B', 'ab', 'ba', '\\', '-', '*', '?', ' ', 'é', 'É', 'K', 'k', '\u212a', 's', '\u017f', 'x1'];

const literal = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
const part: fc.Arbitrary<StringPart> = fc.oneof({ weight: 4, arbitrary: literal }, { weight: 1, arbitrary: fc.constantFrom<StringPart>(STAR, ONE) });
const sigmaValue = fc.array(part, { minLength: 0, maxLength: 4 }).map((parts) => formatSigmaString(parts));

const ruleValue = fc.oneof(
  { weight: 6, arbitrary: sigmaValue.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map(String) },
  { weight: 1, arbitrary: fc.constant('null') },
);

const CHAINS = ['', '|contains', '|startswith', '|endswith', '|contains|all', '|cased', '|contains|cased', '|neq', '|windash'];

const item = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      field: fc.constantFrom(...FIELDS),
      chain: fc.constantFrom(...CHAINS),
      values: fc.array(ruleValue, { minLength: 1, maxLength: 3 }),
    }).map(({ field, chain, values }) => {
      const usable = chain === '' || chain === '|neq' ? values : values.filter((v) => v !== 'null');
      return `${JSON.stringify(field + chain)}: [${(usable.length > 0 ? usable : ['"a"']).join(', ')}]`;
    }),
  },
  { weight: 1, arbitrary: fc.record({ field: fc.constantFrom(...FIELDS), present: fc.boolean() }).map(({ field, present }) => `"${field}|exists": ${present}`) },
  { weight: 1, arbitrary: fc.record({ field: fc.constantFrom(...FIELDS), n: fc.integer({ min: 0, max: 3 }), op: fc.constantFrom('gt', 'gte', 'lt', 'lte') }).map(({ field, n, op }) => `"${field}|${op}": ${n}`) },
  { weight: 1, arbitrary: fc.record({ field: fc.constantFrom(...FIELDS), re: fc.constantFrom('a.b', '^a', 'b$', 'ab+', '(a|b)k', '[ab]{2}', 'ks', 'a[sk]b') }).map(({ field, re }) => `"${field}|re|i": ${JSON.stringify(re)}`) },
);

const search = fc.oneof(
  { weight: 4, arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => `{ ${[...new Set(items.map((i) => i.split(':')[0]))].map((k) => items.find((i) => i.startsWith(k!))).join(', ')} }`) },
  { weight: 1, arbitrary: fc.array(sigmaValue.map((v) => JSON.stringify(v)), { minLength: 1, maxLength: 3 }).map((k) => `[${k.join(', ')}]`) },
);

type Cond = string;
const condition = (names: string[]): fc.Arbitrary<Cond> =>
  fc.letrec<{ c: Cond }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...names),
      fc.constantFrom(...names).map((n) => `1 of ${n.slice(0, 2)}*`),
      fc.constant('all of them'),
      tie('c').map((c) => `not (${c})`),
      fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a}) and (${b})`),
      fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a}) or (${b})`),
    ),
  })).c;

const rule = fc
  .array(search, { minLength: 1, maxLength: 3 })
  .chain((searches) => {
    const names = searches.map((_, i) => `s${i}`);
    return condition(names).map((cond) => {
      const body = searches.map((s, i) => `  s${i}: ${s}`).join('\n');
      return `title: Generated\nid: g\nlogsource: { product: test }\ndetection:\n${body}\n  condition: ${JSON.stringify(cond)}\n`;
    });
  });

const eventValue = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...CHARS, '/', '\u2013'), { maxLength: 5 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('ab', 'A', '-b'), { minLength: 1, maxLength: 2 }) },
);
const event = fc.record({ A: eventValue, B: eventValue, C: eventValue }, { requiredKeys: [] });

describe('the compiled engine agrees with the reference evaluator', () => {
  it('on generated rules and events', () => {
    fc.assert(
      fc.property(rule, fc.array(event, { minLength: 1, maxLength: 8 }), (text, events) => {
        const parsed = parseRuleFile('g.yml', text, { placeholders: {} });
        const doc = parsed.documents[0];
        fc.pre(parsed.problems.length === 0 && doc?.type === 'detection');
        if (doc?.type !== 'detection') return;
        const { engine, problems } = compileRules([{ file: 'g.yml', text }]);
        expect(problems).toEqual([]);
        for (const e of events) {
          const engineSays = engine.evaluate(e, { product: 'test' }).length === 1;
          expect(engineSays, `${text}\nevent ${JSON.stringify(e)}`).toBe(referenceMatches(doc.detection, e));
        }
      }),
      { numRuns: 400 },
    );
  });
});
