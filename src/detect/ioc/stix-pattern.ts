/**
 * Reads a STIX 2.1 pattern (the full grammar: observation expressions with AND, OR, FOLLOWEDBY and qualifiers;
 * comparison expressions with AND, OR, NOT and every operator) and reduces it to what an indicator index can
 * hold: the comparisons of a disjunction. An OR of observations or of comparisons gives several comparisons;
 * anything that needs more than one value at once (AND, FOLLOWEDBY, qualifiers) is reported as unsupported,
 * never approximated. Parts of an OR that are unsupported are reported while the other parts are kept (any one
 * disjunct matching is a match, so keeping some is sound).
 */
import { PatternSyntaxError, tokenize, type Token, type TokenKind } from './stix-lexer.js';

export interface Literal {
  kind: Exclude<TokenKind, 'punct' | 'op' | 'word' | 'end'> | 'boolean';
  text: string;
}

/** One comparison: `object:path op value(s)`, as written. */
export interface Comparison {
  object: string;
  /** Path components after the object type: `hashes.'SHA-256'` -> ['hashes', 'SHA-256']; list indexes as `[*]`. */
  path: string[];
  operator: string;
  negated: boolean;
  values: Literal[];
  /** The comparison's text, for messages. */
  text: string;
}

type Cmp = { kind: 'test'; test: Comparison } | { kind: 'and' | 'or'; left: Cmp; right: Cmp };
type Obs =
  | { kind: 'observation'; expr: Cmp; qualifiers: string[] }
  | { kind: 'AND' | 'OR' | 'FOLLOWEDBY'; left: Obs; right: Obs; qualifiers: string[] };

/** Deepest nesting of parentheses accepted; deeper patterns are reported, not parsed on the call stack. */
const MAX_DEPTH = 64;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    const token = this.tokens[this.i]!;
    if (token.kind !== 'end') this.i += 1;
    return token;
  }
  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }
  private expect(text: string, what = `'${text}'`): Token {
    const token = this.next();
    if (token.text !== text || token.kind === 'string')
      throw new PatternSyntaxError(`expected ${what}, found ${describe(token)}`, token.column);
    return token;
  }

  private open(token: Token): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH)
      throw new PatternSyntaxError(`parentheses nested deeper than ${MAX_DEPTH}`, token.column);
  }

  pattern(): Obs {
    const obs = this.observations(0);
    const rest = this.peek();
    if (rest.kind !== 'end')
      throw new PatternSyntaxError(`unexpected ${describe(rest)} after the pattern`, rest.column);
    return obs;
  }

  /** Observation operators by precedence: FOLLOWEDBY (loosest), OR, AND (tightest). */
  private observations(level: number): Obs {
    const ops = ['FOLLOWEDBY', 'OR', 'AND'] as const;
    const op = ops[level];
    if (op === undefined) return this.observation();
    let left = this.observations(level + 1);
    while (this.isWord(op)) {
      this.next();
      left = { kind: op, left, right: this.observations(level + 1), qualifiers: [] };
    }
    return left;
  }

  private observation(): Obs {
    const token = this.peek();
    let obs: Obs;
    if (token.text === '[' && token.kind === 'punct') {
      this.next();
      obs = { kind: 'observation', expr: this.comparisons(), qualifiers: [] };
      this.expect(']');
    } else if (token.text === '(' && token.kind === 'punct') {
      this.open(this.next());
      obs = this.observations(0);
      this.expect(')');
      this.depth -= 1;
    } else throw new PatternSyntaxError(`expected '[' or '(', found ${describe(token)}`, token.column);
    while (this.isWord('WITHIN') || this.isWord('REPEATS') || this.isWord('START'))
      obs.qualifiers.push(this.qualifier());
    return obs;
  }

  private qualifier(): string {
    const word = this.next().text.toUpperCase();
    const shape: Readonly<Record<string, [TokenKind, string]>> = {
      WITHIN: ['number', 'SECONDS'],
      REPEATS: ['number', 'TIMES'],
      START: ['timestamp', 'STOP'],
    };
    const [kind, closing] = shape[word]!;
    const value = this.next();
    if (value.kind !== kind) throw new PatternSyntaxError(`expected a ${kind} after ${word}`, value.column);
    this.expect(closing, closing);
    if (word === 'START') {
      const stop = this.next();
      if (stop.kind !== 'timestamp') throw new PatternSyntaxError('expected a timestamp after STOP', stop.column);
    }
    return word;
  }

  private comparisons(): Cmp {
    let left = this.conjunction();
    while (this.isWord('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Cmp {
    let left = this.term();
    while (this.isWord('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.term() };
    }
    return left;
  }

  private term(): Cmp {
    if (this.peek().text === '(' && this.peek().kind === 'punct') {
      this.open(this.next());
      const inner = this.comparisons();
      this.expect(')');
      this.depth -= 1;
      return inner;
    }
    const start = this.peek().column;
    const exists = this.isWord('EXISTS');
    if (exists) this.next();
    const [object, path] = this.objectPath();
    if (exists)
      return {
        kind: 'test',
        test: { object, path, operator: 'EXISTS', negated: false, values: [], text: this.text(start) },
      };
    const negated = this.isWord('NOT');
    if (negated) this.next();
    const operator = this.operator();
    const values = operator === 'IN' ? this.set() : [this.literal()];
    return { kind: 'test', test: { object, path, operator, negated, values, text: this.text(start) } };
  }

  private text(startColumn: number): string {
    return this.source.slice(startColumn - 1, this.peek().column - 1).trim();
  }

  private objectPath(): [string, string[]] {
    const type = this.next();
    if (type.kind !== 'word')
      throw new PatternSyntaxError(`expected an object path such as file:name, found ${describe(type)}`, type.column);
    this.expect(':');
    const path = [this.pathName()];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'punct' && token.text === '.') {
        this.next();
        path.push(this.pathName());
      } else if (token.kind === 'punct' && token.text === '[') {
        this.next();
        const index = this.next();
        if (index.kind !== 'number' && index.text !== '*')
          throw new PatternSyntaxError('expected a list index or *', index.column);
        this.expect(']');
        path.push(`[${index.text}]`);
      } else return [type.text, path];
    }
  }

  private pathName(): string {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'string')
      throw new PatternSyntaxError(`expected a property name, found ${describe(token)}`, token.column);
    return token.text;
  }

  private operator(): string {
    const token = this.next();
    if (token.kind === 'op') return token.text === '<>' ? '!=' : token.text;
    const word = token.text.toUpperCase();
    if (token.kind === 'word' && ['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(word)) return word;
    throw new PatternSyntaxError(`expected a comparison operator, found ${describe(token)}`, token.column);
  }

  private set(): Literal[] {
    this.expect('(');
    const values = [this.literal()];
    while (this.peek().text === ',' && this.peek().kind === 'punct') {
      this.next();
      values.push(this.literal());
    }
    this.expect(')');
    return values;
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text))
      return { kind: 'boolean', text: token.text.toLowerCase() };
    if (
      token.kind === 'string' ||
      token.kind === 'number' ||
      token.kind === 'binary' ||
      token.kind === 'hex' ||
      token.kind === 'timestamp'
    ) {
      return { kind: token.kind, text: token.text };
    }
    throw new PatternSyntaxError(`expected a value, found ${describe(token)}`, token.column);
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the pattern';
  return token.kind === 'string' ? `'${token.text}'` : `"${token.text}"`;
}

