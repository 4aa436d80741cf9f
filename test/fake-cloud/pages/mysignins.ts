/**
 * The fake My Sign-ins backend (mysignins.microsoft.com) and the fido/create page on login.microsoft.com.
 *
 * Routes (reference §1, §5, §6):
 *   GET  /, /security-info              sign-in bootstrap (no session → authorize with client 19db86c3-…), Security info
 *   GET  /security-info?partial=methods the methods list (the page's refresh)
 *   GET  /register?csrf_token=<flow>    "Keep your account secure" (the proof-up interrupt's target), "Skip setup"
 *   POST /api/session/authorize         {code, state} → session cookie + {isAuthorized, hasMfaClaim, requireNgcMfaForSecurityInfo, sessionCtxV2}
 *   POST /api/authenticationmethods/new {Type: 18 | 12} → {Data: {provisionUrl, requestData}}
 *   POST /api/post/newfido              the fido/create page's form post → §6.7 page → /security-info#fidoProvisionSuccess=<canary>
 *   POST /api/authenticationmethods/verify {Type, VerificationData} → the passkey is stored on the user
 *   POST /api/authenticationmethods/delete {Type, Id}
 *   POST https://login.microsoft.com/{tenant}/fido/create?cid=…  the "Setting up your passkey..." page
 */
import { createHash } from 'node:crypto';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import type { Authority } from '../authority.ts';
import { aaguidAllowed } from '../policies.ts';
import { attestationThumbprints } from '../authmethods.ts';
import {
  b64url,
  bodyForm,
  bodyJson,
  escapeHtml as e,
  html,
  isoSeconds,
  json,
  randomGuid,
  randomToken,
  redirect,
  type FakeRequest,
  type FakeResponse,
} from '../http.ts';
import { modelForAaguid, ZERO_AAGUID, type FakeTenant, type FakeUser, type StoredFido2Method } from '../tenant.ts';
import { effectiveLook, flowLang, mySignInsLang, resolvePagesConfig, type PagesConfig } from './config.ts';
import { htmlLang, langFor, type PageLang } from './look.ts';
import { renderFidoCreate, renderNewFidoResult, type FidoCreateRequest } from './fido-create.ts';
import { stringsFor } from './i18n.ts';
import {
  hashClasses,
  meControl,
  renderMethodsList,
  renderSecurityInfo,
  type SecurityInfoMethod,
  type SecurityInfoState,
} from './security-info.ts';

export const MY_SIGNINS_CLIENT_ID = '19db86c3-b2b9-44cc-b339-36da233a3be2';
export const MY_SIGNINS_HOST = 'mysignins.microsoft.com';
export const MY_SIGNINS_ORIGIN = 'https://mysignins.microsoft.com';
/** Registered redirect URI of the My Sign-ins client (reference §6.1: `redirect_uri=https://mysignins.microsoft.com`). */
export const MY_SIGNINS_REDIRECT_URI = 'https://mysignins.microsoft.com';
/** Scope My Sign-ins asks for (invented: the real resource is not public). */
export const MY_SIGNINS_SCOPE = `${MY_SIGNINS_CLIENT_ID}/.default openid profile offline_access`;
/** Host of the registration page and WebAuthn RP ID (reference §1). */
export const FIDO_HOST = 'login.microsoft.com';
/** Session cookie of the fake My Sign-ins (name invented). */
export const MY_SIGNINS_COOKIE = 'mysignins-session';
/** Authentication method types of the mysignins API (§6.3): 18 Passkey, 12 legacy Security key; 21 TAP (invented, delete only). */
export const METHOD_TYPE = { passkey: 18, securityKey: 12, tap: 21 } as const;
const PENDING_LIFETIME_MS = 60 * 60_000;
const REGISTRATION_LIFETIME_MS = 10 * 60_000;

export interface MySignInsSession {
  id: string;
  userId: string;
  upn: string;
  amr: string[];
  hasMfa: boolean;
  /** Signed in with a one-time TAP (session capped at oneTimeTapSessionMinutes). */
  oneTimeTap: boolean;
  authTimeMs: number;
  expiresMs: number;
  /** The login host session (ESTSAUTH) the code came from. */
  loginSessionId: string;
  sessionCtxV2: string;
  /** The language last asked for with `?lng=` (sticky for the session, as Microsoft caches it). */
  lng?: PageLang;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  returnUrl: string;
  createdMs: number;
}

