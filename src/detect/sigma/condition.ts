/**
 * The condition language: search identifiers joined by `and`, `or`, `not` and parentheses, plus
 * `1 of`/`any of`/`all of` a name, a pattern with `*`, or `them` (every identifier not starting with `_`).
 * Precedence, loosest first: or < and < not < x of < ( ). Operators are lower case. The pipe syntax
 * (`| count() ...`, `near`) was replaced by correlation rules and is rejected.
 */
import { ruleError } from './problems.js';
import type { Condition, DocPath } from './types.js';

const TOKEN = /\s*(\(|\)|[^\s()]+)/y;
const IDENTIFIER = /^[\w-]+$/;
const PATTERN = /^[\w*-]+$/;
const OPERATORS = new Set(['and', 'or', 'not', 'of', 'them', '1', 'any', 'all']);

function tokenize(text: string, path: DocPath): string[] {
  if (text.includes('|')) {
    throw ruleError(
      'the pipe syntax in conditions (aggregations such as "| count() by ...", "near") is deprecated',
      path,
      'rewrite the aggregation as a Sigma correlation rule (event_count, value_count, temporal)',
    );
  }
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(text)) !== null) tokens.push(match[1]!);
  if (tokens.length === 0) throw ruleError('the condition is empty', path);
  return tokens;
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: readonly string[],
    private readonly names: readonly string[],
    private readonly path: DocPath,
  ) {}

  parse(): Condition {
    const node = this.or();
    const rest = this.tokens[this.at];
    if (rest !== undefined) this.unexpected(rest);
    return node;
  }

  private unexpected(token: string): never {
    if (OPERATORS.has(token.toLowerCase()) && token !== token.toLowerCase()) this.fail(`"${token}": operators are written in lower case`);
    return this.fail(`unexpected "${token}"`);
  }

  private fail(why: string): never {
    throw ruleError(`condition: ${why}`, this.path);
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private or(): Condition {
    const items = [this.and()];
    while (this.peek() === 'or') {
      this.at += 1;
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Condition {
    const items = [this.unary()];
    while (this.peek() === 'and') {
      this.at += 1;
      items.push(this.unary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private unary(): Condition {
    if (this.peek() === 'not') {
      this.at += 1;
      return { kind: 'not', item: this.unary() };
    }
    return this.primary();
  }

  private primary(): Condition {
    const token = this.tokens[this.at++];
    if (token === undefined) return this.fail('ends too early');
    if (token === '(') {
      const inner = this.or();
      const close = this.tokens[this.at++];
      if (close !== ')') return close === undefined ? this.fail('missing ")"') : this.unexpected(close);
      return inner;
    }
    if (token === '1' || token === 'any' || token === 'all') return this.quantified(token === 'all' ? 'and' : 'or');
    if (OPERATORS.has(token.toLowerCase()) || token === ')') return this.unexpected(token);
    if (this.peek() === 'of') this.fail(`"${token} of": the quantifier must be 1, any or all`);
    if (!IDENTIFIER.test(token)) this.fail(`"${token}" is not a search identifier`);
    if (!this.names.includes(token)) this.fail(`"${token}" is not defined in the detection`);
    return { kind: 'ref', name: token };
  }

  private quantified(kind: 'and' | 'or'): Condition {
    if (this.tokens[this.at++] !== 'of') this.fail('expected "of" after a quantifier (1, any, all)');
    const target = this.tokens[this.at++];
    if (target === undefined) return this.fail('expected a name, a pattern or "them" after "of"');
    const names = this.select(target);
    const refs: Condition[] = names.map((name) => ({ kind: 'ref', name }));
    return refs.length === 1 ? refs[0]! : { kind, items: refs };
  }

  private select(target: string): string[] {
    if (target === 'them') {
      const names = this.names.filter((n) => !n.startsWith('_'));
      return names.length > 0 ? names : this.fail('"them" matches no search identifier');
    }
    if (!PATTERN.test(target)) this.fail(`"${target}" is not a search identifier or pattern`);
    const re = new RegExp(`^${target.replace(/[-]/g, '\\-').replace(/\*/g, '.*')}$`);
    const names = this.names.filter((n) => re.test(n));
    return names.length > 0 ? names : this.fail(`"${target}" matches no search identifier`);
  }
}

/**
 * Parses a condition (a string, or a list meaning OR) against the search identifiers of the detection.
 *
 * @example
 * parseCondition('selection and not 1 of filter_*', ['selection', 'filter_a', 'filter_b'], []);
 * // { kind: 'and', items: [ref selection, not (or filter_a filter_b)] }
 */
export function parseCondition(condition: unknown, names: readonly string[], path: DocPath): Condition {
  if (Array.isArray(condition)) {
    const items = condition.map((c, i) => parseCondition(c, names, [...path, i]));
    if (items.length === 0) throw ruleError('the condition list is empty', path);
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }
  if (typeof condition !== 'string') throw ruleError('the condition must be a string or a list of strings', path);
  return new Parser(tokenize(condition, path), names, path).parse();
}
