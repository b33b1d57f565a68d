/**
 * The estate domain (pure): the contract schemas, import (parse, validate, merge), export and the demo
 * estate. Edges (CLI, server, store) import from here rather than from files inside the folder.
 *
 * @example
 * const result = prepareImport(text, 'estate.yaml', current);
 * if (result.ok) await store.estate.upsert(result.incoming);
 */

// Contract
export {
  agentInfoSchema,
  cidrSchema,
  countrySchema,
  criticalitySchema,
  dataStoreSchema,
  emptyEstate,
  entityFlagsSchema,
  entitySchema,
  estateDocumentSchema,
  externalLinkSchema,
  hostSchema,
  idSchema,
  linkSchema,
  portSpecSchema,
  regionSchema,
  segmentSchema,
  serviceSchema,
  siteSchema,
  throughputSchema,
} from './schema.js';
export type {
  Criticality,
  DataStore,
  Entity,
  EstateDocument,
  EstateDocumentInput,
  EstateSummary,
  ExternalLink,
  Host,
  Link,
  Region,
  Segment,
  Service,
  Site,
} from './schema.js';

// Import, export, demo
export {
  cidrContains,
  countImport,
  CSV_HOST_COLUMNS,
  ESTATE_KINDS,
  formatFromFileName,
  formatPath,
  mergeEstate,
  parseCidr,
  parseEstateFile,
  parseIp,
  prepareImport,
  validateEstateData,
} from './import/index.js';
export type {
  EstateFormat,
  EstateKind,
  FieldPath,
  ImportCounts,
  PreparedImport,
  ValidationResult,
} from './import/index.js';
export { exportEstate, sortEstate } from './export.js';
export type { ExportFormat } from './export.js';
export { generateDemoEstate } from './demo.js';
export type { DemoEstateOptions } from './demo.js';

// Graph queries (blast radius, isolation impact): exported from ./graph/index.js