export interface Registration {
  canary: string;
  correlationId: string;
  type: 12 | 18;
  userId: string;
  sessionId: string;
  serverChallenge: string;
  issuedMs: number;
  expiresMs: number;
  status: 'issued' | 'attested' | 'registered' | 'failed';
  error?: string;
  /** Set after a verified attestation (newfido). */
  credential?: {
    id: string;
    publicKey: string;
    counter: number;
    aaguid: string;
    fmt: string;
    deviceType: 'singleDevice' | 'multiDevice';
    attestationCertificates: string[];
    transports: string[];
  };
}

/** Error names the API returns (ErrorName) and the page maps to banners; numbers invented. */
const API_ERRORS = {
  PolicyDisabled: 2,
  MfaRequired: 3,
  MaxKeys: 4,
  InvalidName: 5,
  InvalidCanary: 6,
  ChallengeExpired: 7,
  VerificationFailed: 8,
  KeyRestricted: 9,
  AttestationRequired: 10,
  AlreadyRegistered: 11,
  NotFound: 12,
  SessionExpired: 401,
} as const;
type ApiErrorName = keyof typeof API_ERRORS;

export class MySignIns {
  readonly sessions = new Map<string, MySignInsSession>();
  readonly pending = new Map<string, PendingSignIn>();
  readonly registrations = new Map<string, Registration>();

  constructor(
    readonly tenant: FakeTenant,
    readonly authority: Authority,
  ) {}

  get config(): PagesConfig {
    return resolvePagesConfig(this.tenant.config.pages);
  }

  private get t(): FakeTenant {
    return this.tenant;
  }

  reset(): void {
    this.sessions.clear();
    this.pending.clear();
    this.registrations.clear();
  }

  /** Ends the My Sign-ins sessions of these users (server-side revocation after a logout). */
  endSessionsOf(userIds: string[]): number {
    let n = 0;
    for (const [id, s] of this.sessions)
      if (userIds.includes(s.userId)) {
        this.sessions.delete(id);
        n++;
      }
    return n;
  }

  /** The live session of a user (by id or UPN), if any. */
  sessionFor(idOrUpn: string): MySignInsSession | undefined {
    const u = this.t.findUser(idOrUpn);
    if (!u) return undefined;
    return [...this.sessions.values()].find((s) => s.userId === u.id && s.expiresMs > this.t.now());
  }

  private sessionOf(req: FakeRequest): { session?: MySignInsSession; expired?: boolean } {
    const id = req.cookies[MY_SIGNINS_COOKIE];
    const s = id ? this.sessions.get(id) : undefined;
    if (!s) return {};
    if (this.t.now() >= s.expiresMs || !this.t.findUser(s.userId)) {
      this.sessions.delete(s.id);
      return { expired: true };
    }
    return { session: s };
  }

  private strings(lang?: PageLang) {
    const c = this.config;
    return stringsFor(lang ?? c.locale, c.texts);
  }

  /** The language of a My Sign-ins page for this request (remembers `?lng=` on the session). */
  private langOf(req: FakeRequest, session?: MySignInsSession): PageLang {
    const asked = langFor(req.query.get('lng'));
    if (session && asked) session.lng = asked;
    return mySignInsLang(this.config, req.query.get('lng'), session?.lng);
  }

  // --- routing ---------------------------------------------------------------------------------

