/**
 * Small HTTP abstraction shared by every fake host: a parsed request, a plain response object,
 * and encoding helpers. Handlers return a `FakeResponse` instead of writing to the socket, so the
 * Graph `$batch` endpoint can run inner requests through the very same handlers.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeRequest {
  method: string;
  /** Lower-case host name without port, from the Host header (or :authority). */
  host: string;
  url: URL;
  /** Decoded-once pathname (percent escapes kept; handlers decode segments themselves). */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  cookies: Record<string, string>;
  /** Set for requests executed inside a Graph JSON batch. */
  inBatch?: { batchRequestId: string; parentLogId: number };
  /** The Node objects, for page handlers that want to stream or write themselves. Absent inside a batch. */
  raw?: { req: IncomingMessage; res: ServerResponse };
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  /** A string or Buffer is sent as is; anything else is JSON-encoded. `undefined` sends no body. */
  body?: unknown;
}

/** Returned by a page handler that wrote the response itself through `req.raw.res`. */
export const HANDLED = Symbol('fake-cloud.handled');
export type HandlerResult = FakeResponse | typeof HANDLED | undefined | null | void;
export type FakeHandler = (req: FakeRequest) => HandlerResult | Promise<HandlerResult>;

export function header(req: FakeRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

export function bodyText(req: FakeRequest): string {
  return req.body.toString('utf8');
}

export function bodyForm(req: FakeRequest): URLSearchParams {
  return new URLSearchParams(bodyText(req));
}

/** Parses a JSON body; returns `undefined` when the body is empty, throws SyntaxError when malformed. */
export function bodyJson(req: FakeRequest): unknown {
  const text = bodyText(req).trim();
  if (!text) return undefined;
  return JSON.parse(text) as unknown;
}

export function parseCookies(cookieHeader: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!cookieHeader) return out;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in out)) out[name] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): FakeResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body };
}

export function html(status: number, body: string, headers: Record<string, string | string[]> = {}): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body,
  };
}

export function text(status: number, body: string, headers: Record<string, string | string[]> = {}): FakeResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

export function redirect(
  location: string,
  headers: Record<string, string | string[]> = {},
  status = 302,
): FakeResponse {
  return { status, headers: { location, 'cache-control': 'no-store', ...headers }, body: '' };
}

/** Serialises a FakeResponse body and fills in content-type/length. */
export function encodeBody(res: FakeResponse): {
  headers: Record<string, string | string[]>;
  payload: Buffer | undefined;
} {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = v;
  let payload: Buffer | undefined;
  if (res.body === undefined || res.body === null) payload = undefined;
  else if (Buffer.isBuffer(res.body)) payload = res.body;
  else if (typeof res.body === 'string') payload = Buffer.from(res.body, 'utf8');
  else {
    payload = Buffer.from(JSON.stringify(res.body), 'utf8');
    if (!headers['content-type']) headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (res.status === 204 || res.status === 304) payload = undefined;
  return { headers, payload };
}

// ---------------------------------------------------------------------------------------------
// Encodings and ids

export function b64url(data: Uint8Array | string): string {
  return Buffer.from(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

export function fromB64url(s: string): Buffer {
  return Buffer.from(s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), 'base64url');
}

/** .NET `HttpServerUtility.UrlTokenEncode`: base64url without padding plus the number of removed `=` (0, 1 or 2). */
export function urlTokenEncode(data: Uint8Array): string {
  const std = Buffer.from(data).toString('base64');
  const pad = std.length - std.replace(/=+$/, '').length;
  return std.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_') + String(pad);
}

export function randomGuid(): string {
  return guidFromBytes(randomBytes(16));
}

/** Formats 16 bytes as a version-4 style GUID (sets the version and variant bits). */
export function guidFromBytes(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A deterministic GUID derived from a name (stable across runs and user counts). */
export function nameGuid(...parts: string[]): string {
  return guidFromBytes(createHash('sha256').update(parts.join('\u0000')).digest());
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** ISO-8601 without milliseconds, as Graph prints most timestamps: 2024-06-13T11:26:35Z. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
