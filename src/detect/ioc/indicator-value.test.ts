import { describe, expect, it } from 'vitest';
import { registryCandidates } from './candidates.js';
import { checkIndicatorValue, inferIndicatorType } from './indicator-value.js';
import { formatNetwork, parseEventAddress, parseNetwork } from './ip.js';
import { normaliseDomain, normaliseRegistryKey, normaliseUrl, refang } from './normalise.js';

describe('indicator values', () => {
  it('normalises each type to one spelling', () => {
    expect(checkIndicatorValue('ipv4', '10.1.2.3/8')).toEqual({ ok: true, type: 'ipv4', value: '10.0.0.0/8' });
    expect(checkIndicatorValue('ipv6', '::ffff:192.0.2.1')).toEqual({ ok: true, type: 'ipv4', value: '192.0.2.1' });
    expect(checkIndicatorValue('ipv4', '2001:DB8:0:0:0:0:0:1/128')).toEqual({
      ok: true,
      type: 'ipv6',
      value: '2001:db8::1',
    });
    expect(checkIndicatorValue('domain', 'Evil[.]Example.')).toEqual({
      ok: true,
      type: 'domain',
      value: 'evil.example',
    });
    expect(checkIndicatorValue('domain', 'bücher.example')).toEqual({
      ok: true,
      type: 'domain',
      value: 'xn--bcher-kva.example',
    });
    expect(checkIndicatorValue('url', 'hxxps[:]//evil[.]example:443/a#b')).toEqual({
      ok: true,
      type: 'url',
      value: 'https://evil.example/a',
    });
    expect(checkIndicatorValue('file-name', '"Invoice.PDF.exe"')).toEqual({
      ok: true,
      type: 'file-name',
      value: 'invoice.pdf.exe',
    });
  });

  it('says why a value does not fit its type', () => {
    expect(checkIndicatorValue('sha1', 'abc')).toEqual({
      ok: false,
      reason: "'abc' is not a valid sha1 (expected 40 hex digits)",
      hint: undefined,
    });
    expect(checkIndicatorValue('ipv4', '10.0.0/8')).toMatchObject({ ok: false, hint: 'expected a.b.c.d or a.b.c.d/n' });
    expect(checkIndicatorValue('domain', 'localhost')).toMatchObject({
      ok: false,
      reason: "'localhost' is not a valid domain",
    });
    expect(checkIndicatorValue('registry-key', 'Software\\Run')).toMatchObject({ ok: false });
    expect(checkIndicatorValue('url', ' ')).toMatchObject({ ok: false, reason: 'the value is empty' });
    expect(checkIndicatorValue('url', `http://a.example/${'x'.repeat(9000)}`)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('longer than'),
    });
  });

  it('guesses types from the value alone', () => {
    const guesses = [
      'd41d8cd98f00b204e9800998ecf8427e',
      '10.0.0.1',
      '10.0.0.0/8',
      'fe80::1',
      'ftp://a.example/',
      'a.example/x.js',
      'HKCU\\Software',
      'run.ps1',
      'evil.example',
      'two words',
    ];
    expect(guesses.map(inferIndicatorType)).toEqual([
      'md5',
      'ipv4',
      'ipv4',
      'ipv6',
      'url',
      'url',
      'registry-key',
      'file-name',
      'domain',
      undefined,
    ]);
  });

  it('undoes defanging, normalises URLs and domains', () => {
    expect(refang('hxxp://a[.]b(.)c[dot]d')).toBe('http://a.b.c.d');
    expect(normaliseUrl('Evil.Example/a')).toBe('http://evil.example/a');
    expect(normaliseUrl('https://evil.example:8443/a')).toBe('https://evil.example:8443/a');
    expect(normaliseUrl('not a url')).toBeUndefined();
    expect(normaliseDomain('*.evil.example')).toBe('evil.example');
  });

  it('reads registry keys with every hive spelling', () => {
    expect(normaliseRegistryKey('HKEY_CURRENT_USER\\Software')).toBe('hkcu\\software');
    expect(normaliseRegistryKey('HKLM:\\Software\\\\X\\')).toBe('hklm\\software\\x');
    expect(normaliseRegistryKey('\\REGISTRY\\USER\\S-1-5-20\\Software')).toBe('hku\\s-1-5-20\\software');
    expect(normaliseRegistryKey('HKLM\\SYSTEM\\ControlSet002\\Services')).toBe(
      'hklm\\system\\currentcontrolset\\services',
    );
    expect(registryCandidates('HKU\\S-1-5-21-1-2-3-500_Classes\\CLSID\\{X}\\InprocServer32')).toEqual([
      'hku\\s-1-5-21-1-2-3-500_classes\\clsid\\{x}\\inprocserver32',
      'hkcu\\software\\classes\\clsid\\{x}\\inprocserver32',
      'hkcr\\clsid\\{x}\\inprocserver32',
      'hku\\s-1-5-21-1-2-3-500_classes\\clsid\\{x}',
      'hkcu\\software\\classes\\clsid\\{x}',
      'hkcr\\clsid\\{x}',
    ]);
    expect(registryCandidates('HKLM\\Software')).toEqual(['hklm\\software']);
  });

  it('prints addresses canonically and reads event addresses with ports and zones', () => {
    expect(formatNetwork(parseNetwork('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
    expect(formatNetwork(parseNetwork('0:0:0:0:0:0:0:0/0')!)).toBe('::/0');
    expect(formatNetwork(parseNetwork('2001:db8:1:2:3:4:5:6')!)).toBe('2001:db8:1:2:3:4:5:6');
    expect(parseEventAddress('[fe80::1%eth0]:22')?.family).toBe(6);
    expect(parseEventAddress('10.0.0.1:65535')?.words).toEqual([0x0a000001]);
    expect(parseEventAddress('10.0.0.0/8')).toBeUndefined();
  });
});
