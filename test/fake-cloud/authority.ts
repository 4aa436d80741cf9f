/**
 * A Microsoft Entra authority on login.microsoftonline.com / login.microsoft.com, good enough for
 * MSAL.js v5 and for a hand-written auth-code + PKCE client: discovery, JWKS, authorize with a
 * server-rendered sign-in page, token (authorization_code, refresh_token), logout.
 */
import { createHash, generateKeyPair, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import {
  bodyForm,
  bodyJson,
  header,
  html,
  json,
  randomGuid,
  randomToken,
  redirect,
  escapeHtml,
  text,
  type FakeRequest,
  type FakeResponse,
} from './http.ts';
import { errorPageView, renderLoginPage } from './login-page.ts';
import { renderSignInView, type SignInViewName, type SignInViewOptions } from './pages/signin-views.ts';
import { stringsFor } from './pages/i18n.ts';
import { MEMBER_ROLE_TEMPLATE, type FakeTenant, type FakeUser } from './tenant.ts';

export const LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com'];
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const GUEST_ROLE_TEMPLATE = '10dae51f-b6af-4016-8d66-8c2a99b929b3';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const SESSION_COOKIE = 'ESTSAUTH';
const CODE_LIFETIME_MS = 10 * 60_000;
const FLOW_LIFETIME_MS = 60 * 60_000;

// ---------------------------------------------------------------------------------------------
// Types

export interface AuthFlow {
  id: string;
  host: string;
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'fragment' | 'query' | 'form_post';
  state?: string;
  nonce?: string;
  /** Raw scope strings as requested. */
  scopes: string[];
  codeChallenge: string;
  codeChallengeMethod: string;
  prompt?: string;
  loginHint?: string;
  /** Set after the username step. */
  userId?: string;
  /** How the user authenticated (amr), set when credentials are verified. */
  amr?: string[];
  createdMs: number;
  /** Scratch space for the fake pages (interrupt flags, …). */
  data: Record<string, unknown>;
}

interface AuthCode {
  code: string;
  flow: AuthFlow;
  userId: string;
  sessionId: string;
  amr: string[];
  authTimeMs: number;
  expiresMs: number;
  redeemed: boolean;
}

interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  sessionId: string;
  /** Raw scopes requested at sign-in (used when a refresh doesn't name scopes). */
  scopes: string[];
  amr: string[];
  authTimeMs: number;
  issuedMs: number;
  /** SPA refresh tokens have a fixed lifetime from the original sign-in. */
  expiresMs: number;
  revoked: boolean;
}

export interface LoginSession {
  id: string;
  /** Signed-in user ids, most recent first. */
  userIds: string[];
  /** amr of each user's last interactive sign-in (silent SSO reuses it). */
  amr: Record<string, string[]>;
  createdMs: number;
  /** "Stay signed in?" answered Yes: the cookie is persistent. */
  persistent?: boolean;
}

/** A client other than the configured app registration that the authority accepts (first-party apps such as My Sign-ins). */
export interface FirstPartyClient {
  clientId: string;
  name: string;
  redirectUris: string[];
}

/** How the sign-in views look and which optional views appear; the fake pages replace the defaults. */
export interface SignInUi {
  /** Locale, style and string overrides for every sign-in view. */
  viewOptions(flow?: AuthFlow): Pick<SignInViewOptions, 'locale' | 'style' | 'texts' | 'look'>;
  /** Show "Stay signed in?" after the credentials. */
  kmsi(flow: AuthFlow, user: FakeUser): boolean;
  /** Show "Use your Temporary Access Pass instead" on the password view. */
  tapLink(flow: AuthFlow, user: FakeUser): boolean;
}

/** Context given to sign-in hooks (the later TAP view plugs in here). */
export interface SignInContext {
  req: FakeRequest;
  flow: AuthFlow;
  user: FakeUser;
  tenant: FakeTenant;
  /** Finishes the sign-in at once: session cookie, authorization code, redirect to the client. */
  complete(amr?: string[]): FakeResponse;
  /** Credentials verified: runs the afterCredentials interrupts, then "Stay signed in?" (if on), then complete(). */
  finish(amr?: string[]): FakeResponse;
}

export interface SignInHooks {
  /**
   * Called after the username step found a user, before the password view is shown. Return a response
   * (e.g. the "Enter Temporary Access Pass" view) to take over, or undefined to continue with the password view.
   */
  afterUsername: ((ctx: SignInContext) => FakeResponse | undefined)[];
  /**
   * Called for POST /{tenant}/login whose `fcView` field is not one of the built-in views
   * (username, password, picker, kmsi). Return a response to handle it.
   */
  customView: ((ctx: SignInContext & { view: string; form: URLSearchParams }) => FakeResponse | undefined)[];
  /**
   * Called by finish() after the credentials were verified, before "Stay signed in?". Return an interrupt page
   * (e.g. "More information required") to take over; the interrupt later calls ctx.finish() again.
   */
  afterCredentials: ((ctx: SignInContext & { amr: string[] }) => FakeResponse | undefined)[];
  /** Called when /oauth2/v2.0/logout ends a login session, with the ids of its users. */
  onLogout: ((userIds: string[]) => void)[];
}

interface ParsedScopes {
  oidc: string[];
  graph: { raw: string; short: string }[];
  invalid: string[];
  defaultScope: boolean;
}

// ---------------------------------------------------------------------------------------------

export async function createSigningKey(): Promise<{ privateKey: KeyObject; jwk: JsonWebKey; kid: string }> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha1').update(`${jwk.n}`).digest('base64url').slice(0, 27);
  return { privateKey, jwk, kid };
}

export function signJwt(
  payload: Record<string, unknown>,
  key: { privateKey: KeyObject; kid: string },
  extraHeader: Record<string, unknown> = {},
): string {
  const head = Buffer.from(
    JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: key.kid, kid: key.kid, ...extraHeader }),
  ).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = cryptoSign('sha256', Buffer.from(`${head}.${body}`), key.privateKey).toString('base64url');
  return `${head}.${body}.${sig}`;
}

