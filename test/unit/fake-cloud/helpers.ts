/**
 * Helpers for the fake-cloud unit tests: a scripted browser-less sign-in (authorize → sign-in page →
 * code → token, with PKCE) and a software authenticator that produces WebAuthn registration responses.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { cbor } from '../../fake-cloud/tenant.ts';
import type { FakeCloud } from '../../fake-cloud/index.ts';

export const LOGIN = 'https://login.microsoftonline.com';
export const GRAPH = 'https://graph.microsoft.com';
export const EXT_ORIGIN = 'chrome-extension://kdiehgkbondhaclbppmifhjboclgficg';
export const REDIRECT = 'https://kdiehgkbondhaclbppmifhjboclgficg.chromiumapp.org/';
export const SCOPES = [
  'https://graph.microsoft.com/User.Read',
  'https://graph.microsoft.com/User.Read.All',
  'https://graph.microsoft.com/GroupMember.Read.All',
  'https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite.All',
  'https://graph.microsoft.com/Policy.Read.AuthenticationMethod',
  'openid',
  'profile',
  'offline_access',
];

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(p: {
  tenant?: string;
  clientId?: string;
  redirectUri?: string;
  challenge: string;
  state?: string;
  nonce?: string;
  prompt?: string;
  loginHint?: string;
  scopes?: string[];
}): string {
  const q = new URLSearchParams({
    client_id: p.clientId ?? '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f',
    response_type: 'code',
    redirect_uri: p.redirectUri ?? REDIRECT,
    scope: (p.scopes ?? SCOPES).join(' '),
    state: p.state ?? 'st-123',
    nonce: p.nonce ?? 'nonce-456',
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    response_mode: 'fragment',
    client_info: '1',
  });
  if (p.prompt) q.set('prompt', p.prompt);
  if (p.loginHint) q.set('login_hint', p.loginHint);
  return `${LOGIN}/${p.tenant ?? 'contoso.onmicrosoft.com'}/oauth2/v2.0/authorize?${q.toString()}`;
}

/** Reads the hidden inputs and the form action of a rendered sign-in page. */
export function formOf(htmlText: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(htmlText)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const fields: Record<string, string> = {};
  for (const m of htmlText.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return { action, fields };
}

export function fragmentOf(location: string): URLSearchParams {
  return new URLSearchParams(location.slice(location.indexOf('#') + 1));
}

export function decodeJwt(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

/** Runs authorize → username → password and returns the redirect (code, state…) plus the session cookie. */
export async function authorizeAndSignIn(
  fake: FakeCloud,
  upn: string,
  opts: { password?: string; scopes?: string[]; challenge: string; nonce?: string },
): Promise<{ location: string; cookie: string }> {
  const page = await fake.fetch(authorizeUrl({ challenge: opts.challenge, scopes: opts.scopes, nonce: opts.nonce }));
  if (page.status !== 200) throw new Error(`authorize ${page.status}: ${page.text.slice(0, 300)}`);
  let f = formOf(page.text);
  const afterUser = await fake.fetch(`${LOGIN}${f.action}`, { form: { ...f.fields, loginfmt: upn } });
  f = formOf(afterUser.text);
  const done = await fake.fetch(`${LOGIN}${f.action}`, { form: { ...f.fields, passwd: opts.password ?? 'Passw0rd!' } });
  if (done.status !== 302) throw new Error(`sign-in did not redirect: ${done.status} ${done.text.slice(0, 500)}`);
  const setCookie = done.headers['set-cookie'] ?? [];
  const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie]).map((c) => c.split(';')[0]).join('; ');
  return { location: done.header('location')!, cookie };
}

/** Full delegated sign-in: returns the token response. */
export async function signIn(
  fake: FakeCloud,
  upn: string,
  opts: { scopes?: string[]; password?: string } = {},
): Promise<TokenResponse> {
  const { verifier, challenge } = pkce();
  const { location } = await authorizeAndSignIn(fake, upn, { ...opts, challenge });
  const code = fragmentOf(location).get('code')!;
  const res = await fake.fetch(`${LOGIN}/contoso.onmicrosoft.com/oauth2/v2.0/token`, {
    headers: { origin: EXT_ORIGIN },
    form: {
      client_id: '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f',
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      scope: (opts.scopes ?? SCOPES).join(' '),
    },
  });
  if (res.status !== 200) throw new Error(`token ${res.status}: ${res.text}`);
  return res.json<TokenResponse>();
}

/** GET/POST/DELETE on Graph with a bearer token and the extension's Origin. */
export function graph(
  fake: FakeCloud,
  token: string,
  path: string,
  init: { method?: string; body?: object | string; headers?: Record<string, string> } = {},
) {
  return fake.fetch(`${GRAPH}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { authorization: `Bearer ${token}`, origin: EXT_ORIGIN, ...(init.headers ?? {}) },
    body: init.body,
  });
}

// ---------------------------------------------------------------------------------------------
// Software authenticator

export interface Attestation {
  id: string;
  clientDataJSON: string;
  attestationObject: string;
}

/**
 * Creates a credential the way a CTAP2 key would, for `navigator.credentials.create()` options from
 * Graph: packed self-attestation (or 'none'), ES256, UP+UV flags, the given AAGUID.
 */
export function createCredential(opts: {
  challenge: string;
  rpId?: string;
  origin?: string;
  aaguid?: string;
  fmt?: 'packed' | 'none';
  uv?: boolean;
  credentialIdLength?: number;
}): Attestation {
  const rpId = opts.rpId ?? 'login.microsoft.com';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = cbor.encode(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
  const credId = randomBytes(opts.credentialIdLength ?? 32);
  const aaguid = Buffer.from((opts.aaguid ?? '01020304-0506-0708-0102-030405060708').replace(/-/g, ''), 'hex');
  const flags = 0x01 | (opts.uv === false ? 0 : 0x04) | 0x40;
  const len = Buffer.alloc(2);
  len.writeUInt16BE(credId.length);
  const authData = Buffer.concat([
    createHash('sha256').update(rpId).digest(),
    Buffer.from([flags]),
    Buffer.alloc(4),
    aaguid,
    len,
    credId,
    cose,
  ]);
  const clientData = Buffer.from(
    JSON.stringify({
      type: 'webauthn.create',
      challenge: opts.challenge,
      origin: opts.origin ?? `https://${rpId}`,
      crossOrigin: false,
    }),
  );
  const fmt = opts.fmt ?? 'packed';
  const attStmt =
    fmt === 'packed'
      ? new Map<string, unknown>([
          ['alg', -7],
          [
            'sig',
            sign('sha256', Buffer.concat([authData, createHash('sha256').update(clientData).digest()]), privateKey),
          ],
        ])
      : new Map<string, unknown>();
  const attObj = cbor.encode(
    new Map<string, unknown>([
      ['fmt', fmt],
      ['attStmt', attStmt],
      ['authData', authData],
    ]),
  );
  return {
    id: credId.toString('base64url'),
    clientDataJSON: clientData.toString('base64url'),
    attestationObject: Buffer.from(attObj).toString('base64url'),
  };
}

/** The trimmed POST body DSInternals 3.x and the extension send. */
export function registrationBody(a: Attestation, displayName = 'YubiKey 5 NFC'): object {
  return {
    displayName,
    publicKeyCredential: {
      id: a.id,
      response: { clientDataJSON: a.clientDataJSON, attestationObject: a.attestationObject },
      clientExtensionResults: {},
    },
  };
}
