import { describe, expect, it } from 'vitest';
import { normalisePorts, unionPorts } from './ports.js';

describe('ports', () => {
  it('keeps any as any', () => {
    expect(normalisePorts('any')).toBe('any');
    expect(unionPorts([['445'], 'any'])).toBe('any');
  });

  it('de-duplicates, drops specs covered by a wider one, and sorts by port', () => {
    const ports = [3389, 'tcp/445', 445, 'udp/53', 'tcp/8000-8080', 'tcp/8080', 'tcp/53-53', 3389];
    expect(normalisePorts(ports)).toEqual(['tcp/53-53', 'udp/53', '445', '3389', 'tcp/8000-8080']);
  });

  it('unions port lists', () => {
    expect(unionPorts([['445'], ['tcp/445', '3389']])).toEqual(['445', '3389']);
  });
});
