/** Bounding triage evidence: caps with totals, and a byte budget met by halving the longest list. */
import { describe, expect, it } from 'vitest';
import { capList, fitToBytes } from './bound.js';

describe('capList', () => {
  it('keeps short lists whole and says how much a long one had', () => {
    expect(capList([1, 2], 5)).toEqual({ items: [1, 2] });
    expect(capList([1, 2, 3, 4], 3)).toEqual({ items: [1, 2, 3], truncated: { total: 4, listed: 3 } });
  });
});

describe('fitToBytes', () => {
  it('halves the longest list until the whole fits, keeping earlier totals', () => {
    const big = Array.from({ length: 1000 }, (_, i) => ({ path: `/tmp/file-${i}`, sha256: 'a'.repeat(64) }));
    const small = [{ pid: 1, name: 'init' }];
    const out = fitToBytes({ collectedAt: 't' }, { recentFiles: big, processes: small }, { recentFiles: { total: 5000, listed: 1000 } }, 20_000);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThanOrEqual(20_000);
    expect(out.processes).toEqual(small);
    expect(out.truncated['recentFiles']).toEqual({ total: 5000, listed: out.recentFiles?.length });
    expect(out.truncated['processes']).toBeUndefined();
    expect(out.collectedAt).toBe('t');
  });

  it('changes nothing that already fits', () => {
    expect(fitToBytes({ a: 1 }, { x: [1, 2, 3] }, {}, 1000)).toEqual({ a: 1, x: [1, 2, 3], truncated: {} });
  });
});
