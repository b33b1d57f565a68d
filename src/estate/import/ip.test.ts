import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatIp, parseCidr, parseIp } from './ip.js';
import type { Cidr } from './ip.js';

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};
const ip = (text: string) => {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`${text} is not an IP`);
  return parsed;
};

describe('parseIp', () => {
  it.each([
    '10.0.0.1',
    '255.255.255.255',
    '0.0.0.0',
    '::',
    '::1',
    '2001:db8::15',
    'fe80::1:2',
    '::ffff:10.1.2.3',
    '1:2:3:4:5:6:7:8',
  ])('accepts %s', (text) => expect(parseIp(text)).toBeDefined());

  it.each([
    '10.0.0',
    '10.0.0.256',
    '010.0.0.1',
    '10.0.0.1/24',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    'fe80::1%eth0',
    'x.y',
    '',
  ])('rejects %s', (text) => expect(parseIp(text)).toBeUndefined());

  it('agrees with Node on every IPv4 address it formats', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(parseIp(text)?.family).toBe(4);
        expect(formatIp(ip(text))).toBe(text);
      }),
    );
  });

  it('agrees with Node on IPv6 addresses, and formats them canonically', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        expect(isIP(text)).toBe(6);
        const parsed = ip(text);
        expect(parseIp(formatIp(parsed))).toEqual(parsed);
      }),
    );
  });

  it('accepts exactly the strings Node accepts as IP addresses (property)', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdef:.'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 24 }), (text) => {
        expect(parseIp(text) !== undefined).toBe(isIP(text) !== 0);
      }),
      { numRuns: 5000 },
    );
  });

  it('formats IPv6 per RFC 5952', () => {
    expect(formatIp(ip('2001:0db8:0000:0000:0000:0000:0000:0015'))).toBe('2001:db8::15');
    expect(formatIp(ip('2001:db8:0:1:0:0:0:1'))).toBe('2001:db8:0:1::1');
    expect(formatIp(ip('2001:db8:0:1:1:1:1:1'))).toBe('2001:db8:0:1:1:1:1:1');
  });
});

describe('parseCidr and cidrContains', () => {
  it('contains addresses of its own network only', () => {
    expect(cidrContains(cidr('10.40.0.0/16'), ip('10.40.255.1'))).toBe(true);
    expect(cidrContains(cidr('10.40.0.0/16'), ip('10.41.0.1'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('192.0.2.1'))).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), ip('2001:db8:ffff::1'))).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), ip('10.0.0.1'))).toBe(false);
  });

  it('explains what is wrong with a bad CIDR', () => {
    expect(parseCidr('10.0.0/8')).toMatchObject({ error: "'10.0.0/8' is not a CIDR" });
    expect(parseCidr('10.0.0.0/33')).toMatchObject({ error: expect.stringMatching(/longer than 32 bits/) });
    expect(parseCidr('10.0.0.1/8')).toMatchObject({ hint: expect.stringMatching(/10\.0\.0\.0\/8/) });
    expect(parseCidr('2001:db8::1/32')).toMatchObject({ hint: expect.stringMatching(/2001:db8::\/32/) });
  });

  it('holds every address between the network and broadcast address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (text, prefix) => {
        const address = ip(text);
        const mask = prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - prefix)) - 1n);
        const network = formatIp({ family: 4, value: address.value & mask });
        expect(cidrContains(cidr(`${network}/${prefix}`), address)).toBe(true);
      }),
    );
  });
});
