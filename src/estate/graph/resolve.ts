/** Resolves the ids a query names (hostnames, segment, entity, region ids) to integer ids, or fails clearly. */
import { UserError, type Issue } from '../../shared/errors.js';
import type { IdMap } from './estate-index.types.js';

/** Collects unknown names across several lists, so that one error can list them all. */
export class Resolver {
  private readonly unknown: Issue[] = [];
  private readonly names: Record<string, string[]> = {};

  /**
   * Integer ids of `names` (de-duplicated, in order). Lookups are exact, then lower-cased and trimmed, since
   * estate ids are lower-case. Unknown names are remembered for {@link Resolver.assertAllKnown}.
   *
   * @example
   * const r = new Resolver();
   * const hosts = r.resolve(index.hosts.ids, ['tk-fs01'], 'host', 'hosts');
   * r.assertAllKnown();
   */
  resolve(ids: IdMap, names: readonly string[], kind: string, field: string): number[] {
    const out = new Set<number>();
    names.forEach((name, i) => {
      let id = ids.get(name);
      if (id < 0) id = ids.get(name.trim().toLowerCase());
      if (id >= 0) {
        out.add(id);
        return;
      }
      this.unknown.push({ field: `${field}[${i}]`, message: `unknown ${kind} '${name}'` });
      (this.names[field] ??= []).push(name);
    });
    return [...out];
  }

  /** Throws a `not_found` {@link UserError} naming every unknown id, with the lists in `details.unknown`. */
  assertAllKnown(): void {
    if (this.unknown.length === 0) return;
    const parts = Object.entries(this.names).map(([field, names]) => `${field}: ${names.join(', ')}`);
    throw new UserError(
      'not_found',
      `Not in the estate: ${parts.join('; ')}. HINT: ids are matched exactly (lower case); ` +
        'check the spelling against the estate, or import the missing records first.',
      this.unknown,
      { unknown: this.names },
    );
  }
}
