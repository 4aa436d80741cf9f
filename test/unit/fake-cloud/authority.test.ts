import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import {
  authorizeAndSignIn,
  authorizeUrl,
  decodeJwt,
  EXT_ORIGIN,
  formOf,
  fragmentOf,
  graph,
  LOGIN,
  pkce,
  REDIRECT,
  SCOPES,
  signIn,
  type TokenResponse,
} from './helpers.ts';

const TID = '7f3c9a4e-1d2b-4c5a-9e8f-0a1b2c3d4e5f';
const CLIENT = '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f';

describe('fake Entra authority', () => {
  let fake: FakeCloud;
  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 200 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('serves OpenID metadata for the tenant GUID, the domain and common, and CORS for the extension', async () => {
    for (const seg of [TID, 'contoso.onmicrosoft.com']) {
      const r = await fake.fetch(`${LOGIN}/${seg}/v2.0/.well-known/openid-configuration`, {
        headers: { origin: EXT_ORIGIN },
      });
      expect(r.status).toBe(200);
      expect(r.header('access-control-allow-origin')).toBe(EXT_ORIGIN);
      const c = r.json<Record<string, string>>();
      expect(c.issuer).toBe(`https://login.microsoftonline.com/${TID}/v2.0`);
      expect(c.authorization_endpoint).toBe(`https://login.microsoftonline.com/${TID}/oauth2/v2.0/authorize`);
      expect(c.token_endpoint).toBe(`https://login.microsoftonline.com/${TID}/oauth2/v2.0/token`);
      expect(c.end_session_endpoint).toContain('/oauth2/v2.0/logout');
    }
    const common = (await fake.fetch(`${LOGIN}/common/v2.0/.well-known/openid-configuration`)).json<
      Record<string, string>
    >();
    expect(common.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    const keys = (await fake.fetch(`${LOGIN}/${TID}/discovery/v2.0/keys`)).json<{
      keys: { kty: string; kid: string }[];
    }>();
    expect(keys.keys[0]!.kty).toBe('RSA');
    const disc = await fake.fetch(
      `${LOGIN}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${LOGIN}/${TID}/oauth2/v2.0/authorize`)}`,
    );
    expect(disc.json<{ tenant_discovery_endpoint: string }>().tenant_discovery_endpoint).toBe(
      `${LOGIN}/${TID}/v2.0/.well-known/openid-configuration`,
    );
    const bad = await fake.fetch(`${LOGIN}/nope.example/v2.0/.well-known/openid-configuration`);
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: string; error_codes: number[] }>()).toMatchObject({
      error: 'invalid_tenant',
      error_codes: [90002],
    });
    // The same authority answers on login.microsoft.com
    expect((await fake.fetch(`https://login.microsoft.com/${TID}/v2.0/.well-known/openid-configuration`)).status).toBe(
      200,
    );
  });

  it('shows error pages (no redirect) for an unknown client id or redirect URI', async () => {
    const { challenge } = pkce();
    const wrongClient = await fake.fetch(authorizeUrl({ challenge, clientId: '11111111-2222-3333-4444-555555555555' }));
    expect(wrongClient.status).toBe(200);
    expect(wrongClient.text).toContain('AADSTS700016');
    const wrongRedirect = await fake.fetch(authorizeUrl({ challenge, redirectUri: 'https://evil.example/' }));
    expect(wrongRedirect.header('location')).toBeUndefined();
    expect(wrongRedirect.text).toContain('AADSTS50011');
    expect(wrongRedirect.text).toContain('"iErrorCode":50011');
  });

  it('renders an Entra-like sign-in form with the hidden password trap, and errors in role=alert', async () => {
    const { challenge } = pkce();
    const page = await fake.fetch(authorizeUrl({ challenge, loginHint: 'adelev@contoso.onmicrosoft.com' }));
    const t = page.text;
    expect(t).toMatch(/<form name="f1" id="i0281"/);
    expect(t).toMatch(/<div id="loginHeader"[^>]*><div role="heading" aria-level="1"[^>]*>Sign in</);
    expect(t).toMatch(/<input type="email" name="loginfmt" id="i0116"[^>]*value="adelev@contoso.onmicrosoft.com"/s);
    expect(t).toMatch(
      /<input name="passwd" type="password" id="i0118"[^>]*moveOffScreen" tabindex="-1" aria-hidden="true">/,
    );
    expect(t).toMatch(/<input type="submit" id="idSIButton9"[^>]*value="Next"/);
    expect(t).toContain('"pgid":"ConvergedSignIn"');
    let f = formOf(t);
    const unknown = await fake.fetch(`${LOGIN}${f.action}`, {
      form: { ...f.fields, loginfmt: 'nobody@contoso.onmicrosoft.com' },
    });
    expect(unknown.text).toMatch(
      /<div role="alert" aria-live="assertive"><div id="usernameError"[^>]*>This username may be incorrect/,
    );
    f = formOf(unknown.text);
    const pwd = await fake.fetch(`${LOGIN}${f.action}`, {
      form: { ...f.fields, loginfmt: 'adelev@contoso.onmicrosoft.com' },
    });
    expect(pwd.text).toMatch(/role="heading" aria-level="1"[^>]*>Enter password</);
    expect(pwd.text).toMatch(/<input name="passwd" type="password" id="i0118"(?![^>]*moveOffScreen)/);
    expect(pwd.text).toMatch(/id="idSIButton9"[^>]*value="Sign in"/);
    f = formOf(pwd.text);
    const wrong = await fake.fetch(`${LOGIN}${f.action}`, { form: { ...f.fields, passwd: 'nope' } });
    expect(wrong.text).toMatch(/id="passwordError"[^>]*>Your account or password is incorrect/);
  });

  it('runs auth code + PKCE: code → tokens (Origin required) → refresh with rotation', async () => {
    const { verifier, challenge } = pkce();
    const { location, cookie } = await authorizeAndSignIn(fake, 'nestorw@contoso.onmicrosoft.com', {
      challenge,
      nonce: 'n-1',
    });
    expect(location.startsWith(`${REDIRECT}#`)).toBe(true);
    expect(cookie).toContain('ESTSAUTH=');
    const frag = fragmentOf(location);
    expect(frag.get('state')).toBe('st-123');
    expect(JSON.parse(Buffer.from(frag.get('client_info')!, 'base64url').toString())).toMatchObject({ utid: TID });
    expect(frag.get('session_state')).toBeTruthy();
    const form = {
      client_id: CLIENT,
      grant_type: 'authorization_code',
      code: frag.get('code')!,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      scope: SCOPES.join(' '),
    };
    const noOrigin = await fake.fetch(`${LOGIN}/${TID}/oauth2/v2.0/token`, { form });
    expect(noOrigin.status).toBe(400);
    const e = noOrigin.json<{
      error: string;
      error_codes: number[];
      error_description: string;
      trace_id: string;
      correlation_id: string;
    }>();
    expect(e.error_codes).toEqual([9002327]);
    expect(e.error_description).toMatch(/^AADSTS9002327: .* Trace ID: .* Correlation ID: .* Timestamp: /);
    const badVerifier = await fake.fetch(`${LOGIN}/${TID}/oauth2/v2.0/token`, {
      headers: { origin: EXT_ORIGIN },
      form: { ...form, code_verifier: 'x'.repeat(43) },
    });
    expect(badVerifier.json<{ error: string }>().error).toBe('invalid_grant');

    const good = await fake.fetch(`${LOGIN}/${TID}/oauth2/v2.0/token`, { headers: { origin: EXT_ORIGIN }, form });
    expect(good.status).toBe(200);
    expect(good.header('access-control-allow-origin')).toBe(EXT_ORIGIN);
    const tok = good.json<TokenResponse & { ext_expires_in: number }>();
    expect(tok).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
    expect(tok.scope.split(' ')).toEqual(
      expect.arrayContaining([
        'https://graph.microsoft.com/User.Read',
        'https://graph.microsoft.com/UserAuthenticationMethod.ReadWrite.All',
        'openid',
        'profile',
      ]),
    );
    expect(tok.refresh_token).toBeTruthy();
    const id = decodeJwt(tok.id_token!);
    expect(id).toMatchObject({
      aud: CLIENT,
      iss: `https://login.microsoftonline.com/${TID}/v2.0`,
      nonce: 'n-1',
      tid: TID,
      ver: '2.0',
      preferred_username: 'nestorw@contoso.onmicrosoft.com',
      name: 'Nestor Wilke',
    });
    expect(id.wids).toBeUndefined(); // only with the app's groupMembershipClaims
    expect(typeof id.login_hint).toBe('string');
    expect(JSON.parse(Buffer.from(tok.client_info, 'base64url').toString())).toEqual({ uid: id.oid, utid: TID });

    const me = await graph(fake, tok.access_token, '/v1.0/me');
    expect(me.json<{ userPrincipalName: string }>().userPrincipalName).toBe('nestorw@contoso.onmicrosoft.com');

    const reuse = await fake.fetch(`${LOGIN}/${TID}/oauth2/v2.0/token`, { headers: { origin: EXT_ORIGIN }, form });
    expect(reuse.json<{ error_codes: number[] }>().error_codes).toEqual([54005]);

    const refreshed = await fake.fetch(`${LOGIN}/${TID}/oauth2/v2.0/token`, {
      headers: { origin: EXT_ORIGIN },
      form: {
        client_id: CLIENT,
        grant_type: 'refresh_token',
        refresh_token: tok.refresh_token!,
        scope: SCOPES.join(' '),
      },
    });
    const tok2 = refreshed.json<TokenResponse>();
    expect(refreshed.status).toBe(200);
    expect(tok2.refresh_token).not.toBe(tok.refresh_token);
    expect(tok2.access_token).not.toBe(tok.access_token);
    expect((await graph(fake, tok2.access_token, '/v1.0/me')).status).toBe(200);
  });

  it('expires access tokens after the configured lifetime (Graph answers 401)', async () => {
    fake.config.tokenLifetimeSeconds = 60;
    try {
      const tok = await signIn(fake, 'nestorw@contoso.onmicrosoft.com');
      expect(tok.expires_in).toBe(60);
      fake.tenant.advanceTime(61_000);
      const r = await graph(fake, tok.access_token, '/v1.0/me');
      expect(r.status).toBe(401);
      expect(r.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'InvalidAuthenticationToken',
        message: 'Access token has expired or is not yet valid.',
      });
      const empty = await fake.fetch('https://graph.microsoft.com/v1.0/me');
      expect(empty.json<{ error: { message: string } }>().error.message).toBe('Access token is empty.');
    } finally {
      fake.config.tokenLifetimeSeconds = 3600;
    }
  });

  it('issues only consented scopes', async () => {
    const saved = [...fake.config.grantedScopes];
    fake.config.grantedScopes = saved.filter((s) => s !== 'Policy.Read.AuthenticationMethod');
    try {
      const tok = await signIn(fake, 'nestorw@contoso.onmicrosoft.com');
      expect(tok.scope).not.toContain('Policy.Read.AuthenticationMethod');
      const policy = await graph(
        fake,
        tok.access_token,
        '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2',
      );
      expect(policy.status).toBe(403);
      expect(policy.json<{ error: { code: string } }>().error.code).toBe('Authorization_RequestDenied');
    } finally {
      fake.config.grantedScopes = saved;
    }
  });

  it('shows the account picker for prompt=select_account, and signs in silently with prompt=none', async () => {
    const { challenge } = pkce();
    const { cookie } = await authorizeAndSignIn(fake, 'pattif@contoso.onmicrosoft.com', { challenge });
    const picker = await fake.fetch(authorizeUrl({ challenge, prompt: 'select_account' }), { headers: { cookie } });
    expect(picker.text).toMatch(/role="heading" aria-level="1"[^>]*>Pick an account</);
    expect(picker.text).toContain('data-test-id="pattif@contoso.onmicrosoft.com"');
    expect(picker.text).toMatch(/<div id="otherTile"[^>]*>[\s\S]*<div id="otherTileText"[^>]*>Use another account</);
    const f = formOf(picker.text);
    const picked = await fake.fetch(`${LOGIN}${f.action}`, {
      form: { ...f.fields, pick: 'pattif@contoso.onmicrosoft.com' },
      headers: { cookie },
    });
    expect(picked.status).toBe(302);
    expect(fragmentOf(picked.header('location')!).get('code')).toBeTruthy();

    const silent = await fake.fetch(authorizeUrl({ challenge, prompt: 'none' }), { headers: { cookie } });
    expect(fragmentOf(silent.header('location')!).get('code')).toBeTruthy();
    const noSession = await fake.fetch(authorizeUrl({ challenge, prompt: 'none' }));
    expect(fragmentOf(noSession.header('location')!).get('error')).toBe('login_required');
  });

  it('injects an authorize error and requires PKCE', async () => {
    const { challenge } = pkce();
    fake.config.authorizeError = {
      error: 'consent_required',
      description:
        "AADSTS65001: The user or administrator has not consented to use the application with ID '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f'.",
      times: 1,
    };
    const r = await fake.fetch(authorizeUrl({ challenge, state: 'abc' }));
    const frag = fragmentOf(r.header('location')!);
    expect(frag.get('error')).toBe('consent_required');
    expect(frag.get('error_description')).toMatch(/^AADSTS65001/);
    expect(frag.get('state')).toBe('abc');
    expect(fake.config.authorizeError).toBeNull();
    const noPkce = await fake.fetch(authorizeUrl({ challenge: '' }));
    expect(fragmentOf(noPkce.header('location')!).get('error')).toBe('invalid_request');
  });

  it('logs out: clears the session cookie and redirects', async () => {
    const r = await fake.fetch(
      `${LOGIN}/${TID}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(r.status).toBe(302);
    expect(r.header('location')).toBe(REDIRECT);
    expect(String(r.headers['set-cookie'])).toMatch(/ESTSAUTH=;.*expires=Thu, 01 Jan 1970/);
  });
});
