/**
 * Tokens of the STIX 2.1 patterning language: brackets, parentheses, `:`, `.`, `,`, `*`, comparison operators,
 * words (keywords and object path names, `-` allowed as in `ipv4-addr`), numbers, quoted strings with `\'` and
 * `\\` escapes, and prefixed literals (`b'...'`, `h'...'`, `t'...'`). Each token keeps its 1-based column.
 */

export type TokenKind = 'punct' | 'op' | 'word' | 'number' | 'string' | 'binary' | 'hex' | 'timestamp' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  column: number;
}

/** A pattern that cannot be read, with the 1-based column where reading stopped. */
export class PatternSyntaxError extends Error {
  override readonly name = 'PatternSyntaxError';
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

const PREFIXED: Readonly<Record<string, TokenKind>> = { b: 'binary', h: 'hex', t: 'timestamp' };

function readString(source: string, start: number): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "'") return { text, end: i + 1 };
    if (ch === '\\') {
      const next = source[i + 1];
      if (next !== "'" && next !== '\\')
        throw new PatternSyntaxError(`unknown escape \\${next ?? ''} in a string`, i + 1);
      text += next;
      i += 2;
      continue;
    }
    text += ch;
    i += 1;
  }
  throw new PatternSyntaxError('unterminated string (a quote is missing)', start + 1);
}

const OPERATOR = /^(!=|<>|<=|>=|=|<|>)/;
const WORD = /^[A-Za-z_][A-Za-z0-9_-]*/;
const NUMBER = /^-?\d+(\.\d+)?/;

function readToken(source: string, i: number): { token: Token; end: number } {
  const column = i + 1;
  const ch = source[i]!;
  if ('[]():.,*'.includes(ch)) return { token: { kind: 'punct', text: ch, column }, end: i + 1 };
  if (ch === "'") {
    const { text, end } = readString(source, i);
    return { token: { kind: 'string', text, column }, end };
  }
  const kind = PREFIXED[ch];
  if (kind !== undefined && source[i + 1] === "'") {
    const { text, end } = readString(source, i + 1);
    return { token: { kind, text, column }, end };
  }
  const rest = source.slice(i, i + 64);
  const match = OPERATOR.exec(rest) ?? NUMBER.exec(rest) ?? WORD.exec(source.slice(i, i + 256));
  if (!match) throw new PatternSyntaxError(`unexpected character '${ch}'`, column);
  const text = match[0];
  const tokenKind: TokenKind = OPERATOR.test(text) ? 'op' : /^-?\d/.test(text) ? 'number' : 'word';
  return { token: { kind: tokenKind, text, column }, end: i + text.length };
}

/**
 * The tokens of a pattern, ending with an `end` token.
 *
 * @example
 * tokenize("[url:value = 'http://x']").map((t) => t.text); // ['[', 'url', ':', 'value', '=', 'http://x', ']', '']
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    if (/\s/.test(source[i]!)) {
      i += 1;
      continue;
    }
    const { token, end } = readToken(source, i);
    tokens.push(token);
    i = end;
  }
  tokens.push({ kind: 'end', text: '', column: source.length + 1 });
  return tokens;
}