function tsAad(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

export class Authority {
  readonly flows = new Map<string, AuthFlow>();
  readonly codes = new Map<string, AuthCode>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly sessions = new Map<string, LoginSession>();
  readonly hooks: SignInHooks = { afterUsername: [], customView: [], afterCredentials: [], onLogout: [] };
  /** First-party clients accepted besides config.clientId (My Sign-ins registers itself here). */
  readonly firstPartyClients = new Map<string, FirstPartyClient>();
  /** Users who ticked "Don't show this again" on "Stay signed in?". */
  readonly kmsiSuppressed = new Set<string>();
  /** How many times a sign-out asked which account (no usable logout_hint, several accounts). */
  logoutPrompts = 0;
  ui: SignInUi = {
    viewOptions: () => ({}),
    kmsi: () => this.t.config.showKmsi,
    tapLink: () => false,
  };

  constructor(
    readonly tenant: FakeTenant,
    readonly key: { privateKey: KeyObject; jwk: JsonWebKey; kid: string },
  ) {}

  private get t(): FakeTenant {
    return this.tenant;
  }

  clearSessions(): void {
    this.sessions.clear();
    this.kmsiSuppressed.clear();
  }

  registerClient(client: FirstPartyClient): void {
    this.firstPartyClients.set(client.clientId.toLowerCase(), client);
  }

  // --- helpers -------------------------------------------------------------------------------

  private issuer(): string {
    return `https://login.microsoftonline.com/${this.t.tenantId}/v2.0`;
  }

  /** 'tenant' for our GUID/domain, 'multi' for common/organizations, undefined when unknown. */
  resolveTenant(seg: string): 'tenant' | 'multi' | undefined {
    const s = seg.toLowerCase();
    if (s === this.t.tenantId || s === this.t.domain) return 'tenant';
    if (s === 'common' || s === 'organizations') return 'multi';
    return undefined;
  }

  private cors(req: FakeRequest, extra: Record<string, string> = {}): Record<string, string> {
    const origin = header(req, 'origin');
    return {
      'access-control-allow-origin': origin ?? '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-expose-headers': 'x-ms-request-id, client-request-id, x-ms-clitelem',
      ...(origin ? { vary: 'Origin' } : {}),
      ...extra,
    };
  }

  private common(req: FakeRequest, requestId = randomGuid()): Record<string, string> {
    return {
      'x-ms-request-id': requestId,
      'x-ms-ests-server': '2.1.19999.8 - WEULR1 ProdSlices',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'cache-control': 'no-store, no-cache',
      pragma: 'no-cache',
      ...this.cors(req),
    };
  }

  /** Entra's token-endpoint error envelope. */
  aadError(
    req: FakeRequest,
    status: number,
    error: string,
    code: number,
    message: string,
    correlationId?: string,
  ): FakeResponse {
    const trace = randomGuid();
    const corr =
      correlationId ?? header(req, 'client-request-id') ?? req.query.get('client-request-id') ?? randomGuid();
    const now = this.t.now();
    const ts = tsAad(now);
    return json(
      status,
      {
        error,
        error_description: `AADSTS${code}: ${message} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
        error_codes: [code],
        timestamp: ts,
        trace_id: trace,
        correlation_id: corr,
        error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      },
      this.common(req, trace),
    );
  }

  private errorPage(req: FakeRequest, code: number, message: string): FakeResponse {
    const requestId = randomGuid();
    const correlationId = req.query.get('client-request-id') ?? randomGuid();
    const timestamp = new Date(this.t.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return html(
      200,
      renderLoginPage({
        title: 'Sign in',
        viewId: 'error',
        body: errorPageView({ code, message, requestId, correlationId, timestamp }),
        config: {
          pgid: 'ConvergedError',
          iErrorCode: code,
          strServiceExceptionMessage: `AADSTS${code}: ${message}`,
          sessionId: requestId,
        },
      }),
      { 'x-ms-request-id': requestId },
    );
  }

  parseScopes(raw: string[]): ParsedScopes {
    const out: ParsedScopes = { oidc: [], graph: [], invalid: [], defaultScope: false };
    for (const s of raw) {
      if (!s) continue;
      const lower = s.toLowerCase();
      if (OIDC_SCOPES.has(lower)) {
        out.oidc.push(lower);
        continue;
      }
      let short: string | undefined;
      for (const prefix of [`${GRAPH_RESOURCE}/`, `${GRAPH_RESOURCE.replace('https://', '')}/`, `${GRAPH_APP_ID}/`]) {
        if (lower.startsWith(prefix)) short = s.slice(prefix.length);
      }
      if (short === undefined && !s.includes('/') && !s.includes(':')) short = s;
      if (short === undefined || short === '') {
        out.invalid.push(s);
        continue;
      }
      if (short === '.default') out.defaultScope = true;
      else out.graph.push({ raw: s, short });
    }
    return out;
  }

  /** Scopes that end up in the access token: requested ∩ granted (or all granted for .default). */
  private tokenScopes(p: ParsedScopes): { short: string[]; display: string[] } {
    const granted = this.t.config.grantedScopes;
    const isGranted = (s: string) => granted.find((g) => g.toLowerCase() === s.toLowerCase());
    const short: string[] = [];
    const display: string[] = [];
    if (p.defaultScope) {
      for (const g of granted) {
        short.push(g);
        display.push(this.t.config.scopeFormat === 'short' ? g : `${GRAPH_RESOURCE}/${g}`);
      }
    }
    for (const g of p.graph) {
      const match = isGranted(g.short);
      if (!match || short.includes(match)) continue;
      short.push(match);
      display.push(this.t.config.scopeFormat === 'short' ? match : g.raw);
    }
    if (!p.graph.length && !p.defaultScope && isGranted('User.Read')) {
      short.push('User.Read');
      display.push('User.Read');
    }
    for (const o of p.oidc) if (o !== 'offline_access') display.push(o);
    return { short, display };
  }

  private consentMissing(p: ParsedScopes): boolean {
    if (p.defaultScope || !p.graph.length) return false;
    const granted = new Set(this.t.config.grantedScopes.map((g) => g.toLowerCase()));
    return !p.graph.some((g) => granted.has(g.short.toLowerCase()));
  }

  // --- routing -------------------------------------------------------------------------------

  async handle(req: FakeRequest): Promise<FakeResponse | undefined> {
    if (req.method === 'OPTIONS') {
      return {
        status: 200,
        headers: {
          ...this.cors(req),
          'access-control-allow-headers': header(req, 'access-control-request-headers') ?? 'content-type',
          'access-control-max-age': '86400',
        },
        body: '',
      };
    }
    if (req.path === '/favicon.ico') return { status: 204, headers: { 'cache-control': 'max-age=86400' } };
    if (req.path === '/robots.txt')
      return text(200, 'User-agent: *\nDisallow: /', { 'cache-control': 'max-age=86400' });
    const segs = req.path.split('/').filter(Boolean).map(safeDecode);
    const [t0, ...rest] = segs;
    if (!t0) return undefined;
    const tail = rest.join('/').toLowerCase();

    if (t0.toLowerCase() === 'common' && tail === 'discovery/instance' && req.method === 'GET')
      return this.instanceDiscovery(req);
    if (t0.toLowerCase() === 'common' && tail === 'getcredentialtype' && req.method === 'POST')
      return this.getCredentialType(req);

    const known = [
      'v2.0/.well-known/openid-configuration',
      '.well-known/openid-configuration',
      'discovery/v2.0/keys',
      'discovery/keys',
      'oauth2/v2.0/authorize',
      'oauth2/v2.0/token',
      'oauth2/v2.0/logout',
      'login',
      'kmsi',
    ];
    if (!known.includes(tail)) return undefined;
    const kind = this.resolveTenant(t0);
    if (!kind) {
      const msg = `Tenant '${t0}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
      if (tail === 'oauth2/v2.0/authorize' || tail === 'login') return this.errorPage(req, 90002, msg);
      return this.aadError(req, 400, 'invalid_tenant', 90002, msg);
    }
    switch (tail) {
      case 'v2.0/.well-known/openid-configuration':
      case '.well-known/openid-configuration':
        return json(200, this.openidConfiguration(t0), this.common(req));
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        return json(200, this.jwks(), this.common(req));
      case 'oauth2/v2.0/authorize':
        return this.authorize(req, t0);
      case 'oauth2/v2.0/token':
        if (req.method !== 'POST')
          return this.aadError(
            req,
            400,
            'invalid_request',
            900561,
            'The endpoint only accepts POST requests. Received a GET request.',
          );
        return this.token(req);
      case 'oauth2/v2.0/logout':
        return this.logout(req);
      case 'login':
        if (req.method !== 'POST')
          return this.errorPage(
            req,
            900561,
            'The endpoint only accepts POST, OPTIONS requests. Received a GET request.',
          );
        return this.loginPost(req);
      case 'kmsi':
        return this.loginPost(req);
    }
    return undefined;
  }

  // --- metadata ------------------------------------------------------------------------------

  instanceDiscovery(req: FakeRequest): FakeResponse {
    const authEndpoint =
      req.query.get('authorization_endpoint') ?? `https://login.microsoftonline.com/common/oauth2/v2.0/authorize`;
    let tenantSeg = 'common';
    try {
      tenantSeg = new URL(authEndpoint).pathname.split('/').filter(Boolean)[0] ?? 'common';
    } catch {
      /* keep common */
    }
    return json(
      200,
      {
        tenant_discovery_endpoint: `https://login.microsoftonline.com/${tenantSeg}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          {
            preferred_network: 'login.microsoftonline.com',
            preferred_cache: 'login.windows.net',
            aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
          },
          {
            preferred_network: 'login.partner.microsoftonline.cn',
            preferred_cache: 'login.partner.microsoftonline.cn',
            aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'],
          },
          {
            preferred_network: 'login.microsoftonline.us',
            preferred_cache: 'login.microsoftonline.us',
            aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'],
          },
        ],
      },
      this.common(req),
    );
  }

  openidConfiguration(tenantSeg: string): Record<string, unknown> {
    const kind = this.resolveTenant(tenantSeg);
    const seg = kind === 'tenant' ? this.t.tenantId : tenantSeg.toLowerCase();
    const base = `https://login.microsoftonline.com/${seg}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: kind === 'tenant' ? this.issuer() : 'https://login.microsoftonline.com/{tenantid}/v2.0',
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  }

  jwks(): Record<string, unknown> {
    const { n, e } = this.key.jwk;
    return {
      keys: [
        {
          kty: 'RSA',
          use: 'sig',
          kid: this.key.kid,
          x5t: this.key.kid,
          n,
          e,
          cloud_instance_name: 'microsoftonline.com',
          issuer: this.issuer(),
        },
      ],
    };
  }

  // --- authorize -----------------------------------------------------------------------------

  private authorize(req: FakeRequest, tenantSeg: string): FakeResponse {
    const q = req.method === 'POST' ? bodyForm(req) : req.query;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? undefined;
    if (!clientId)
      return this.errorPage(req, 900144, "The request body must contain the following parameter: 'client_id'.");
    const firstParty = this.firstPartyClients.get(clientId.toLowerCase());
    if (!firstParty && clientId.toLowerCase() !== this.t.config.clientId.toLowerCase())
      return this.errorPage(
        req,
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.t.organizationName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    const allowedRedirects = firstParty ? firstParty.redirectUris : this.t.config.redirectUris;
    if (!redirectUri || !allowedRedirects.includes(redirectUri))
      return this.errorPage(
        req,
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
      );
    const responseMode = (q.get('response_mode') ?? 'fragment') as AuthFlow['responseMode'];
    const flow: AuthFlow = {
      id: randomToken(24),
      host: req.host,
      tenantSegment: tenantSeg,
      clientId,
      redirectUri,
      responseMode: ['fragment', 'query', 'form_post'].includes(responseMode) ? responseMode : 'fragment',
      state,
      nonce: q.get('nonce') ?? undefined,
      scopes: (q.get('scope') ?? '').split(/\s+/).filter(Boolean),
      codeChallenge: q.get('code_challenge') ?? '',
      codeChallengeMethod: q.get('code_challenge_method') ?? 'plain',
      prompt: q.get('prompt') ?? undefined,
      loginHint: q.get('login_hint') ?? undefined,
      createdMs: this.t.now(),
      // the UI language the client asked for (`mkt=en-US`, or `lc=1033`); the fake pages decide whether to honour it
      data: { requestedLocale: q.get('mkt') ?? q.get('lc') ?? undefined },
    };
    if ((q.get('response_type') ?? '') !== 'code')
      return this.redirectError(
        req,
        flow,
        'unsupported_response_type',
        700054,
        `response_type '${q.get('response_type') ?? ''}' is not enabled for the application.`,
      );
    if (!flow.codeChallenge)
      return this.redirectError(
        req,
        flow,
        'invalid_request',
        9002325,
        'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
      );
    if (flow.codeChallengeMethod !== 'S256')
      return this.redirectError(
        req,
        flow,
        'invalid_request',
        9002325,
        `Proof Key for Code Exchange with code_challenge_method '${flow.codeChallengeMethod}' is not accepted for this application; use S256.`,
      );
    // First-party clients ask for their own resources; only the app registration's Graph scopes are checked.
    const parsed = firstParty ? this.parseScopes([]) : this.parseScopes(flow.scopes);
    if (parsed.invalid.length)
      return this.redirectError(
        req,
        flow,
        'invalid_resource',
        500011,
        `The resource principal named ${parsed.invalid[0]} was not found in the tenant named ${this.t.organizationName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    const fault = this.t.config.authorizeError;
    if (fault) {
      if (fault.times !== undefined) {
        fault.times--;
        if (fault.times <= 0) this.t.config.authorizeError = null;
      }
      return this.redirectRaw(flow, { error: fault.error, error_description: fault.description });
    }
    if (this.consentMissing(parsed))
      return this.redirectError(
        req,
        flow,
        'consent_required',
        65001,
        `The user or administrator has not consented to use the application with ID '${clientId}' named '${this.t.config.appDisplayName}'. Send an interactive authorization request for this user and resource.`,
      );

    this.gcFlows();
    this.flows.set(flow.id, flow);
    const session = this.sessionOf(req);
    const sessionUsers = (session?.userIds ?? [])
      .map((id) => this.t.findUser(id))
      .filter((u): u is FakeUser => !!u && u.accountEnabled);
    const hint = flow.loginHint?.toLowerCase();
    const hinted = hint
      ? sessionUsers.find((u) => u.userPrincipalName.toLowerCase() === hint || u.mail?.toLowerCase() === hint)
      : undefined;

    if (flow.prompt === 'none') {
      if (!sessionUsers.length)
        return this.redirectError(
          req,
          flow,
          'login_required',
          50058,
          'A silent sign-in request was sent but no user is signed in.',
        );
      const u = hint ? hinted : sessionUsers.length === 1 ? sessionUsers[0] : undefined;
      if (!u)
        return this.redirectError(
          req,
          flow,
          'interaction_required',
          hint ? 50058 : 16000,
          hint
            ? 'A silent sign-in request was sent but none of the currently signed in user(s) match the requested login hint.'
            : 'Either multiple user identities are available for the current request or selected account is not supported for the scenario.',
        );
      return this.complete(req, flow, u, session?.amr[u.id] ?? ['pwd'], session);
    }
    if (flow.prompt === 'select_account' && sessionUsers.length) return this.renderPicker(flow, sessionUsers);
    if (flow.prompt !== 'login' && flow.prompt !== 'select_account') {
      const u = hint ? hinted : sessionUsers.length === 1 ? sessionUsers[0] : undefined;
      if (u) return this.complete(req, flow, u, session?.amr[u.id] ?? ['pwd'], session);
      if (!hint && sessionUsers.length > 1) return this.renderPicker(flow, sessionUsers);
    }
    return this.renderUsername(flow, flow.loginHint ?? '');
  }

  private redirectError(req: FakeRequest, flow: AuthFlow, error: string, code: number, message: string): FakeResponse {
    const trace = randomGuid();
    const corr = req.query.get('client-request-id') ?? randomGuid();
    const desc = `AADSTS${code}: ${message}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${corr}\r\nTimestamp: ${tsAad(this.t.now())}`;
    return this.redirectRaw(flow, {
      error,
      error_description: desc,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    });
  }

  private redirectRaw(flow: AuthFlow, params: Record<string, string>): FakeResponse {
    const p = new URLSearchParams(params);
    if (flow.state !== undefined) p.set('state', flow.state);
    return this.toClient(flow, p);
  }

  private toClient(flow: AuthFlow, params: URLSearchParams): FakeResponse {
    if (flow.responseMode === 'form_post') {
      const inputs = [...params]
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
        .join('');
      return html(
        200,
        `<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(flow.redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form><script>document.forms[0].submit()</script></body></html>`,
      );
    }
    const sep = flow.responseMode === 'query' ? (flow.redirectUri.includes('?') ? '&' : '?') : '#';
    // An origin-only redirect URI (https://mysignins.microsoft.com) comes back as https://host/#code=…, as browsers show it.
    const base = /^https:\/\/[^/?#]+$/i.test(flow.redirectUri) ? `${flow.redirectUri}/` : flow.redirectUri;
    return redirect(`${base}${sep}${params.toString()}`);
  }

  // --- sign-in pages -------------------------------------------------------------------------

  private action(flow: AuthFlow): string {
    return `/${flow.tenantSegment}/login`;
  }

  /** Hidden inputs every sign-in view posts back (flow token, view marker). */
  hiddenFields(flow: AuthFlow, view: string): Record<string, string> {
    return {
      ctx: flow.id,
      flowToken: flow.id,
      canary: randomToken(16),
      fcView: view,
      i19: '12345',
      type: '11',
      LoginOptions: '3',
    };
  }

  pageConfig(flow: AuthFlow, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      pgid: 'ConvergedSignIn',
      sFT: flow.id,
      sCtx: flow.id,
      canary: randomToken(16),
      urlPost: this.action(flow),
      ...extra,
    };
  }

  /** Renders a sign-in view for a flow: action, hidden fields, `$Config`, locale and style filled in. */
  renderView(
    flow: AuthFlow,
    view: SignInViewName,
    o: SignInViewOptions = {},
    extraConfig: Record<string, unknown> = {},
  ): FakeResponse {
    const fcView = view === 'proofUp' ? 'proofup' : view === 'conditionalAccess' ? 'ca' : view;
    return html(
      200,
      renderSignInView(view, {
        ...this.ui.viewOptions(flow),
        action: view === 'kmsi' ? `/${flow.tenantSegment}/kmsi` : this.action(flow),
        hidden: this.hiddenFields(flow, fcView),
        config: this.pageConfig(flow, extraConfig),
        ...o,
      }),
    );
  }

  renderUsername(flow: AuthFlow, value: string, error?: string): FakeResponse {
    return this.renderView(flow, 'username', { value, error }, error ? { iErrorCode: 50034 } : {});
  }

  renderPassword(flow: AuthFlow, user: FakeUser, error?: string, errorCode?: number): FakeResponse {
    return this.renderView(
      flow,
      'password',
      { upn: user.userPrincipalName, error, tapLink: this.ui.tapLink(flow, user) },
      errorCode ? { iErrorCode: errorCode } : {},
    );
  }

  private renderPicker(flow: AuthFlow, users: FakeUser[]): FakeResponse {
    this.flows.set(flow.id, flow);
    return this.renderView(flow, 'picker', {
      accounts: users.map((u) => ({ upn: u.userPrincipalName, displayName: u.displayName })),
    });
  }

  private renderKmsi(flow: AuthFlow): FakeResponse {
    return this.renderView(flow, 'kmsi');
  }

  /** The strings of the active locale (for error texts). */
  private str() {
    return stringsFor(this.ui.viewOptions().locale ?? 'en', this.ui.viewOptions().texts ?? {});
  }

  /** Finds the account for a typed username: UPN, or mail (guests sign in with their home address). */
  findLoginUser(name: string): FakeUser | undefined {
    const n = name.trim().toLowerCase();
    if (!n) return undefined;
    return this.t.findUser(n) ?? this.t.users.find((u) => u.mail?.toLowerCase() === n);
  }

  private ctx(req: FakeRequest, flow: AuthFlow, user: FakeUser): SignInContext {
    return {
      req,
      flow,
      user,
      tenant: this.t,
      complete: (amr = ['pwd']) => this.complete(req, flow, user, amr, this.sessionOf(req)),
      finish: (amr = ['pwd']) => this.finish(req, flow, user, amr),
    };
  }

  /** Credentials verified: interrupts (hooks.afterCredentials), then "Stay signed in?", then the redirect. */
  finish(req: FakeRequest, flow: AuthFlow, user: FakeUser, amr: string[]): FakeResponse {
    flow.amr = amr;
    for (const hook of this.hooks.afterCredentials) {
      const r = hook({ ...this.ctx(req, flow, user), amr });
      if (r) return r;
    }
    if (this.ui.kmsi(flow, user) && !this.kmsiSuppressed.has(user.id)) return this.renderKmsi(flow);
    return this.complete(req, flow, user, amr, this.sessionOf(req));
  }

  private loginPost(req: FakeRequest): FakeResponse {
    const form = bodyForm(req);
    const flow = this.flows.get(form.get('ctx') ?? form.get('flowToken') ?? '');
    if (!flow || this.t.now() - flow.createdMs > FLOW_LIFETIME_MS)
      return this.errorPage(
        req,
        50058,
        'Your sign-in session has expired or is invalid. Go back to the application and sign in again.',
      );
    const view = form.get('fcView') ?? 'username';
    const user = flow.userId ? this.t.findUser(flow.userId) : undefined;

    if (form.get('action') === 'back') {
      flow.userId = undefined;
      return this.renderUsername(flow, user?.userPrincipalName ?? '');
    }
    const switchTo = form.get('switchTo') ?? '';
    if (switchTo === 'otherAccount') {
      flow.userId = undefined;
      flow.amr = undefined;
      return this.renderUsername(flow, '');
    }
    if (switchTo === 'password' && user) return this.renderPassword(flow, user);
    if (switchTo && user)
      for (const hook of this.hooks.customView) {
        const r = hook({ ...this.ctx(req, flow, user), view: switchTo, form });
        if (r) return r;
      }
    switch (view) {
      case 'picker': {
        const pick = form.get('pick') ?? 'other';
        if (pick === 'other' || !pick) return this.renderUsername(flow, '');
        const session = this.sessionOf(req);
        const u = this.findLoginUser(pick);
        if (u && session?.userIds.includes(u.id) && u.accountEnabled)
          return this.complete(req, flow, u, ['pwd'], session);
        if (u) {
          flow.userId = u.id;
          return this.renderPassword(flow, u);
        }
        return this.renderUsername(flow, pick);
      }
      case 'username': {
        const name = (form.get('loginfmt') ?? '').trim();
        if (!name) return this.renderUsername(flow, '', this.str().usernameEmpty);
        const u = this.findLoginUser(name);
        if (!u) return this.renderUsername(flow, name, this.str().usernameUnknown);
        flow.userId = u.id;
        for (const hook of this.hooks.afterUsername) {
          const r = hook(this.ctx(req, flow, u));
          if (r) return r;
        }
        return this.renderPassword(flow, u);
      }
      case 'password': {
        if (!user) return this.renderUsername(flow, form.get('loginfmt') ?? '');
        const pwd = form.get('passwd') ?? '';
        const s = this.str();
        if (!pwd) return this.renderPassword(flow, user, s.passwordEmpty, 50126);
        if (pwd !== this.t.passwordOf(user)) return this.renderPassword(flow, user, s.passwordWrong, 50126);
        if (!user.accountEnabled) return this.renderPassword(flow, user, s.accountLocked, 50057);
        return this.finish(req, flow, user, ['pwd']);
      }
      case 'kmsi': {
        if (!user || !flow.amr) return this.renderUsername(flow, '');
        if (form.get('DontShowAgain') === 'true') this.kmsiSuppressed.add(user.id);
        return this.complete(req, flow, user, flow.amr, this.sessionOf(req), form.get('kmsi') !== 'no');
      }
      default: {
        if (user)
          for (const hook of this.hooks.customView) {
            const r = hook({ ...this.ctx(req, flow, user), view, form });
            if (r) return r;
          }
        return this.renderUsername(flow, user?.userPrincipalName ?? '');
      }
    }
  }

  // --- sessions ------------------------------------------------------------------------------

  sessionOf(req: FakeRequest): LoginSession | undefined {
    const sid = req.cookies[SESSION_COOKIE] ?? req.cookies.ESTSAUTHPERSISTENT;
    return sid ? this.sessions.get(sid) : undefined;
  }

  /**
   * Redeems an authorization code server-side (for first-party fake apps such as My Sign-ins, whose backend
   * does what MSAL + /api/session/authorize do in reality). Checks client, redirect URI, PKCE, expiry, reuse.
   */
  redeemCode(
    code: string,
    o: { clientId: string; redirectUri: string; codeVerifier: string },
  ):
    | { ok: true; user: FakeUser; amr: string[]; sessionId: string; authTimeMs: number }
    | { ok: false; error: string; code: number; message: string } {
    const c = this.codes.get(code);
    const fail = (error: string, n: number, message: string) => ({ ok: false as const, error, code: n, message });
    if (!c) return fail('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    if (c.redeemed)
      return fail(
        'invalid_grant',
        54005,
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      );
    if (this.t.now() > c.expiresMs)
      return fail(
        'invalid_grant',
        70008,
        'The provided authorization code or refresh token has expired due to inactivity.',
      );
    if (c.flow.clientId.toLowerCase() !== o.clientId.toLowerCase())
      return fail(
        'invalid_grant',
        70000,
        "The provided value for the 'code' parameter is not valid. The code was issued to a different client.",
      );
    if (c.flow.redirectUri !== o.redirectUri)
      return fail(
        'invalid_grant',
        500112,
        `The reply address '${o.redirectUri}' does not match the reply address '${c.flow.redirectUri}' provided when requesting Authorization code.`,
      );
    if (createHash('sha256').update(o.codeVerifier).digest('base64url') !== c.flow.codeChallenge)
      return fail(
        'invalid_grant',
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    c.redeemed = true;
    const user = this.t.findUser(c.userId);
    if (!user) return fail('invalid_grant', 50034, 'The user account does not exist in the directory.');
    return { ok: true, user, amr: c.amr, sessionId: c.sessionId, authTimeMs: c.authTimeMs };
  }

  private complete(
    _req: FakeRequest,
    flow: AuthFlow,
    user: FakeUser,
    amr: string[],
    session: LoginSession | undefined,
    persistent?: boolean,
  ): FakeResponse {
    const now = this.t.now();
    let s = session;
    if (!s) {
      s = { id: randomGuid(), userIds: [], amr: {}, createdMs: now };
      this.sessions.set(s.id, s);
    }
    s.userIds = [user.id, ...s.userIds.filter((id) => id !== user.id)];
    s.amr[user.id] = amr;
    if (persistent !== undefined) s.persistent = persistent;
    this.flows.delete(flow.id);
    const code = `1.A${randomBytes(96).toString('base64url')}`;
    this.codes.set(code, {
      code,
      flow,
      userId: user.id,
      sessionId: s.id,
      amr,
      authTimeMs: now,
      expiresMs: now + CODE_LIFETIME_MS,
      redeemed: false,
    });
    const params = new URLSearchParams();
    params.set('code', code);
    params.set('client_info', this.clientInfo(user));
    if (flow.state !== undefined) params.set('state', flow.state);
    params.set('session_state', s.id);
    const res = this.toClient(flow, params);
    res.headers = {
      ...(res.headers ?? {}),
      'set-cookie': [
        `${SESSION_COOKIE}=${s.id}; path=/; secure; HttpOnly; SameSite=None`,
        `ESTSAUTHLIGHT=+${s.id}; path=/; secure; SameSite=None`,
        ...(s.persistent
          ? [`ESTSAUTHPERSISTENT=${s.id}; path=/; secure; HttpOnly; SameSite=None; max-age=7776000`]
          : []),
      ],
    };
    return res;
  }

  /**
   * Entra's v2 sign-out, one account at a time. `logout_hint` (Microsoft documents the ID token's `login_hint` claim
   * as its value; the fake also takes a UPN or mail) names the account. Without a usable hint and with several
   * accounts in the session, the page asks which account to sign out of and nobody is signed out until one is
   * picked. The session cookie goes only when the session's last account is signed out. Other apps' sessions (My
   * Sign-ins) are not ended here: each app keeps its own (see docs/fake-cloud.md).
   */
  private logout(req: FakeRequest): FakeResponse {
    const q = req.method === 'POST' ? bodyForm(req) : req.query;
    const sid = req.cookies[SESSION_COOKIE] ?? req.cookies.ESTSAUTHPERSISTENT;
    const session = sid ? this.sessions.get(sid) : undefined;
    const users = (session?.userIds ?? []).map((id) => this.t.findUser(id)).filter((u): u is FakeUser => !!u);
    const hint = (q.get('pick') ?? q.get('logout_hint') ?? '').trim().toLowerCase();
    const hinted = hint
      ? users.find((u) => u.userPrincipalName.toLowerCase() === hint || u.mail?.toLowerCase() === hint || u.id === hint)
      : undefined;
    if (session && !hinted && users.length > 1) {
      this.logoutPrompts++;
      const opts = this.ui.viewOptions();
      const s = stringsFor(opts.locale ?? 'en', opts.texts ?? {});
      return html(
        200,
        renderSignInView('picker', {
          ...opts,
          texts: { ...(opts.texts ?? {}), pickAccount: s.pickAccountSignOut },
          action: req.path,
          hidden: { fcView: 'logout' },
          accounts: users.map((u) => ({ upn: u.userPrincipalName, displayName: u.displayName })),
        }),
      );
    }
    const out = session ? (hinted ? [hinted.id] : [...session.userIds]) : [];
    if (session) {
      session.userIds = session.userIds.filter((id) => !out.includes(id));
      for (const id of out) delete session.amr[id];
      if (!session.userIds.length) this.sessions.delete(session.id);
    }
    if (out.length) for (const hook of this.hooks.onLogout) hook(out);
    const ended = !session || !session.userIds.length;
    const cookies = ended
      ? [
          `${SESSION_COOKIE}=; path=/; secure; HttpOnly; SameSite=None; expires=Thu, 01 Jan 1970 00:00:00 GMT`,
          `ESTSAUTHLIGHT=; path=/; secure; SameSite=None; expires=Thu, 01 Jan 1970 00:00:00 GMT`,
          `ESTSAUTHPERSISTENT=; path=/; secure; HttpOnly; SameSite=None; expires=Thu, 01 Jan 1970 00:00:00 GMT`,
        ]
      : [];
    const post = q.get('post_logout_redirect_uri');
    if (post) {
      const state = q.get('state');
      const url = state ? `${post}${post.includes('?') ? '&' : '?'}state=${encodeURIComponent(state)}` : post;
      return redirect(url, { 'set-cookie': cookies });
    }
    return html(200, renderSignInView('signedOut', this.ui.viewOptions()), { 'set-cookie': cookies });
  }

  // --- tokens --------------------------------------------------------------------------------

  clientInfo(user: FakeUser): string {
    return Buffer.from(JSON.stringify({ uid: user.id, utid: this.t.tenantId })).toString('base64url');
  }

  wids(user: FakeUser): string[] {
    return [...user.roles, user.userType === 'Guest' ? GUEST_ROLE_TEMPLATE : MEMBER_ROLE_TEMPLATE];
  }

  private token(req: FakeRequest): FakeResponse {
    const f = bodyForm(req);
    const corr =
      f.get('client-request-id') ?? req.query.get('client-request-id') ?? header(req, 'client-request-id') ?? undefined;
    const err = (status: number, error: string, code: number, message: string) =>
      this.aadError(req, status, error, code, message, corr);
    const clientId = f.get('client_id') ?? '';
    const grant = f.get('grant_type') ?? '';
    if (!grant)
      return err(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    if (!clientId)
      return err(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId.toLowerCase() !== this.t.config.clientId.toLowerCase())
      return err(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.t.organizationName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    if (f.get('client_secret') || f.get('client_assertion'))
      return err(
        401,
        'invalid_client',
        700025,
        "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
      );
    if (this.t.config.requireOriginForTokenRedemption && !header(req, 'origin'))
      return err(
        400,
        'invalid_request',
        9002327,
        "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
      );

    const now = this.t.now();
    if (grant === 'authorization_code') {
      const codeStr = f.get('code') ?? '';
      if (!codeStr)
        return err(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'code'.");
      const code = this.codes.get(codeStr);
      if (!code) return err(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
      if (code.redeemed)
        return err(
          400,
          'invalid_grant',
          54005,
          'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
        );
      if (now > code.expiresMs)
        return err(
          400,
          'invalid_grant',
          70008,
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
        );
      if (code.flow.clientId.toLowerCase() !== clientId.toLowerCase())
        return err(
          400,
          'invalid_grant',
          70000,
          "The provided value for the 'code' parameter is not valid. The code was issued to a different client.",
        );
      const redirectUri = f.get('redirect_uri') ?? '';
      if (redirectUri !== code.flow.redirectUri)
        return err(
          400,
          'invalid_grant',
          500112,
          `The reply address '${redirectUri}' does not match the reply address '${code.flow.redirectUri}' provided when requesting Authorization code.`,
        );
      const verifier = f.get('code_verifier');
      if (!verifier)
        return err(
          400,
          'invalid_request',
          900144,
          "The request body must contain the following parameter: 'code_verifier'.",
        );
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== code.flow.codeChallenge)
        return err(
          400,
          'invalid_grant',
          501481,
          'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        );
      code.redeemed = true;
      const user = this.t.findUser(code.userId);
      if (!user) return err(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
      const requested = (f.get('scope') ?? '').split(/\s+/).filter(Boolean);
      const scopes = requested.length ? requested : code.flow.scopes;
      return this.issueTokens(req, user, scopes, {
        nonce: code.flow.nonce,
        sessionId: code.sessionId,
        amr: code.amr,
        authTimeMs: code.authTimeMs,
        refreshExpiresMs: code.authTimeMs + this.t.config.refreshTokenLifetimeSeconds * 1000,
      });
    }
    if (grant === 'refresh_token') {
      const rtStr = f.get('refresh_token') ?? '';
      if (!rtStr)
        return err(
          400,
          'invalid_request',
          900144,
          "The request body must contain the following parameter: 'refresh_token'.",
        );
      const rt = this.refreshTokens.get(rtStr);
      if (!rt || rt.revoked || rt.clientId.toLowerCase() !== clientId.toLowerCase())
        return err(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
      if (now >= rt.expiresMs)
        return err(
          400,
          'invalid_grant',
          700084,
          `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${new Date(rt.issuedMs).toISOString()}.`,
        );
      const user = this.t.findUser(rt.userId);
      if (!user || !user.accountEnabled) return err(400, 'invalid_grant', 50057, 'The user account is disabled.');
      if (this.t.config.invalidateRotatedRefreshTokens) rt.revoked = true;
      const requested = (f.get('scope') ?? '').split(/\s+/).filter(Boolean);
      const parsed = this.parseScopes(requested);
      if (parsed.invalid.length)
        return err(
          400,
          'invalid_resource',
          500011,
          `The resource principal named ${parsed.invalid[0]} was not found in the tenant named ${this.t.organizationName}.`,
        );
      if (this.consentMissing(parsed))
        return err(
          400,
          'invalid_grant',
          65001,
          `The user or administrator has not consented to use the application with ID '${clientId}' named '${this.t.config.appDisplayName}'. Send an interactive authorization request for this user and resource.`,
        );
      return this.issueTokens(req, user, requested.length ? requested : rt.scopes, {
        nonce: undefined,
        sessionId: rt.sessionId,
        amr: rt.amr,
        authTimeMs: rt.authTimeMs,
        refreshExpiresMs: rt.expiresMs,
      });
    }
    return err(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
  }

  private issueTokens(
    req: FakeRequest,
    user: FakeUser,
    rawScopes: string[],
    o: { nonce?: string; sessionId: string; amr: string[]; authTimeMs: number; refreshExpiresMs: number },
  ): FakeResponse {
    const now = this.t.now();
    const nowS = Math.floor(now / 1000);
    const lifetime = this.t.config.tokenLifetimeSeconds;
    const parsed = this.parseScopes(rawScopes);
    const { short, display } = this.tokenScopes(parsed);
    const clientId = this.t.config.clientId;
    const wids = this.wids(user);

    const accessToken = signJwt(
      {
        aud: GRAPH_RESOURCE,
        iss: `https://sts.windows.net/${this.t.tenantId}/`,
        iat: nowS,
        nbf: nowS,
        exp: nowS + lifetime,
        acct: 0,
        acr: '1',
        aio: randomToken(40),
        amr: o.amr,
        app_displayname: this.t.config.appDisplayName,
        appid: clientId,
        appidacr: '0',
        family_name: user.surname ?? undefined,
        given_name: user.givenName ?? undefined,
        idtyp: 'user',
        ipaddr: '127.0.0.1',
        name: user.displayName,
        oid: user.id,
        platf: '3',
        puid: createHash('sha1').update(user.id).digest('hex').slice(0, 16).toUpperCase(),
        rh: `1.A${randomToken(30)}.`,
        scp: short.join(' '),
        sid: o.sessionId,
        sub: createHash('sha256').update(`${user.id}:graph`).digest('base64url').slice(0, 43),
        tenant_region_scope: 'EU',
        tid: this.t.tenantId,
        unique_name: user.userPrincipalName,
        upn: user.userPrincipalName,
        uti: randomToken(16),
        ver: '1.0',
        wids,
        xms_tcdt: 1600000000,
      },
      this.key,
      { nonce: randomToken(32) },
    );
    this.t.accessTokens.set(accessToken, {
      token: accessToken,
      userId: user.id,
      clientId,
      scopes: short,
      issuedMs: now,
      expiresMs: now + lifetime * 1000,
    });

    const idToken = signJwt(
      {
        aud: clientId,
        iss: this.issuer(),
        iat: nowS,
        nbf: nowS,
        exp: nowS + 3600,
        aio: randomToken(40),
        login_hint: Buffer.from(
          JSON.stringify({ oid: user.id, tid: this.t.tenantId, upn: user.userPrincipalName }),
        ).toString('base64url'),
        name: user.displayName,
        ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
        oid: user.id,
        preferred_username: user.userPrincipalName,
        ...(parsed.oidc.includes('email') && user.mail ? { email: user.mail } : {}),
        rh: `1.A${randomToken(30)}.`,
        sid: o.sessionId,
        sub: createHash('sha256').update(`${user.id}:${clientId}`).digest('base64url').slice(0, 43),
        tid: this.t.tenantId,
        uti: randomToken(16),
        ver: '2.0',
        ...(this.t.config.groupMembershipClaims ? { wids } : {}),
      },
      this.key,
    );

    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: display.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
    };
    if (parsed.oidc.includes('offline_access')) {
      const rt = `1.A${randomBytes(160).toString('base64url')}`;
      this.refreshTokens.set(rt, {
        token: rt,
        userId: user.id,
        clientId,
        sessionId: o.sessionId,
        scopes: rawScopes,
        amr: o.amr,
        authTimeMs: o.authTimeMs,
        issuedMs: now,
        expiresMs: o.refreshExpiresMs,
        revoked: false,
      });
      body.refresh_token = rt;
      body.refresh_token_expires_in = Math.max(0, Math.floor((o.refreshExpiresMs - now) / 1000));
    }
    if (parsed.oidc.includes('openid')) body.id_token = idToken;
    body.client_info = this.clientInfo(user);
    return json(200, body, this.common(req));
  }

  // --- GetCredentialType (used by the sign-in SPA; handy for the fake pages) -------------------

  private getCredentialType(req: FakeRequest): FakeResponse {
    let username = '';
    try {
      const b = bodyJson(req) as { username?: string } | undefined;
      username = b?.username ?? '';
    } catch {
      /* empty */
    }
    const u = this.findLoginUser(username);
    const tap =
      u?.tap &&
      this.t.tapUsability(u, u.tap).isUsable &&
      this.t.now() >= u.tap.createdMs + this.t.config.tapPropagationDelayMs;
    return json(
      200,
      {
        Username: username,
        Display: username,
        IfExistsResult: u ? 0 : 1,
        IsUnmanaged: false,
        ThrottleStatus: 0,
        Credentials: {
          PrefCredential: tap ? 21 : 1,
          HasPassword: true,
          RemoteNgcParams: null,
          FidoParams: u && u.fido2Methods.length ? { AllowList: u.fido2Methods.map((m) => m.credentialId) } : null,
          SasParams: null,
          CertAuthParams: null,
          GoogleParams: null,
          FacebookParams: null,
          ...(tap ? { HasAccessPass: true } : {}),
        },
        EstsProperties: { UserTenantBranding: null, DomainType: 3 },
        IsSignupDisallowed: true,
        apiCanary: randomToken(32),
      },
      this.common(req),
    );
  }

  private gcFlows(): void {
    if (this.flows.size < 5000) return;
    const now = this.t.now();
    for (const [k, f] of this.flows) if (now - f.createdMs > FLOW_LIFETIME_MS) this.flows.delete(k);
    for (const [k, c] of this.codes) if (c.redeemed || now > c.expiresMs) this.codes.delete(k);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