/** What a pattern reduces to: comparisons any one of which is a match, and the parts that cannot be indexed. */
export interface Disjunction {
  comparisons: Comparison[];
  unsupported: string[];
}

const AND_OF_COMPARISONS = 'AND of comparisons needs all of them on one observation; not supported';

/** The comparisons of an OR tree, left to right (iterative: long OR chains are deep left-leaning trees). */
function flattenComparisons(root: Cmp, out: Disjunction): void {
  const stack = [root];
  for (let cmp = stack.pop(); cmp !== undefined; cmp = stack.pop()) {
    if (cmp.kind === 'test') out.comparisons.push(cmp.test);
    else if (cmp.kind === 'or') stack.push(cmp.right, cmp.left);
    else out.unsupported.push(AND_OF_COMPARISONS);
  }
}

function observationProblem(obs: Obs): string | undefined {
  if (obs.qualifiers.length > 0) {
    const names = obs.qualifiers.join(', ');
    return `${obs.qualifiers.length > 1 ? 'the qualifiers' : 'the qualifier'} ${names} need a series of observations; not supported`;
  }
  if (obs.kind === 'AND' || obs.kind === 'FOLLOWEDBY')
    return `${obs.kind} of observations needs several events together; not supported`;
  return undefined;
}

function flattenObservations(root: Obs, out: Disjunction): void {
  const stack = [root];
  for (let obs = stack.pop(); obs !== undefined; obs = stack.pop()) {
    const problem = observationProblem(obs);
    if (problem !== undefined) out.unsupported.push(problem);
    else if (obs.kind === 'observation') flattenComparisons(obs.expr, out);
    else if (obs.kind === 'OR') stack.push(obs.right, obs.left);
  }
}

/**
 * The disjunction a pattern reduces to; throws PatternSyntaxError (with a column) when it cannot be read.
 *
 * @example
 * parsePattern("[file:hashes.MD5 = 'a' OR file:hashes.MD5 = 'b']").comparisons.length; // 2
 * parsePattern("[file:name = 'x' AND file:size > 10]").unsupported; // ['AND of comparisons ...']
 */
export function parsePattern(source: string): Disjunction {
  const ast = new Parser(tokenize(source), source).pattern();
  const out: Disjunction = { comparisons: [], unsupported: [] };
  flattenObservations(ast, out);
  return out;
}
