import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.js';

const SECRET = 'whsec_test_0123456789abcdef0123456789abcdef';
const BODY = '{"key":"P-1/a0001/forward/1"}';
const T = 1_767_225_600;

describe('webhook signatures', () => {
  it('verifies what it signs, over the exact bytes', () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, header, BODY, T + 10)).toEqual({ ok: true, timestamp: T });
    expect(verifySignature(SECRET, header, `${BODY} `, T)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature('another-secret', header, BODY, T)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses old or future timestamps, and malformed headers', () => {
    const header = signatureHeader(SECRET, T, BODY);
    expect(verifySignature(SECRET, header, BODY, T + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature(SECRET, header, BODY, T - 301)).toEqual({ ok: false, reason: 'stale' });
    for (const bad of [undefined, '', 'v1=abc', `t=${T}`, `t=x,v1=${'0'.repeat(64)}`]) expect(verifySignature(SECRET, bad, BODY, T)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const header = `${signatureHeader('old-secret', T, BODY)},v1=${signatureHeader(SECRET, T, BODY).split('v1=')[1] ?? ''}`;
    expect(verifySignature(SECRET, header, BODY, T).ok).toBe(true);
  });
});

describe('the example in README.md', () => {
  it('is what the scheme gives', () => {
    const body = '{"key":"INC-0001-P-2/a0003/forward/1","incidentId":"INC-0001","planId":"INC-0001-P-2","actionId":"a0003","direction":"forward","attempt":1,"operation":"isolate","target":{"kind":"host","ref":"tk-fs01","entity":"hik-hd"},"args":{"host":"tk-fs01"}}';
    expect(signatureHeader('example-secret-0123456789abcdef0123', 1_767_225_600, body)).toBe('t=1767225600,v1=061e6e0bfdffd803356bf7f5e1c7210e5a4a9ecc329b1f42b1c284ea14ec3711');
  });
});