  async handle(req: FakeRequest): Promise<FakeResponse | undefined> {
    if (!this.config.enabled) return undefined;
    const path = req.path.replace(/\/+$/, '').toLowerCase() || '/';
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/') return this.bootstrap(req);
      if (path === '/security-info') return this.securityInfo(req);
      if (path === '/register') return this.register(req);
      if (path === '/favicon.ico') return { status: 204 };
      return undefined;
    }
    if (req.method !== 'POST') return undefined;
    switch (path) {
      case '/api/session/authorize':
        return this.sessionAuthorize(req);
      case '/api/authenticationmethods/new':
        return this.newMethod(req);
      case '/api/post/newfido':
        return this.newFido(req);
      case '/api/authenticationmethods/verify':
        return this.verify(req);
      case '/api/authenticationmethods/delete':
        return this.deleteMethod(req);
    }
    return undefined;
  }

  /** login.microsoft.com: POST /{tenant}/fido/create. */
  handleLogin(req: FakeRequest): FakeResponse | undefined {
    if (!this.config.enabled || req.host !== FIDO_HOST) return undefined;
    const segs = req.path.split('/').filter(Boolean);
    if (segs.length !== 3 || segs[1]!.toLowerCase() !== 'fido' || segs[2]!.toLowerCase() !== 'create') return undefined;
    return this.fidoCreate(req, decodeURIComponent(segs[0]!));
  }

  // --- sign-in -----------------------------------------------------------------------------------

  /** A fresh authorize URL for My Sign-ins (PKCE verifier kept server-side, keyed by state). */
  authorizeUrl(returnUrl: string, extra: URLSearchParams = new URLSearchParams()): string {
    const now = this.t.now();
    for (const [k, p] of this.pending) if (now - p.createdMs > PENDING_LIFETIME_MS) this.pending.delete(k);
    const verifier = randomToken(32);
    const state = Buffer.from(JSON.stringify({ id: randomGuid(), meta: { interactionType: 'redirect' } })).toString(
      'base64url',
    );
    this.pending.set(state, { state, verifier, returnUrl, createdMs: now });
    const q = new URLSearchParams({
      client_id: MY_SIGNINS_CLIENT_ID,
      scope: MY_SIGNINS_SCOPE,
      redirect_uri: MY_SIGNINS_REDIRECT_URI,
      'client-request-id': randomGuid(),
      response_mode: 'fragment',
      response_type: 'code',
      'x-client-SKU': 'msal.js.browser',
      'x-client-VER': '2.38.3',
      client_info: '1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      nonce: randomGuid(),
      state,
    });
    const prompt = extra.get('prompt') ?? this.config.mySignInsPrompt;
    if (prompt) q.set('prompt', prompt);
    for (const k of ['login_hint', 'domain_hint']) {
      const v = extra.get(k);
      if (v) q.set(k, v);
    }
    return `https://login.microsoftonline.com/${this.t.tenantId}/oauth2/v2.0/authorize?${q.toString()}`;
  }

  private bootstrap(req: FakeRequest): FakeResponse {
    const { session } = this.sessionOf(req);
    const lang = this.langOf(req, session);
    const s = this.strings(lang);
    const boot = JSON.stringify({
      hasSession: !!session,
      authorizeUrl: this.authorizeUrl(`${MY_SIGNINS_ORIGIN}/security-info`, req.query),
    }).replace(/</g, '\\u003c');
    return html(
      200,
      `<!DOCTYPE html><html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><title>${e(s.msTitle)}</title></head>
<body><div id="root" role="main"><div class="ms-Spinner" role="progressbar" aria-busy="true" aria-label="Loading"></div><div id="bootstrap-error" role="alert"></div></div>
<script id="mysignins-boot" type="application/json">${boot}</script>
<script>(function(){
var B=JSON.parse(document.getElementById('mysignins-boot').textContent);
var h=new URLSearchParams(location.hash.slice(1));
function fail(t){document.getElementById('bootstrap-error').textContent=t;document.querySelector('.ms-Spinner').remove();}
if(h.get('error')){fail(h.get('error')+': '+(h.get('error_description')||''));return;}
if(h.get('code')){
  fetch('/api/session/authorize',{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json','AjaxRequest':'true'},body:JSON.stringify({code:h.get('code'),state:h.get('state')})})
  .then(function(r){return r.json();}).then(function(j){ if(j.isAuthorized) location.replace(j.returnUrl||'/security-info'); else fail((j.error||'error')+': '+(j.error_description||'')); })
  .catch(function(x){fail(String(x));});
  return;
}
location.replace(B.hasSession?'/security-info':B.authorizeUrl);
})();</script></body></html>`,
    );
  }

  private sessionAuthorize(req: FakeRequest): FakeResponse {
    let body: { code?: string; state?: string } = {};
    try {
      body = (
        (req.headers['content-type'] ?? '').includes('json') ? bodyJson(req) : Object.fromEntries(bodyForm(req))
      ) as typeof body;
    } catch {
      /* empty */
    }
    const fail = (error: string, description: string) =>
      json(400, { isAuthorized: false, error, error_description: description });
    const pending = body.state ? this.pending.get(body.state) : undefined;
    if (!body.code) return fail('invalid_request', "The request body must contain 'code'.");
    if (!pending) return fail('invalid_state', 'The state is unknown or has expired. Sign in again.');
    this.pending.delete(pending.state);
    const r = this.authority.redeemCode(body.code, {
      clientId: MY_SIGNINS_CLIENT_ID,
      redirectUri: MY_SIGNINS_REDIRECT_URI,
      codeVerifier: pending.verifier,
    });
    if (!r.ok) return fail(r.error, `AADSTS${r.code}: ${r.message}`);
    const cfg = this.config;
    const hasMfa = r.amr.includes('mfa');
    const oneTimeTap = r.amr.includes('tap') && !!r.user.tap?.isUsableOnce;
    const lifetime =
      (oneTimeTap ? Math.min(cfg.oneTimeTapSessionMinutes, cfg.sessionLifetimeMinutes) : cfg.sessionLifetimeMinutes) *
      60_000;
    const old = req.cookies[MY_SIGNINS_COOKIE];
    if (old) this.sessions.delete(old);
    const session: MySignInsSession = {
      id: randomToken(24),
      userId: r.user.id,
      upn: r.user.userPrincipalName,
      amr: r.amr,
      hasMfa,
      oneTimeTap,
      authTimeMs: r.authTimeMs,
      expiresMs: r.authTimeMs + lifetime,
      loginSessionId: r.sessionId,
      sessionCtxV2: randomToken(48),
      lng: langFor(new URL(pending.returnUrl, MY_SIGNINS_ORIGIN).searchParams.get('lng')),
    };
    this.sessions.set(session.id, session);
    return json(
      200,
      {
        isAuthorized: true,
        hasMfaClaim: hasMfa,
        requireNgcMfaForSecurityInfo: cfg.requireMfaForRegistration && !hasMfa,
        sessionCtxV2: session.sessionCtxV2,
        userPrincipalName: session.upn,
        returnUrl: pending.returnUrl,
      },
      { 'set-cookie': `${MY_SIGNINS_COOKIE}=${session.id}; path=/; secure; HttpOnly; SameSite=None` },
    );
  }

  // --- pages -------------------------------------------------------------------------------------

  securityInfoState(user: FakeUser, session?: MySignInsSession): SecurityInfoState {
    const methods: SecurityInfoMethod[] = [
      { kind: 'password', id: '28c10230-6103-485e-b985-444c60001490', dateMs: Date.parse(user.createdDateTime) },
    ];
    if (user.tap) {
      const u = this.t.tapUsability(user, user.tap);
      methods.push({
        kind: 'tap',
        id: user.tap.id,
        dateMs: user.tap.startMs + user.tap.lifetimeInMinutes * 60_000,
        expired: !u.isUsable,
      });
    }
    for (const m of user.fido2Methods)
      methods.push({ kind: 'passkey', id: m.id, name: m.displayName, passkeyType: m.passkeyType });
    return {
      upn: user.userPrincipalName,
      displayName: user.displayName,
      methods,
      passkeyAvailable: this.passkeyAllowed(user),
      sessionCtx: session?.sessionCtxV2,
      signOutUrl: `https://login.microsoftonline.com/common/oauth2/v2.0/logout?client_id=${MY_SIGNINS_CLIENT_ID}`,
    };
  }

  private passkeyAllowed(user: FakeUser): boolean {
    const p = this.t.policies.fido2;
    return (
      p.state === 'enabled' && p.isSelfServiceRegistrationAllowed && this.t.fido2Targeted(user) && !this.t.isGuest(user)
    );
  }

  private renderOptions(lang: PageLang) {
    const c = this.config;
    return {
      locale: lang,
      look: effectiveLook(c),
      variant: c.variant,
      texts: c.texts,
      signInFasterStep: c.signInFasterStep,
      maxNameLength: c.maxNameLength,
      namePrefill: c.namePrefill,
    };
  }

  private securityInfo(req: FakeRequest): FakeResponse {
    const { session } = this.sessionOf(req);
    if (req.query.get('partial') === 'methods') {
      if (!session) return json(401, { ErrorCode: API_ERRORS.SessionExpired, ErrorName: 'SessionExpired' });
      const user = this.t.findUser(session.userId)!;
      return html(
        200,
        renderMethodsList(this.securityInfoState(user, session), this.renderOptions(this.langOf(req, session))),
      );
    }
    if (!session)
      return redirect(
        this.authorizeUrl(`${MY_SIGNINS_ORIGIN}${req.url.pathname}${this.cleanSearch(req.query)}`, req.query),
      );
    const user = this.t.findUser(session.userId)!;
    return html(
      200,
      renderSecurityInfo(this.securityInfoState(user, session), this.renderOptions(this.langOf(req, session))),
    );
  }

  private cleanSearch(q: URLSearchParams): string {
    const c = new URLSearchParams(q);
    for (const k of ['login_hint', 'prompt', 'domain_hint']) c.delete(k);
    const s = c.toString();
    return s ? `?${s}` : '';
  }

  /** "Keep your account secure": where the proof-up interrupt's Next leads; "Skip setup" resumes the sign-in. */
  private register(req: FakeRequest): FakeResponse {
    const flowId = req.query.get('csrf_token') ?? '';
    const flow = this.authority.flows.get(flowId);
    // In the language the sign-in asked for (when honoured), else the configured one.
    const lang =
      langFor(req.query.get('lng')) && effectiveLook(this.config).langRequest !== 'ignored'
        ? langFor(req.query.get('lng'))!
        : flowLang(this.config, flow, false);
    const s = this.strings(lang);
    const action = flow ? `https://${flow.host}/${flow.tenantSegment}/login` : '';
    const look = effectiveLook(this.config);
    const user = flow?.userId ? this.t.findUser(flow.userId) : undefined;
    // The wizard shows the signed-in account like Security info (in the look's identity markup).
    const header = user
      ? `<header class="ms-header" role="banner">${meControl(s, { upn: user.userPrincipalName, displayName: user.displayName, methods: [] }, look, `https://login.microsoftonline.com/common/oauth2/v2.0/logout?client_id=${MY_SIGNINS_CLIENT_ID}`)}</header>`
      : '';
    const page = `<!DOCTYPE html><html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><title>${e(s.msTitle)}</title></head>
<body class="ms-Fabric">${header}<main role="main">
<h1 class="page-title">${e(s.keepSecureTitle)}</h1>
<p>${e(s.keepSecureText)}</p>
${
  flow
    ? `<form method="post" action="${e(action)}"><input type="hidden" name="ctx" value="${e(flow.id)}"><input type="hidden" name="fcView" value="proofupdone">
<button type="submit" class="ms-Link" id="skip-setup">${e(s.skipSetup)}</button></form>`
    : `<div role="alert">${e(s.sessionExpiredShort)}</div>`
}
</main></body></html>`;
    return html(200, look.classes === 'hashed' ? hashClasses(page) : page);
  }

  // --- API -----------------------------------------------------------------------------------------

  private apiError(name: ApiErrorName, type: number, message?: string, status = 200): FakeResponse {
    const s = this.strings();
    const defaults: Partial<Record<ApiErrorName, string>> = {
      MaxKeys: s.bannerMaxKeys,
      MfaRequired: s.bannerNeedMfa,
      SessionExpired: s.bannerSessionExpired,
      KeyRestricted: s.bannerFidoKeyRestricted,
      AttestationRequired: s.bannerFidoAttestation,
      AlreadyRegistered: s.bannerFidoDuplicate,
    };
    return json(status, {
      Type: type,
      VerificationState: 0,
      ErrorCode: API_ERRORS[name],
      ErrorName: name,
      ErrorMessage: message ?? defaults[name] ?? s.bannerFidoFailed,
      Data: null,
    });
  }

  /** Session from cookie, with `SessionCtxV2` checked when sent. */
  private apiSession(req: FakeRequest): MySignInsSession | undefined {
    const { session } = this.sessionOf(req);
    if (!session) return undefined;
    const ctx = req.headers.sessionctxv2;
    if (ctx && ctx !== session.sessionCtxV2) return undefined;
    return session;
  }

  private readJson(req: FakeRequest): Record<string, unknown> {
    try {
      return (bodyJson(req) ?? {}) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  private newMethod(req: FakeRequest): FakeResponse {
    const body = this.readJson(req);
    const type = Number(body.Type ?? METHOD_TYPE.passkey);
    const session = this.apiSession(req);
    if (!session) return this.apiError('SessionExpired', type, undefined, 401);
    if (type !== METHOD_TYPE.passkey && type !== METHOD_TYPE.securityKey)
      return this.apiError('PolicyDisabled', type, 'This method can’t be added in this environment.');
    const user = this.t.findUser(session.userId)!;
    const cfg = this.config;
    if (!this.passkeyAllowed(user))
      return this.apiError('PolicyDisabled', type, this.t.config.passkeyPolicyError.message);
    if (cfg.requireMfaForRegistration && !session.hasMfa) return this.apiError('MfaRequired', type);
    if (user.fido2Methods.length >= this.t.config.maxPasskeysPerUser) return this.apiError('MaxKeys', type);

    const now = this.t.now();
    const canary = randomToken(36);
    const correlationId = randomGuid();
    const reg: Registration = {
      canary,
      correlationId,
      type: type as 12 | 18,
      userId: user.id,
      sessionId: session.id,
      serverChallenge: serverChallenge(),
      issuedMs: now,
      expiresMs: now + REGISTRATION_LIFETIME_MS,
      status: 'issued',
    };
    this.registrations.set(canary, reg);
    const authenticator =
      type === METHOD_TYPE.securityKey ? 'cross-platform' : (cfg.passkeyAuthenticatorAttachment ?? '');
    const requestData: FidoCreateRequest & { authenticator: string } = {
      canary,
      serverChallenge: reg.serverChallenge,
      postBackUrl: `${MY_SIGNINS_ORIGIN}/api/post/newfido?mysignins-region=EU&cid=${correlationId}`,
      userId: user.userHandle,
      memberName: user.userPrincipalName,
      userDisplayName: user.displayName,
      userIconUrl: '',
      authenticator,
      ExcludeNextGenCredentialsJSON: JSON.stringify(
        user.fido2Methods.map((m) => ({ type: 'public-key', id: m.credentialId, transports: m.transports })),
      ),
      correlationId,
    };
    return json(200, {
      Type: type,
      VerificationState: 1,
      ErrorCode: 0,
      Data: JSON.stringify({ provisionUrl: `https://${FIDO_HOST}/${this.t.tenantId}/fido/create`, requestData }),
    });
  }

  private fidoCreate(req: FakeRequest, tenantSeg: string): FakeResponse {
    const cfg = this.config;
    const reg0 = this.registrations.get(bodyForm(req).get('canary') ?? '');
    // login.microsoft.com cannot see My Sign-ins' `lng`; the fake follows the registering session's language.
    const lang = mySignInsLang(cfg, null, reg0 ? this.sessions.get(reg0.sessionId)?.lng : undefined);
    const s = this.strings(lang);
    const kind = this.authority.resolveTenant(tenantSeg);
    if (req.method !== 'POST' || !kind) {
      const msg = !kind
        ? `Tenant '${tenantSeg}' not found.`
        : 'The request is missing the registration data. Start again from Security info.';
      return html(
        200,
        renderFidoCreate({ locale: lang, texts: cfg.texts, error: msg, errorCode: !kind ? 90002 : 900561 }),
      );
    }
    const f = bodyForm(req);
    const canary = f.get('canary') ?? '';
    const reg = this.registrations.get(canary);
    const request: Partial<FidoCreateRequest> = {
      correlationId: f.get('correlationId') ?? req.query.get('cid') ?? '',
      canary,
      serverChallenge: f.get('serverChallenge') ?? '',
      userId: f.get('userId') ?? '',
      memberName: f.get('memberName') ?? '',
      userDisplayName: f.get('userDisplayName') ?? '',
      userIconUrl: f.get('userIconUrl') ?? '',
      postBackUrl: f.get('postBackUrl') ?? '',
      ExcludeNextGenCredentialsJSON: f.get('ExcludeNextGenCredentialsJSON') ?? '[]',
      authenticator: f.get('authenticator') ?? '',
    };
    let error: string | undefined;
    if (!reg || reg.serverChallenge !== request.serverChallenge) error = s.fidoErrorGeneric;
    else if (this.t.now() > reg.expiresMs || reg.status !== 'issued') error = s.fidoErrorGeneric;
    else if (!request.postBackUrl?.startsWith(`${MY_SIGNINS_ORIGIN}/api/post/newfido`)) error = s.fidoErrorGeneric;
    return html(
      200,
      renderFidoCreate({
        locale: lang,
        texts: cfg.texts,
        order: effectiveLook(cfg).order,
        legacy: reg?.type === METHOD_TYPE.securityKey,
        autoStart: cfg.fidoCreateAutoStart,
        request,
        error,
        errorCode: error ? 135011 : 0,
      }),
      { 'x-ms-request-id': randomGuid() },
    );
  }

  /** The §6.7 result page for a failed registration: back to Security info with `#fidoProvisionError=<error>`. */
  private failNewFido(
    reg: Registration | undefined,
    error: string,
    context: Record<string, unknown>,
    detail: { errorCode?: number; errorMessage?: string } = {},
  ): FakeResponse {
    if (reg) {
      reg.status = 'failed';
      reg.error = detail.errorMessage ?? error;
    }
    return html(
      200,
      renderNewFidoResult({
        redirectUrl: `${MY_SIGNINS_ORIGIN}/security-info#fidoProvisionError=${encodeURIComponent(error)}`,
        context,
        ...detail,
      }),
    );
  }

  private newFidoError(reg: Registration | undefined, name: ApiErrorName, message: string): FakeResponse {
    return this.failNewFido(
      reg,
      name,
      { ErrorCode: API_ERRORS[name], ErrorName: name, ErrorMessage: message, Canary: reg?.canary ?? '' },
      { errorCode: API_ERRORS[name], errorMessage: message },
    );
  }

  private async newFido(req: FakeRequest): Promise<FakeResponse> {
    const f = bodyForm(req);
    const canary = f.get('canary') ?? '';
    const reg = this.registrations.get(canary);
    const { session } = this.sessionOf(req);
    if (!reg)
      return this.newFidoError(
        undefined,
        'InvalidCanary',
        'The registration request is unknown. Start again from Security info.',
      );
    if (!session || session.userId !== reg.userId)
      return this.newFidoError(
        reg,
        'SessionExpired',
        'The registration belongs to a different or expired session. Sign in again.',
      );
    const errorCode = f.get('error_code') ?? '';
    if (errorCode) return this.failNewFido(reg, errorCode, { ErrorName: errorCode, Canary: canary });
    if (reg.status !== 'issued')
      return this.newFidoError(reg, 'InvalidCanary', 'This registration request was already used.');
    if (this.t.now() > reg.expiresMs)
      return this.newFidoError(
        reg,
        'ChallengeExpired',
        'The registration request has expired. Start again from Security info.',
      );
    const user = this.t.findUser(reg.userId)!;
    const norm = (v: string | null) => (v ?? '').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const credentialId = norm(f.get('credentialId'));
    const clientDataJSON = norm(f.get('clientDataJson'));
    const attestationObject = norm(f.get('attestationObject'));
    let ext: Record<string, unknown> = {};
    try {
      const raw = f.get('clientExtensionResults');
      if (raw) ext = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      ext = {};
    }
    let info;
    try {
      const v = await verifyRegistrationResponse({
        response: {
          id: credentialId,
          rawId: credentialId,
          type: 'public-key',
          response: { clientDataJSON, attestationObject },
          clientExtensionResults: ext,
        },
        expectedChallenge: b64url(Buffer.from(reg.serverChallenge, 'utf8')),
        expectedOrigin: `https://${FIDO_HOST}`,
        expectedRPID: FIDO_HOST,
        requireUserVerification: true,
      });
      if (!v.verified) return this.newFidoError(reg, 'VerificationFailed', 'The attestation could not be verified.');
      info = v.registrationInfo;
    } catch (err) {
      return this.newFidoError(
        reg,
        'VerificationFailed',
        `The attestation could not be verified: ${(err as Error).message}`,
      );
    }
    if (info.credential.id !== credentialId)
      return this.newFidoError(
        reg,
        'VerificationFailed',
        'The credential id does not match the credential id in the attestation.',
      );
    const aaguid = info.aaguid.toLowerCase();
    const unattested = info.fmt === 'none' || aaguid === ZERO_AAGUID;
    const p = this.t.policies.fido2;
    if (p.isAttestationEnforced && unattested)
      return this.newFidoError(
        reg,
        'AttestationRequired',
        `Attestation is enforced, but the authenticator's attestation could not be verified (format '${info.fmt}', AAGUID ${aaguid}).`,
      );
    if (!aaguidAllowed(p.keyRestrictions, aaguid))
      return this.newFidoError(
        reg,
        'KeyRestricted',
        `The authenticator with AAGUID ${aaguid} is not allowed by the key restriction policy.`,
      );
    if (this.t.users.some((u) => u.fido2Methods.some((m) => m.credentialId === info.credential.id)))
      return this.newFidoError(reg, 'AlreadyRegistered', 'A passkey with this credential id is already registered.');
    const certs = attestationThumbprints(info.attestationObject);
    const transports = (f.get('transports') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    reg.status = 'attested';
    reg.credential = {
      id: info.credential.id,
      publicKey: b64url(info.credential.publicKey),
      counter: info.credential.counter,
      aaguid,
      fmt: info.fmt,
      deviceType: info.credentialDeviceType,
      attestationCertificates: certs,
      transports: transports.length ? transports : ['usb'],
    };
    const model = modelForAaguid(aaguid);
    const defaultName = (reg.type === METHOD_TYPE.securityKey ? (model ?? 'Security key') : (model ?? 'Passkey')).slice(
      0,
      this.config.maxNameLength,
    );
    const context = {
      Type: reg.type,
      Canary: canary,
      AttestationObject: attestationObject,
      ClientDataJson: clientDataJSON,
      CredentialId: credentialId,
      ClientExtensionResults: f.get('clientExtensionResults') ?? '',
      PostInfo: '',
      AAGuid: aaguid,
      CredentialDeviceType: info.credentialDeviceType,
      DefaultName: defaultName,
      UserPrincipalName: user.userPrincipalName,
    };
    return html(
      200,
      renderNewFidoResult({
        redirectUrl: `${MY_SIGNINS_ORIGIN}/security-info#fidoProvisionSuccess=${encodeURIComponent(canary)}`,
        context,
      }),
    );
  }

  private verify(req: FakeRequest): FakeResponse {
    const body = this.readJson(req);
    const type = Number(body.Type ?? METHOD_TYPE.passkey);
    const session = this.apiSession(req);
    if (!session) return this.apiError('SessionExpired', type, undefined, 401);
    let vd: Record<string, unknown>;
    try {
      vd = (
        typeof body.VerificationData === 'string' ? JSON.parse(body.VerificationData) : (body.VerificationData ?? {})
      ) as Record<string, unknown>;
    } catch {
      return this.apiError('InvalidCanary', type, 'VerificationData is not valid JSON.');
    }
    const reg = this.registrations.get(String(vd.Canary ?? ''));
    if (!reg || reg.userId !== session.userId || reg.status !== 'attested' || !reg.credential)
      return this.apiError('InvalidCanary', type, 'The registration request is unknown or was already completed.');
    if (vd.CredentialId && String(vd.CredentialId).replace(/=+$/, '') !== reg.credential.id)
      return this.apiError('InvalidCanary', type, 'The credential does not match the registration request.');
    const s = this.strings();
    const cfg = this.config;
    const name = String(vd.Name ?? '').trim();
    if (!name) return this.apiError('InvalidName', type, s.nameRequired);
    if (cfg.maxNameLength > 0 && name.length > cfg.maxNameLength)
      return this.apiError('InvalidName', type, s.nameTooLong.replace('{max}', String(cfg.maxNameLength)));
    const user = this.t.findUser(session.userId)!;
    if (user.fido2Methods.length >= this.t.config.maxPasskeysPerUser) return this.apiError('MaxKeys', type);
    const c = reg.credential;
    if (this.t.users.some((u) => u.fido2Methods.some((m) => m.credentialId === c.id)))
      return this.apiError('AlreadyRegistered', type);
    const unattested = c.fmt === 'none' || c.aaguid === ZERO_AAGUID;
    const method: StoredFido2Method = {
      id: this.t.newMethodId(),
      displayName: name,
      createdDateTime: isoSeconds(this.t.now()),
      lastUsedDateTime: null,
      aaGuid: c.aaguid,
      model: modelForAaguid(c.aaguid),
      attestationCertificates: c.attestationCertificates,
      attestationLevel: unattested ? 'notAttested' : 'attested',
      passkeyType: c.deviceType === 'multiDevice' ? 'synced' : 'deviceBound',
      credentialId: c.id,
      publicKey: c.publicKey,
      counter: c.counter,
      transports: c.transports,
    };
    user.fido2Methods.push(method);
    reg.status = 'registered';
    return json(200, {
      Type: type,
      VerificationState: 2,
      ErrorCode: 0,
      DataUpdates: {
        FidoDevices: user.fido2Methods.map((m) => ({
          Id: m.id,
          CredentialId: m.credentialId,
          DisplayName: m.displayName,
          CreationTime: m.createdDateTime,
          AAGuid: m.aaGuid,
        })),
      },
    });
  }

  private deleteMethod(req: FakeRequest): FakeResponse {
    const body = this.readJson(req);
    const type = Number(body.Type ?? METHOD_TYPE.passkey);
    const session = this.apiSession(req);
    if (!session) return this.apiError('SessionExpired', type, undefined, 401);
    const user = this.t.findUser(session.userId)!;
    const id = String(body.Id ?? body.Data ?? '');
    if (type === METHOD_TYPE.tap) {
      if (!user.tap || user.tap.id !== id) return this.apiError('NotFound', type, 'The method was not found.');
      user.tap = null;
    } else {
      const before = user.fido2Methods.length;
      user.fido2Methods = user.fido2Methods.filter((m) => m.id !== id);
      if (user.fido2Methods.length === before) return this.apiError('NotFound', type, 'The method was not found.');
    }
    return json(200, { Type: type, VerificationState: 2, ErrorCode: 0 });
  }
}

/** An ASCII JWE-like compact string, as the real serverChallenge (its UTF-8 bytes are the WebAuthn challenge). */
function serverChallenge(): string {
  const head = b64url(JSON.stringify({ alg: 'dir', enc: 'A256GCM', kid: randomToken(6) }));
  return [head, '', randomToken(12), randomToken(96), randomToken(16)].join('.');
}
