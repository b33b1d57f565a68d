/**
 * The whole import, minus I/O: parse, validate against the existing estate, and compute the merged estate
 * and what changes. The CLI and the server read the file and store the result.
 */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument } from '../schema.js';
import { countImport, mergeEstate } from './merge.js';
import type { ImportCounts } from './merge.js';
import { parseEstateFile } from './parse.js';
import type { EstateFormat } from './types.js';
import { validateEstateData } from './validate.js';

/** A valid import ready to store, or every problem found in the file. */
export type PreparedImport =
  { ok: true; incoming: EstateDocument; merged: EstateDocument; counts: ImportCounts } | { ok: false; issues: Issue[] };

/**
 * Parses and validates an estate file against `existing`, and merges it.
 *
 * @example
 * const result = prepareImport(text, 'hosts.csv', await store.estate.get());
 * if (!result.ok) throw new UserError('validation_failed', 'the estate file has problems', result.issues);
 */
export function prepareImport(
  text: string,
  file: string,
  existing: EstateDocument,
  format?: EstateFormat,
): PreparedImport {
  const parsed = parseEstateFile(text, file, format);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const validated = validateEstateData(parsed.data, parsed.file, parsed.sourceMap, existing);
  if (!validated.ok) return validated;
  const incoming = validated.document;
  return { ok: true, incoming, merged: mergeEstate(existing, incoming), counts: countImport(existing, incoming) };
}
