/**
 * Blast radius and isolation impact over a 100,000-host synthetic estate, against the cost of JSON.parse of
 * the same estate (the baseline). Target: each query well under a second, single core.
 */
import { buildEstateIndex, blastRadius, isolationImpact, type EstateIndex } from '../src/estate/graph/index.js';
import type { EstateDocument } from '../src/estate/schema.js';
import { measure, table, type Figure } from './measure.js';
import { prng } from './synthetic-common.js';
import { syntheticEstate } from './synthetic-estate.js';

/** `count` distinct office workstations, chosen deterministically across the estate. */
function pickCompromised(doc: EstateDocument, count: number): string[] {
  const random = prng(7);
  const offices = doc.hosts.filter((h) => h.role === 'workstation');
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(offices[Math.floor(random() * offices.length)]!.hostname);
  return [...chosen];
}

function queries(doc: EstateDocument, index: EstateIndex) {
  const identityHost = doc.services.find((s) => s.id === 'identity-emea')?.hosts[0] ?? doc.hosts[0]!.hostname;
  const segment = doc.segments.find((s) => s.id.endsWith('-dc'))!.id;
  const entity = doc.entities[0]!.id;
  const emea = doc.entities.filter((e) => e.region === 'emea').map((e) => e.id);
  const c1 = pickCompromised(doc, 1);
  const c10 = pickCompromised(doc, 10);
  const c100 = pickCompromised(doc, 100);
  return {
    blastRadius1: () => blastRadius(index, c1),
    blastRadius10: () => blastRadius(index, c10),
    blastRadius100: () => blastRadius(index, c100),
    isolateHost: () => isolationImpact(index, { hosts: [identityHost] }),
    isolateSegment: () => isolationImpact(index, { segments: [segment] }),
    isolateEntity: () => isolationImpact(index, { entities: [entity] }),
    isolateRegionEntities: () => isolationImpact(index, { entities: emea }),
  };
}

/** What the queries found, so that the figures can be read against the work done. */
function shape(q: ReturnType<typeof queries>) {
  const r100 = q.blastRadius100();
  const region = q.isolateRegionEntities();
  return {
    blastRadius1: q.blastRadius1().totals,
    blastRadius100: r100.totals,
    isolateHost: q.isolateHost().totals,
    isolateRegionEntities: { ...region.totals, lostPerHour: region.totals.lostPerHour.map((u) => u.unit) },
  };
}

/**
 * Runs the benchmark and prints a table; returns every figure (ms) and the estate's size.
 *
 * @example
 * const figures = await run(); // { estate: {...}, figures: { baselineJsonParse: ..., ... } }
 */
export function run(): Promise<object> {
  const doc = syntheticEstate();
  const json = JSON.stringify(doc);
  const figures: Figure[] = [measure('baseline: JSON.parse of the estate', () => JSON.parse(json), { runs: 9 })];
  figures.push(measure('buildEstateIndex', () => buildEstateIndex(doc), { runs: 9 }));
  const index = buildEstateIndex(doc);
  for (const [name, fn] of Object.entries(queries(doc, index))) figures.push(measure(name, fn));
  const baseline = figures[0]!;
  console.log(
    `estate: ${doc.hosts.length} hosts, ${doc.segments.length} segments, ${doc.links.length} links, ` +
      `${doc.services.length} services, ${doc.dataStores.length} data stores; JSON ${(json.length / 1e6).toFixed(1)} MB`,
  );
  console.log(table(figures, baseline));
  const result = {
    estate: { hosts: doc.hosts.length, segments: doc.segments.length, services: doc.services.length, jsonBytes: json.length },
    figures: Object.fromEntries(figures.map((f) => [f.name.replace(/^baseline: .*/, 'baselineJsonParse'), f.medianMs])),
    ratioToBaseline: Object.fromEntries(figures.map((f) => [f.name.replace(/^baseline: .*/, 'baselineJsonParse'), f.medianMs / baseline.medianMs])),
    results: shape(queries(doc, index)),
  };
  return Promise.resolve(result);
}
