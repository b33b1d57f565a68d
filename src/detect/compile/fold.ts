/**
 * Case folding for the literal searches of the prefilter. Literals are lower-case ASCII; a text character
 * folds to its ASCII lower case, and the few non-ASCII characters that lower-case or case-fold to an ASCII
 * letter fold to that letter: KELVIN SIGN and LATIN CAPITAL LETTER I WITH DOT (String.toLowerCase), LATIN SMALL
 * LETTER LONG S (Unicode case folding, which re2js applies for `re|i`). Every other character folds to 128,
 * which no literal contains. So a search never misses a literal that a rule's own test could find; extra
 * hits only cost an evaluation.
 */

/** The fold of characters that are not ASCII. */
export const NON_ASCII = 128;

const KELVIN = 0x212a;
const DOTTED_CAPITAL_I = 0x130;
const LONG_S = 0x17f;

/**
 * The folded code of a UTF-16 code unit (0-128).
 *
 * @example
 * fold(0x41); // 0x61 ('A' -> 'a')
 */
export function fold(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  if (code === KELVIN) return 107;
  if (code === DOTTED_CAPITAL_I) return 105;
  if (code === LONG_S) return 115;
  return NON_ASCII;
}
