/**
 * Export of an estate as a YAML or JSON file that imports back to an equal document. The output is
 * canonical: lists sorted by identity, fields in schema order, empty lists and false flags left out (the
 * import restores them as defaults), so the same estate always exports to the same text.
 */
import { Document, isScalar, visit } from 'yaml';
import { estateDocumentSchema } from './schema.js';
import type { EstateDocument } from './schema.js';

/** The formats an estate can be exported to. */
export type ExportFormat = 'yaml' | 'json';

type Item = EstateDocument[Exclude<keyof EstateDocument, 'version'>][number];

const KINDS = ['regions', 'entities', 'sites', 'segments', 'links', 'hosts', 'services', 'dataStores'] as const;

/**
 * Renders an estate as YAML or JSON text, ready to import again.
 *
 * @example exportEstate(generateDemoEstate(), 'yaml') // 'version: 1\nregions:\n  - id: apac\n...'
 */
export function exportEstate(doc: EstateDocument, format: ExportFormat): string {
  const compact = compactEstate(sortEstate(estateDocumentSchema.parse(doc)));
  if (format === 'json') return `${JSON.stringify(compact, null, 2)}\n`;
  const yaml = new Document(compact);
  yaml.commentBefore = ' Firebreak estate (format version 1)';
  visit(yaml, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return yaml.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * The estate with every list in canonical order: by id, hosts by hostname, links by `from` then `to`
 * (plain code-unit order, independent of locale). Lists inside items keep their order.
 */
export function sortEstate(doc: EstateDocument): EstateDocument {
  const sorted = <T extends Item>(list: readonly T[]): T[] => [...list].sort((a, b) => compare(sortKey(a), sortKey(b)));
  return {
    ...doc,
    regions: sorted(doc.regions),
    entities: sorted(doc.entities),
    sites: sorted(doc.sites),
    segments: sorted(doc.segments),
    links: sorted(doc.links),
    hosts: sorted(doc.hosts),
    services: sorted(doc.services),
    dataStores: sorted(doc.dataStores),
  };
}

function sortKey(item: Item): string {
  if ('hostname' in item) return item.hostname;
  if ('from' in item) return `${item.from}\u0000${item.to}`;
  return item.id;
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compactEstate(doc: EstateDocument): Record<string, unknown> {
  const out: Record<string, unknown> = { version: doc.version };
  for (const kind of KINDS) {
    if (doc[kind].length > 0) out[kind] = (doc[kind] as Item[]).map(compactItem);
  }
  return out;
}

/** Leaves out what the import fills in anyway: empty lists and flags that are false. */
function compactItem(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (key === 'flags') {
      const set = Object.entries(value as Record<string, boolean>).filter(([, on]) => on);
      if (set.length > 0) out[key] = Object.fromEntries(set);
      continue;
    }
    out[key] = value;
  }
  return out;
}
