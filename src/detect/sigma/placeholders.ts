/**
 * The `expand` modifier: `%name%` placeholders in a value are replaced by the values configured for that name
 * (each a Sigma string, wildcards allowed), giving one variant per combination. `\%` is a literal percent
 * sign. A placeholder without configured values rejects the rule: the specification says a tool that cannot
 * fill a placeholder must not run the rule.
 */
import { ruleError } from './problems.js';
import { normalise, parseSigmaString, type SigmaString, type StringPart } from './sigma-string.js';
import type { DocPath } from './types.js';

/** Placeholder name (without `%`) -> the values it stands for. */
export type Placeholders = Readonly<Record<string, readonly string[]>>;

type Piece = StringPart | { placeholder: string };

function splitLiteral(text: string, out: Piece[]): void {
  let acc = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '%') {
      acc += '%';
      i += 1;
    } else if (c === '%') {
      const end = text.indexOf('%', i + 1);
      if (end < 0) {
        acc += c;
        continue;
      }
      if (acc) out.push(acc);
      acc = '';
      out.push({ placeholder: text.slice(i + 1, end) });
      i = end;
    } else {
      acc += c;
    }
  }
  if (acc) out.push(acc);
}

/**
 * Expands the placeholders of one value.
 *
 * @example
 * expandPlaceholders(parseSigmaString('%dc%\\share'), { dc: ['DC1', 'DC2'] }, []);
 * // [['DC1\\share'], ['DC2\\share']]
 */
export function expandPlaceholders(value: SigmaString, placeholders: Placeholders, path: DocPath): SigmaString[] {
  const pieces: Piece[] = [];
  for (const part of value) {
    if (typeof part === 'string') splitLiteral(part, pieces);
    else pieces.push(part);
  }
  let variants: StringPart[][] = [[]];
  for (const piece of pieces) {
    if (typeof piece !== 'object') {
      variants = variants.map((v) => [...v, piece]);
      continue;
    }
    const values = placeholders[piece.placeholder];
    if (!values || values.length === 0) {
      throw ruleError(
        `placeholder %${piece.placeholder}% has no value`,
        path,
        `configure it (placeholders: { ${JSON.stringify(piece.placeholder)}: [...] }) or remove the rule`,
      );
    }
    const replacements = values.map(parseSigmaString);
    variants = variants.flatMap((v) => replacements.map((r) => [...v, ...r]));
  }
  return variants.map(normalise);
}
