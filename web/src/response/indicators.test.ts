import { describe, expect, it } from 'vitest';
import { indicatorTotal, splitIndicators } from './indicators';

describe('indicators typed for a sweep', () => {
  it('sorts hashes, addresses and process names, once each', () => {
    const hash = 'A'.repeat(64);
    const typed = splitIndicators(`${hash}\nqbot.exe, 203.0.113.7\n10.0.0.0/8; 2001:db8::1\nQBOT.EXE\n\n`);
    expect(typed).toEqual({ sha256: ['a'.repeat(64)], processNames: ['qbot.exe'], remote: ['203.0.113.7', '10.0.0.0/8', '2001:db8::1'] });
    expect(indicatorTotal(typed)).toBe(5);
  });
});
