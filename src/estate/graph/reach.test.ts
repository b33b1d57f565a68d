import { describe, expect, it } from 'vitest';
import { buildEstateIndex } from './estate-index.js';
import { miniEstate } from './estate-fixture.js';
import { reachedPorts, reachPath, reachSegments } from './reach.js';

describe('reachSegments', () => {
  const index = buildEstateIndex(
    miniEstate({
      entities: { uk: 'emea' },
      segments: { a: 'uk', b: 'uk', c: 'uk', d: 'uk' },
      links: [
        { from: 'a', to: 'b', ports: [445], bidirectional: false },
        { from: 'b', to: 'c', ports: ['tcp/22'], bidirectional: false },
        { from: 'a', to: 'c', ports: [3389], bidirectional: false },
      ],
    }),
  );
  const id = (s: string) => index.segments.ids.get(s);
  const reach = reachSegments(index, [id('a')]);

  it('gives the shortest path to a reached segment, and none to an unreached one', () => {
    expect(reachPath(reach, id('c')).map((s) => index.segments.ids.ids[s])).toEqual(['a', 'c']);
    expect(reachPath(reach, id('d'))).toEqual([]);
  });

  it('unions the ports of every link entering a segment from reached segments', () => {
    expect(reachedPorts(index, reach, id('c'))).toEqual(['tcp/22', '3389']);
    expect(reachedPorts(index, reach, id('d'))).toBeNull();
  });
});
