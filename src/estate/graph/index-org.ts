/** Indexing of regions and entities, including ones that records reference without declaring. */
import type { Issue } from '../../shared/errors.js';
import type { EstateDocument } from '../schema.js';
import { CsrBuilder } from './csr.js';
import type { EntityTable, RegionTable } from './estate-index.types.js';
import { duplicateIssue, unknownIssue } from './index-issues.js';
import { Interner } from './interner.js';

/** Collects regions and entities; undeclared ones referenced elsewhere are added and reported. */
export class OrgBuilder {
  private readonly regions = new Interner();
  private readonly regionNames: string[] = [];
  private readonly entities = new Interner();
  private readonly entityNames: string[] = [];
  private readonly entityRegion: number[] = [];

  constructor(
    doc: EstateDocument,
    private readonly issues: Issue[],
  ) {
    doc.regions.forEach((region, i) => {
      if (this.regions.get(region.id) >= 0) {
        this.issues.push(duplicateIssue(`regions[${i}].id`, region.id));
        return;
      }
      this.regions.intern(region.id);
      this.regionNames.push(region.name);
    });
    doc.entities.forEach((entity, i) => {
      if (this.entities.get(entity.id) >= 0) {
        this.issues.push(duplicateIssue(`entities[${i}].id`, entity.id));
        return;
      }
      this.entities.intern(entity.id);
      this.entityNames.push(entity.name);
      this.entityRegion.push(this.region(entity.region, `entities[${i}].region`));
    });
  }

  /** The integer id of entity `id`; an undeclared entity is added (no region) and reported at `field`. */
  entity(id: string, field: string): number {
    const known = this.entities.get(id);
    if (known >= 0) return known;
    this.issues.push(unknownIssue(field, 'entity', id, 'entities', 'added without a region'));
    this.entityNames.push(id);
    this.entityRegion.push(-1);
    return this.entities.intern(id);
  }

  /** Packs the tables; `hostEntity` gives each host's entity. */
  build(hostEntity: Int32Array): { regions: RegionTable; entities: EntityTable } {
    const regionEntities = new CsrBuilder(this.regions.size);
    this.entityRegion.forEach((region, entity) => {
      if (region >= 0) regionEntities.add(region, entity);
    });
    const entityHosts = new CsrBuilder(this.entities.size);
    hostEntity.forEach((entity, host) => {
      if (entity >= 0) entityHosts.add(entity, host);
    });
    return {
      regions: { ids: this.regions, names: this.regionNames, entities: regionEntities.build() },
      entities: {
        ids: this.entities,
        names: this.entityNames,
        region: Int32Array.from(this.entityRegion),
        hosts: entityHosts.build(),
      },
    };
  }

  private region(id: string, field: string): number {
    const known = this.regions.get(id);
    if (known >= 0) return known;
    this.issues.push(unknownIssue(field, 'region', id, 'regions', 'added, named by its id'));
    this.regionNames.push(id);
    return this.regions.intern(id);
  }
}
