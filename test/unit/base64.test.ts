import { describe, expect, it } from 'vitest';
import {
  canonicalBase64url,
  decodeCandidates,
  decodeTolerant,
  fromBase64urlStrict,
  toBase64url,
} from '../../src/shared/webauthn/base64';

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff);
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');
/** .NET HttpServerUtility.UrlTokenEncode: base64url with the number of stripped '=' appended. */
const urlToken = (b: Uint8Array) => {
  const s = b64(b);
  const pad = s.length - s.replace(/=+$/, '').length;
  return s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') + String(pad);
};

describe('base64 for Graph', () => {
  it('round-trips base64url for every length remainder', () => {
    for (const n of [0, 1, 2, 3, 16, 31, 32, 33, 64]) {
      const b = bytes(n);
      expect(toBase64url(b)).toBe(b64url(b));
      expect(fromBase64urlStrict(b64url(b))).toEqual(b);
    }
  });

  it('accepts standard base64 with padding', () => {
    const b = bytes(32, 200);
    expect(decodeTolerant(b64(b))).toEqual(b);
    expect(decodeTolerant('TZ2KrDEawbrIGQsnheGZ/BG9Nfnb7blSGwQYMGyJIhM=')).toEqual(
      new Uint8Array(Buffer.from('TZ2KrDEawbrIGQsnheGZ/BG9Nfnb7blSGwQYMGyJIhM=', 'base64')),
    );
  });

  it('puts the true bytes among the candidates for the padding-number suffix, for all suffix values', () => {
    for (const n of [30, 31, 32, 33, 48, 64, 65]) {
      const b = bytes(n, n);
      const token = urlToken(b);
      const candidates = decodeCandidates(token).map((c) => toBase64url(c));
      expect(candidates).toContain(b64url(b));
    }
  });

  it('gives both readings when a suffix 1 also decodes plainly (the ambiguous case)', () => {
    // 32 bytes → 43 chars + "1" = 44 chars, which a lenient decoder reads as 33 wrong bytes
    const b = bytes(32, 3);
    const token = urlToken(b);
    expect(token.endsWith('1')).toBe(true);
    expect(decodeCandidates(token).length).toBeGreaterThanOrEqual(1);
    expect(decodeCandidates(token).map(toBase64url)).toContain(b64url(b));
  });

  it('refuses text that is not base64 at all', () => {
    expect(() => decodeTolerant('not base64!')).toThrow(/Not base64/);
    expect(decodeCandidates('a')).toEqual([]);
  });

  it('canonicalises any accepted form to base64url without padding', () => {
    const b = bytes(20);
    expect(canonicalBase64url(b64(b))).toBe(b64url(b));
    expect(canonicalBase64url(b64url(b))).toBe(b64url(b));
  });
});
