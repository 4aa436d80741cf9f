/**
 * Base64 as Microsoft Graph writes it: base64url without padding (documented), standard base64 with
 * padding (seen in examples), and .NET UrlTokenEncode's "padding number suffix" (a trailing 0/1/2 that
 * says how many '=' were dropped). Pure: unit-tested.
 */
import { t } from '../i18n';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

/** Strict base64url decode (no padding, canonical trailing bits); null when the text is not valid. */
export function fromBase64urlStrict(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of s) {
    const v = LOOKUP.get(ch);
    if (v === undefined) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  if (bits && buffer & ((1 << bits) - 1)) return null; // non-zero leftover bits: not canonical
  return new Uint8Array(out);
}

const normalise = (s: string) => s.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Every plausible reading of an id: the plain decoding and, when the last character is a 0/1/2 whose
 * value fits the length, the padding-suffix decoding. Both go into excludeCredentials (extra entries are
 * harmless; a wrong single guess would silently fail to exclude and let a key overwrite its credential).
 */
export function decodeCandidates(input: string): Uint8Array[] {
  const s = normalise(input);
  const out: Uint8Array[] = [];
  const plain = fromBase64urlStrict(s);
  if (plain) out.push(plain);
  const last = s.at(-1);
  if (last === '0' || last === '1' || last === '2') {
    const body = s.slice(0, -1);
    const fits =
      (last === '0' && body.length % 4 === 0) ||
      (last === '1' && body.length % 4 === 3) ||
      (last === '2' && body.length % 4 === 2);
    const suffixed = fits ? fromBase64urlStrict(body) : null;
    if (suffixed && body.length > 0) out.push(suffixed);
  }
  return out;
}

/** One decoding (the plain one first); throws when nothing decodes. */
export function decodeTolerant(input: string): Uint8Array {
  const [first] = decodeCandidates(input);
  if (!first) throw new Error(t('errNotBase64', input.slice(0, 12)));
  return first;
}

/** Canonical base64url (no padding) for whatever encoding Graph used. */
export const canonicalBase64url = (input: string) => toBase64url(decodeTolerant(input));
