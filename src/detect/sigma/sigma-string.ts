/**
 * Sigma string values: literal text with the wildcards `*` (any run of characters) and `?` (exactly one).
 *
 * Escaping follows the specification: a backslash escapes `*`, `?` and `\`; a backslash before any other
 * character (or at the end) is a literal backslash. So `\*.lnk` is the literal `*.lnk`, `C:\Windows\\*` is
 * `C:\Windows\` followed by a wildcard, and `\\\*` is a backslash and a literal `*`.
 */

/** A wildcard matching any run of characters (`*`). */
export const STAR = 0;
/** A wildcard matching exactly one character (`?`). */
export const ONE = 1;

/** One piece of a Sigma string: literal text, or a wildcard. Adjacent literals are always merged. */
export type StringPart = string | typeof STAR | typeof ONE;

/** A parsed Sigma string value. */
export type SigmaString = readonly StringPart[];

/**
 * Parses a raw rule value into literal parts and wildcards, applying the escape rules.
 *
 * @example
 * parseSigmaString(String.raw`C:\Windows\\*.exe`); // ['C:\\Windows\\', STAR, '.exe']
 * parseSigmaString(String.raw`\*.lnk`); // ['*.lnk']
 */
export function parseSigmaString(raw: string): SigmaString {
  const parts: StringPart[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push(text);
    text = '';
  };
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i]!;
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i += 1;
      } else {
        text += c;
      }
    } else if (c === '*' || c === '?') {
      flush();
      parts.push(c === '*' ? STAR : ONE);
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

/** Builds a Sigma string from parts, merging adjacent literals and dropping empty ones. */
export function normalise(parts: readonly StringPart[]): SigmaString {
  const out: StringPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (typeof part === 'string') {
      if (part === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + part;
      else out.push(part);
    } else {
      out.push(part);
    }
  }
  return out;
}

/** True when the value contains a wildcard. */
export function hasWildcard(value: SigmaString): boolean {
  return value.some((part) => typeof part !== 'string');
}

/** The literal text of a value without wildcards (wildcards are dropped). */
export function plainText(value: SigmaString): string {
  return value.filter((part): part is string => typeof part === 'string').join('');
}

/** `*value*` unless the value already starts or ends with `*`. */
export function withContains(value: SigmaString): SigmaString {
  return withEndsWith(withStartsWith(value));
}

/** `value*` unless the value already ends with `*`. */
export function withStartsWith(value: SigmaString): SigmaString {
  return value[value.length - 1] === STAR ? value : [...value, STAR];
}

/** `*value` unless the value already starts with `*`. */
export function withEndsWith(value: SigmaString): SigmaString {
  return value[0] === STAR ? value : [STAR, ...value];
}

/** Maps every literal part, keeping wildcards. */
export function mapLiterals(value: SigmaString, fn: (text: string) => string): SigmaString {
  return normalise(value.map((part) => (typeof part === 'string' ? fn(part) : part)));
}

/**
 * Renders a value back in Sigma syntax (wildcards as `*`/`?`, special characters escaped).
 *
 * @example
 * formatSigmaString(parseSigmaString('a\\*b*')); // 'a\\*b*'
 */
export function formatSigmaString(value: SigmaString): string {
  return value
    .map((part) => {
      if (part === STAR) return '*';
      if (part === ONE) return '?';
      return part.replace(/[*?]|\\(?=[*?\\]|$)/g, (m) => `\\${m}`);
    })
    .join('');
}
