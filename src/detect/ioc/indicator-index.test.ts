import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorType } from './indicator.js';
import { IndicatorIndex, type LookupKind } from './indicator-index.js';
import { indicator } from './ioc.testing.js';

const NOW = Date.parse('2024-06-01T00:00:00Z');

function indexOf(...entries: [IndicatorType, string][]): IndicatorIndex {
  return IndicatorIndex.from(entries.map(([type, value]) => indicator(type, value)));
}

function found(index: IndicatorIndex, kind: LookupKind, value: string, now = NOW): string[] {
  return index.lookup(kind, value, now).map((i) => i.value);
}

describe('IndicatorIndex', () => {
  it('matches IPv4 addresses exactly and inside every network that holds them', () => {
    const index = indexOf(
      ['ipv4', '10.0.0.0/8'],
      ['ipv4', '10.1.0.0/16'],
      ['ipv4', '10.1.2.3'],
      ['ipv4', '192.0.2.0/31'],
      ['ipv4', '0.0.0.0/0'],
    );
    expect(found(index, 'ip', '10.1.2.3')).toEqual(['10.1.2.3', '10.1.0.0/16', '10.0.0.0/8', '0.0.0.0/0']);
    expect(found(index, 'ip', '10.2.0.1')).toEqual(['10.0.0.0/8', '0.0.0.0/0']);
    expect(found(index, 'ip', '192.0.2.1')).toEqual(['192.0.2.0/31', '0.0.0.0/0']);
    expect(found(index, 'ip', '192.0.2.2')).toEqual(['0.0.0.0/0']);
    expect(found(index, 'ip', '2001:db8::1')).toEqual([]);
  });

  it('matches IPv6 networks, and IPv4 written as mapped IPv6 or with a port', () => {
    const index = indexOf(
      ['ipv6', '2001:db8:bad::/48'],
      ['ipv6', '2001:DB8::1'],
      ['ipv6', 'fe80::/10'],
      ['ipv4', '198.51.100.0/24'],
    );
    expect(found(index, 'ip', '2001:db8:bad:1::5')).toEqual(['2001:db8:bad::/48']);
    expect(found(index, 'ip', '2001:0db8:0000::0001')).toEqual(['2001:db8::1']);
    expect(found(index, 'ip', 'fe80::44af:a0ee:c7f9:e9ed%12')).toEqual(['fe80::/10']);
    expect(found(index, 'ip', '[2001:db8::1]:443')).toEqual(['2001:db8::1']);
    expect(found(index, 'ip', '::ffff:198.51.100.9')).toEqual(['198.51.100.0/24']);
    expect(found(index, 'ip', '198.51.100.9:8443')).toEqual(['198.51.100.0/24']);
    expect(found(index, 'ip', '2001:db8:bae::1')).toEqual([]);
    expect(found(index, 'ip', '-')).toEqual([]);
  });

  it('matches a domain and its subdomains, never a name that only ends with the same letters', () => {
    const index = indexOf(['domain', 'evil.example'], ['domain', 'cdn.Good.example'], ['domain', '*.wild.example']);
    expect(found(index, 'domain', 'evil.example')).toEqual(['evil.example']);
    expect(found(index, 'domain', 'A.B.Evil.Example.')).toEqual(['evil.example']);
    expect(found(index, 'domain', 'notevil.example')).toEqual([]);
    expect(found(index, 'domain', 'example')).toEqual([]);
    expect(found(index, 'domain', 'good.example')).toEqual([]);
    expect(found(index, 'domain', 'x.cdn.good.example:443')).toEqual(['cdn.good.example']);
    expect(found(index, 'domain', 'a.wild.example')).toEqual(['wild.example']);
  });

  it('ignores case where Windows and DNS do, and only there', () => {
    const index = indexOf(
      ['sha256', 'AF89B5718829814AE1ECDEE3BA558FEED86834C4129C08EBF48946706B52F533'],
      ['file-name', 'Rclone.EXE'],
      ['registry-key', 'HKEY_LOCAL_MACHINE\\Software\\Qbot'],
      ['url', 'HTTP://Payload.Example:80/DL/Invoice.zip#frag'],
    );
    expect(found(index, 'sha256', 'af89b5718829814ae1ecdee3ba558feed86834c4129c08ebf48946706b52f533')).toHaveLength(1);
    expect(found(index, 'file-name', 'RCLONE.exe')).toEqual(['rclone.exe']);
    expect(found(index, 'registry-key', 'hklm\\SOFTWARE\\qbot')).toEqual(['hklm\\software\\qbot']);
    expect(found(index, 'registry-key', '\\REGISTRY\\MACHINE\\Software\\Qbot\\')).toEqual(['hklm\\software\\qbot']);
    expect(found(index, 'url', 'http://payload.example/DL/Invoice.zip')).toEqual([
      'http://payload.example/DL/Invoice.zip',
    ]);
    expect(found(index, 'url', 'http://PAYLOAD.example:80/DL/Invoice.zip#other')).toHaveLength(1);
    expect(found(index, 'url', 'http://payload.example/dl/invoice.zip')).toEqual([]);
    expect(found(index, 'url', 'https://payload.example/DL/Invoice.zip')).toEqual([]);
  });

  it('keeps hash types apart', () => {
    const index = indexOf(['md5', '44d88612fea8a8f36de82e1278abb02f'], ['imphash', 'f34d5f2d4577ed6d9ceec516c1f5a744']);
    expect(found(index, 'md5', '44D88612FEA8A8F36DE82E1278ABB02F')).toHaveLength(1);
    expect(found(index, 'imphash', '44d88612fea8a8f36de82e1278abb02f')).toEqual([]);
    expect(found(index, 'imphash', 'f34d5f2d4577ed6d9ceec516c1f5a744')).toHaveLength(1);
  });

  it('stops matching an indicator at its valid_until (caller-supplied now)', () => {
    const index = IndicatorIndex.from([
      indicator('domain', 'old-c2.example', { validUntil: '2021-07-01T00:00:00Z' }),
      indicator('ipv4', '203.0.113.0/24', { validUntil: '2021-07-01T00:00:00Z' }),
      indicator('domain', 'c2.example', { validFrom: '2030-01-01T00:00:00Z' }),
    ]);
    const before = Date.parse('2021-06-30T23:59:59Z');
    const at = Date.parse('2021-07-01T00:00:00Z');
    expect(found(index, 'domain', 'x.old-c2.example', before)).toEqual(['old-c2.example']);
    expect(found(index, 'domain', 'x.old-c2.example', at)).toEqual([]);
    expect(found(index, 'ip', '203.0.113.5', before)).toEqual(['203.0.113.0/24']);
    expect(found(index, 'ip', '203.0.113.5', NOW)).toEqual([]);
    // valid_from is not enforced: hunts look back at events from before an indicator was published.
    expect(found(index, 'domain', 'c2.example', NOW)).toEqual(['c2.example']);
  });

  it('leaves out indicators whose value does not fit their type, and counts the rest', () => {
    const index = new IndicatorIndex();
    expect(index.add(indicator('sha256', 'abc'))).toBe(false);
    expect(index.add(indicator('ipv4', '2001:db8::/32'))).toBe(true);
    expect(index.add(indicator('domain', 'evil.example'))).toBe(true);
    expect(index.stats()).toMatchObject({ ipv6: 1, domain: 1, sha256: 0, total: 2 });
    expect(index.size).toBe(2);
  });

  it('returns every indicator that shares a value', () => {
    const index = IndicatorIndex.from([
      indicator('domain', 'evil.example', { id: 'a' }),
      indicator('domain', 'evil.example', { id: 'b' }),
    ]);
    expect(index.lookup('domain', 'evil.example', NOW).map((i) => i.id)).toEqual(['a', 'b']);
  });
});

describe('PrefixTable', () => {
  it('holds networks of every length, single addresses included', async () => {
    const { PrefixTable } = await import('./prefix-table.js');
    const { parseNetwork } = await import('./ip.js');
    const table = new PrefixTable();
    const net = (text: string) => parseNetwork(text)!;
    for (const text of ['10.1.2.3/32', '10.1.2.0/24', '0.0.0.0/0'])
      table.add(net(text), { indicator: indicator('ipv4', text), until: Infinity });
    const out: Indicator[] = [];
    table.lookup(net('10.1.2.3').words, NOW, out);
    expect(out.map((i) => i.value)).toEqual(['10.1.2.3/32', '10.1.2.0/24', '0.0.0.0/0']);
    expect(table.size).toBe(3);
  });
});
