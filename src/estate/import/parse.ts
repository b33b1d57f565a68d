/**
 * Reads an estate file (YAML, JSON or a CSV of hosts) into raw data with a source map. Pure: the caller
 * reads the file and passes its text.
 */
import { parseHostsCsv } from './csv-hosts.js';
import type { EstateFormat, ParsedEstateFile } from './types.js';
import { parseYamlSource } from './yaml-source.js';

const EXTENSIONS: Record<string, EstateFormat> = { yaml: 'yaml', yml: 'yaml', json: 'json', csv: 'csv' };

/**
 * The format a file name implies (`.yaml`, `.yml`, `.json`, `.csv`, any case), or undefined.
 *
 * @example formatFromFileName('estate/hosts.CSV') // 'csv'
 */
export function formatFromFileName(file: string): EstateFormat | undefined {
  const match = /\.([A-Za-z]+)$/.exec(file);
  return match?.[1] === undefined ? undefined : EXTENSIONS[match[1].toLowerCase()];
}

/**
 * Parses the text of an estate file. The format comes from `format`, or else from the file's extension.
 * Syntax problems come back as issues with line, column and a hint; nothing is validated yet.
 *
 * @example
 * const parsed = parseEstateFile('hosts:\n  - hostname: tk-fs01\n', 'estate.yaml');
 * if (parsed.ok) parsed.sourceMap.locate(['hosts', 0, 'hostname']); // { line: 2, column: 15 }
 */
export function parseEstateFile(text: string, file: string, format?: EstateFormat): ParsedEstateFile {
  const chosen = format ?? formatFromFileName(file);
  if (chosen === undefined) {
    const hint = 'name the file .yaml, .yml, .json or .csv, or say which format it is';
    return { ok: false, file, issues: [{ file, message: `cannot tell the format of \`${file}\``, hint }] };
  }
  return chosen === 'csv' ? parseHostsCsv(text, file) : parseYamlSource(text, file, chosen);
}
