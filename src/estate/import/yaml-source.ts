/**
 * Reads estate files in YAML and JSON with the shared reader (src/shared/yaml-source.ts). JSON syntax errors
 * are reported in JSON's own words, since the YAML parser accepts some things JSON does not (trailing commas,
 * comments) and words its errors for YAML.
 */
import type { YAMLError } from 'yaml';
import type { Issue } from '../../shared/errors.js';
import { parseYamlDocument, yamlSyntaxHint, type SourcePosition } from '../../shared/yaml-source.js';
import type { EstateFormat, ParsedEstateFile } from './types.js';

const JSON_HINT = 'check for a missing or extra comma (JSON allows no trailing comma), bracket, brace or quote here';
const ALIAS_HINT = 'the file expands too many aliases; write the values out instead of using `*aliases`';

/** Parses YAML or JSON text into raw data and a source map, or syntax issues with their positions. */
export function parseYamlSource(text: string, file: string, format: Exclude<EstateFormat, 'csv'>): ParsedEstateFile {
  const { doc, position, locate } = parseYamlDocument(text);
  const jsonIssue = format === 'json' ? jsonSyntaxIssue(text, file, position) : undefined;
  if (jsonIssue !== undefined && (jsonIssue.line !== undefined || doc.errors.length === 0)) {
    return { ok: false, file, issues: [jsonIssue] };
  }
  if (doc.errors.length > 0) {
    return { ok: false, file, issues: doc.errors.map((error) => syntaxIssue(error, file, format, position)) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, file, issues: [{ file, message, hint: ALIAS_HINT }] };
  }
  return { ok: true, file, format, data, sourceMap: { locate } };
}

function syntaxIssue(error: YAMLError, file: string, format: 'yaml' | 'json', position: (offset: number) => SourcePosition): Issue {
  const { line, column } = position(error.pos[0]);
  const hint = yamlSyntaxHint(error) ?? (format === 'json' ? JSON_HINT : 'check the YAML syntax near this point');
  const kind = format === 'json' ? 'JSON' : 'YAML';
  return { file, line, column, message: `${kind} syntax error: ${error.message}`, hint };
}

/** JSON's own account of the first syntax error ("Expected ',' or '}' after property value"). */
function jsonSyntaxIssue(text: string, file: string, position: (offset: number) => SourcePosition): Issue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = / in JSON at position (\d+)/.exec(message);
    const offset = match?.[1] !== undefined ? Number(match[1]) : message.includes('end of JSON') ? text.length : undefined;
    const issue: Issue = { file, message: `JSON syntax error: ${message.slice(0, match?.index)}`, hint: JSON_HINT };
    return offset === undefined ? issue : { ...issue, ...position(offset) };
  }
}
