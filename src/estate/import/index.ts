/**
 * Estate import: parse YAML, JSON or a CSV of hosts with source locations, validate against the existing
 * estate (collecting every problem), and merge by identity. Pure: callers do the I/O.
 */
export { prepareImport } from './prepare.js';
export type { PreparedImport } from './prepare.js';
export { parseEstateFile, formatFromFileName } from './parse.js';
export { validateEstateData } from './validate.js';
export type { ValidationResult } from './validate.js';
export { mergeEstate, countImport } from './merge.js';
export type { ImportCounts } from './merge.js';
export { CSV_HOST_COLUMNS } from './csv-hosts.js';
export { parseIp, parseCidr, cidrContains, formatIp } from './ip.js';
export type { IpAddress, Cidr, CidrError } from './ip.js';
export { formatPath, ESTATE_KINDS } from './types.js';
export type { EstateFormat, EstateKind, FieldPath, ParsedEstateFile, SourceLocation, SourceMap } from './types.js';
