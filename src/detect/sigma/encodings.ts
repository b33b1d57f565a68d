/**
 * The encoding modifiers of the Sigma specification: base64, base64offset, utf16le/wide, utf16be, utf16 and
 * windash. Encoded values are strings whose characters are bytes (code points 0-255) when `binary` is set.
 */
import { Buffer } from 'node:buffer';
import { normalise, type SigmaString, type StringPart } from './sigma-string.js';

/** The bytes of a literal: UTF-8 for text, one byte per character for binary (already encoded) text. */
export function literalBytes(text: string, binary: boolean): Buffer {
  return binary ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/**
 * Base64 of the literal (no wildcards allowed).
 *
 * @example
 * base64('foobar', false); // 'Zm9vYmFy'
 */
export function base64(text: string, binary: boolean): string {
  return literalBytes(text, binary).toString('base64');
}

const START_OFFSETS = [0, 2, 3] as const;
const END_OFFSETS = [undefined, -3, -2] as const;

/**
 * The three stable middle parts of the value's base64 form at byte offsets 0, 1 and 2 within a larger string.
 *
 * @example
 * base64Offsets('foobar', false); // ['Zm9vYmFy', 'Zvb2Jhc', 'mb29iYX']
 */
export function base64Offsets(text: string, binary: boolean): string[] {
  const bytes = literalBytes(text, binary);
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString('base64');
    const end = END_OFFSETS[(bytes.length + shift) % 3];
    out.push(encoded.slice(START_OFFSETS[shift], end));
  }
  return out;
}

/** Encoding of text as UTF-16 bytes, written as one character per byte. */
export type Utf16Kind = 'utf16le' | 'utf16be' | 'utf16';

function utf16Bytes(text: string, big: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const low = String.fromCharCode(unit & 0xff);
    const high = String.fromCharCode(unit >> 8);
    out += big ? high + low : low + high;
  }
  return out;
}

/**
 * Encodes every literal part as UTF-16 (wildcards stay wildcards). `utf16` adds the little-endian byte order
 * mark `FF FE` at the start of the value.
 *
 * @example
 * utf16(['cmd'], 'utf16le'); // ['c\u0000m\u0000d\u0000']
 */
export function utf16(value: SigmaString, kind: Utf16Kind): SigmaString {
  const big = kind === 'utf16be';
  const parts: StringPart[] = value.map((part) => (typeof part === 'string' ? utf16Bytes(part, big) : part));
  if (kind === 'utf16') parts.unshift('\u00ff\u00fe');
  return normalise(parts);
}

/** The characters `windash` substitutes for a leading `-` or `/`. */
export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

/** The most variants windash may produce for one value before the rule is rejected. */
export const WINDASH_MAX_VARIANTS = 3125;

const WORD = /[\p{L}\p{N}_]/u;

function isWord(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c);
}

/** Positions in a literal where a dash or slash starts a word (`\B[-/]\b`): those are permuted. */
function dashPositions(text: string, before: string | undefined): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c !== '-' && c !== '/') continue;
    const prev = i === 0 ? before : text[i - 1];
    if (!isWord(prev) && isWord(text[i + 1])) out.push(i);
  }
  return out;
}

/**
 * All permutations of `-`, `/`, en dash, em dash and horizontal bar at the places where a dash or slash starts
 * a word. A dash inside a word (`param-1`) is not permuted. Returns undefined when there would be more than
 * WINDASH_MAX_VARIANTS variants.
 *
 * @example
 * windash(['-a -b']).length; // 25
 */
export function windash(value: SigmaString): SigmaString[] | undefined {
  let variants: StringPart[][] = [[]];
  let previous: string | undefined;
  for (const part of value) {
    if (typeof part !== 'string') {
      variants = variants.map((v) => [...v, part]);
      previous = undefined;
      continue;
    }
    const positions = dashPositions(part, previous);
    if (variants.length * WINDASH_CHARACTERS.length ** positions.length > WINDASH_MAX_VARIANTS) return undefined;
    let texts = [''];
    let from = 0;
    for (const at of positions) {
      const chunk = part.slice(from, at);
      texts = texts.flatMap((t) => WINDASH_CHARACTERS.map((d) => t + chunk + d));
      from = at + 1;
    }
    const rest = part.slice(from);
    variants = variants.flatMap((v) => texts.map((t) => [...v, t + rest]));
    previous = part[part.length - 1];
  }
  return variants.map(normalise);
}
