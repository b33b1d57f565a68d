import { describe, expect, it } from 'vitest';
import { parseRoutes } from './routing.js';

describe('parseRoutes', () => {
  it('keeps routed networks with device and next hop, not the default route or link-local', () => {
    const v4 = '[{"dst":"default","gateway":"192.0.2.1","dev":"eth0"},{"dst":"10.1.0.0/24","dev":"seg0","protocol":"kernel"},{"dst":"10.7.0.0/16","gateway":"10.1.0.254","dev":"seg0"}]';
    const v6 = '[{"dst":"fd00:1::/64","dev":"seg0"},{"dst":"fe80::/64","dev":"seg0"}]';
    expect([...parseRoutes(v4), ...parseRoutes(v6)]).toEqual([
      { dst: '10.1.0.0/24', dev: 'seg0' },
      { dst: '10.7.0.0/16', dev: 'seg0', via: '10.1.0.254' },
      { dst: 'fd00:1::/64', dev: 'seg0' },
    ]);
    expect(parseRoutes('not json')).toEqual([]);
  });
});
