import { describe, expect, it } from 'vitest';
import { fixture, located, typed } from './ioc.testing.js';
import { parseMispEvent, parseMispManifest } from './misp.parser.js';

describe('parseMispEvent', () => {
  const text = fixture('misp-event.json');
  const result = parseMispEvent(text, { file: 'misp-event.json' });

  it('reads to_ids attributes of the event and of its objects', () => {
    expect(typed(result)).toEqual([
      'sha256 9f0354bc4b1eefc679a292c2e59a63093fe82c7b37162359375c3bcf5c8af2fd',
      'ipv4 198.51.100.77',
      'domain c2.qbot-misp.example',
      'ipv4 203.0.113.50',
      'url https://c2.qbot-misp.example/gate.php',
      'registry-key hkcu\\software\\microsoft\\windows\\currentversion\\run',
      'md5 37e1c56dffa930cbbde8c4dc18b125a0',
      'sha256 3e0d15eb00aa379ee003e761dc08a7e4228f4cae0e15294b2fcbb171d03743b8',
      'domain exfil.example',
    ]);
  });

  it('keeps the event info, the creator organisation, tags and composite parts', () => {
    expect(result.indicators[0]).toEqual({
      id: 'a0000000-0000-4000-8000-000000000001',
      type: 'sha256',
      value: '9f0354bc4b1eefc679a292c2e59a63093fe82c7b37162359375c3bcf5c8af2fd',
      pattern: 'sha256: 9f0354bc4b1eefc679a292c2e59a63093fe82c7b37162359375c3bcf5c8af2fd',
      name: 'Qbot to Black Basta intrusion',
      description: 'Cobalt Strike beacon',
      labels: ['tlp:amber', 'misp-galaxy:malpedia="QakBot"'],
      context: undefined,
      origin: {
        format: 'misp',
        file: 'misp-event.json',
        collection: 'e1f2a3b4-0000-4000-8000-000000000042',
        collectionName: 'Qbot to Black Basta intrusion',
        author: 'Hikari ISAC',
      },
    });
    const byValue = (value: string) => result.indicators.find((i) => i.value === value);
    expect(byValue('198.51.100.77')?.context).toBe('port: 443');
    expect(byValue('37e1c56dffa930cbbde8c4dc18b125a0')?.context).toBe('filename: svch0st.exe');
    expect(byValue('hkcu\\software\\microsoft\\windows\\currentversion\\run')?.context).toBe(
      'data: C:\\Users\\Public\\q.dll',
    );
    expect(byValue('exfil.example')).toMatchObject({
      context: 'object: domain-ip',
      labels: expect.arrayContaining(['kill-chain:exfiltration']),
    });
    expect(byValue('203.0.113.50')?.id).toBe(byValue('c2.qbot-misp.example')?.id);
  });

  it('reports to_ids attributes it cannot use at their JSON path', () => {
    expect(located(result)).toEqual([
      "Event.Attribute[8].type: a0000000-0000-4000-8000-000000000009: the attribute type 'email-src' cannot be matched on events; skipped",
      "Event.Attribute[9].value: a0000000-0000-4000-8000-000000000010: '999.1.1.1' is not an IP address or CIDR network; skipped",
      "Event.Attribute[11].value: a0000000-0000-4000-8000-000000000012: expected a 'ip-src|port' value with two parts separated by |; skipped",
    ]);
  });

  it('reads attributes without to_ids on request, still without noise about non-indicator types', () => {
    const all = parseMispEvent(text, { includeNonIds: true });
    expect(typed(all)).toEqual(expect.arrayContaining(['domain watering-hole.example', 'file-name black-basta.exe']));
    expect(typed(all)).toHaveLength(typed(result).length + 2);
    expect(all.problems).toHaveLength(3);
  });

  it('never reads deleted attributes', () => {
    expect(result.indicators.some((i) => i.type === 'sha1')).toBe(false);
    expect(parseMispEvent(text, { includeNonIds: true }).indicators.some((i) => i.type === 'sha1')).toBe(false);
  });

  it('reads REST search results and arrays of events', () => {
    const event = {
      info: 'x',
      Orgc: { name: 'Org' },
      Attribute: [{ type: 'domain', value: 'a.example', to_ids: '1' }],
    };
    expect(typed(parseMispEvent(JSON.stringify({ response: [{ Event: event }] })))).toEqual(['domain a.example']);
    const bad = parseMispEvent(
      JSON.stringify([{ Event: { ...event, Attribute: [{ type: 'url', value: 'not a url', to_ids: true }] } }]),
    );
    expect(located(bad)).toEqual([
      "[0].Event.Attribute[0].value: event:[0].Event.Attribute[0]: 'not a url' is not a valid url; skipped",
    ]);
  });

  it('rejects what is not a MISP event', () => {
    expect(located(parseMispEvent('{"type": "bundle"}'))).toEqual([': not a MISP event (expected {"Event": {...}})']);
    expect(located(parseMispEvent('nope'))[0]).toMatch(/^: not JSON/);
  });
});

describe('parseMispManifest', () => {
  it('lists the event uuids and reports keys that are not uuids', () => {
    const { events, problems } = parseMispManifest(fixture('misp-feed/manifest.json'), 'manifest.json');
    expect(events).toEqual(['f1f2a3b4-0000-4000-8000-000000000001', 'f1f2a3b4-0000-4000-8000-000000000002']);
    expect(problems).toEqual([
      { file: 'manifest.json', field: 'not-a-uuid', message: "'not-a-uuid' is not an event uuid; skipped" },
    ]);
  });
});
