/**
 * The fake Microsoft pages of the guided (Temporary Access Pass) flow: the TAP/KMSI/interrupt views of the sign-in,
 * My Sign-ins → Security info, login.microsoft.com/{tenant}/fido/create and the newfido postback.
 * See docs/fake-cloud.md → "Pages".
 *
 * Pure render functions (no server needed) for unit tests that load the exact fake markup into happy-dom:
 *   renderSignInView(view, options), renderSignedOut(options), renderSecurityInfo(state, options),
 *   renderDialog(name, state, options), renderMethodsList(state, options), renderBanner(text),
 *   renderFidoCreate(options), renderNewFidoResult(options).
 */
import type { Authority } from '../authority.ts';
import type { FakeRequest, FakeResponse } from '../http.ts';
import type { FakeTenant } from '../tenant.ts';
import { mergePagesConfig, resolvePagesConfig, type PagesConfig, type PagesConfigPatch } from './config.ts';
import { MY_SIGNINS_COOKIE, MySignIns, type MySignInsSession, type Registration } from './mysignins.ts';
import { installSignInFlow } from './signin-flow.ts';

export {
  defaultPagesConfig,
  defaultTapInput,
  mergePagesConfig,
  resolvePagesConfig,
  type PagesConfig,
  type PagesConfigPatch,
  type PagesLocale,
  type TapErrorKind,
  type TapInputConfig,
} from './config.ts';
export { STRINGS, stringsFor, fmt, tapErrorText, TAP_ERROR_CODE, type StringKey, type Strings } from './i18n.ts';
export {
  renderSignInView,
  renderSignedOut,
  SIGNIN_PGID,
  SIGNIN_VIEW_ID,
  type SignInViewName,
  type SignInViewOptions,
  type SignInStyle,
} from './signin-views.ts';
export {
  renderSecurityInfo,
  renderDialog,
  renderMethodsList,
  renderBanner,
  CURRENT_DIALOGS,
  LEGACY_DIALOGS,
  type SecurityInfoDialog,
  type SecurityInfoMethod,
  type SecurityInfoOptions,
  type SecurityInfoState,
  type SecurityInfoVariant,
} from './security-info.ts';
export {
  renderFidoCreate,
  renderNewFidoResult,
  NEWFIDO_FIELDS,
  type FidoCreateOptions,
  type FidoCreateRequest,
} from './fido-create.ts';
export {
  MySignIns,
  MY_SIGNINS_CLIENT_ID,
  MY_SIGNINS_HOST,
  MY_SIGNINS_ORIGIN,
  MY_SIGNINS_REDIRECT_URI,
  MY_SIGNINS_SCOPE,
  MY_SIGNINS_COOKIE,
  FIDO_HOST,
  METHOD_TYPE,
  type MySignInsSession,
  type Registration,
} from './mysignins.ts';
export { TAP_AMR, tapViewApplies } from './signin-flow.ts';

/** A login-host session (ESTSAUTH) seen from one of its users. */
export interface LoginSessionOf {
  app: 'login';
  id: string;
  userId: string;
  /** Everyone signed in to that session (the browser's accounts). */
  userIds: string[];
}

/** A cookie as a browser reports it (CDP / Playwright `context.cookies()`). */
export interface HeldCookie {
  name: string;
  value: string;
  domain: string;
}

/** `fake.pages`: configuration and state of the fake pages. */
export interface FakePages {
  /** The effective configuration (a resolved copy; change it with configure() or `fake.config.pages.x = …`). */
  readonly config: PagesConfig;
  /** Merges into `fake.config.pages` (tapInput, tapErrors, texts one level deeper); returns the result. */
  configure(patch: PagesConfigPatch): PagesConfig;
  /** Back to the defaults (plus the start options' `pages`). */
  resetConfig(): PagesConfig;
  /** My Sign-ins backend: sessions, pending sign-ins, passkey registrations. */
  mySignIns: MySignIns;
  /** Live My Sign-ins sessions. */
  readonly sessions: MySignInsSession[];
  /**
   * A live session of a user (id or UPN) in any app: My Sign-ins' own session first, else a login-host (ESTSAUTH)
   * session the user is signed in to. Server-side truth: a session whose cookie a browser dropped still counts here;
   * ask sessionsHeldBy() what a browser still holds.
   */
  sessionFor(idOrUpn: string): MySignInsSession | LoginSessionOf | undefined;
  /** Every live session of a user, both apps; with `held`, only those whose cookie is in the list (a browser's jar). */
  sessionsOf(idOrUpn: string, held?: HeldCookie[]): (MySignInsSession | LoginSessionOf)[];
  /** Registrations (newest last): status issued → attested → registered | failed. */
  readonly registrations: Registration[];
  /** Ends My Sign-ins sessions (all, or of these user ids/UPNs). */
  endSessions(users?: string[]): number;
  /** Forgets sessions and registrations. */
  reset(): void;
  /** Request handler for mysignins.microsoft.com and the login hosts (fido/create); undefined = not ours. */
  handle(req: FakeRequest): Promise<FakeResponse | undefined>;
}

export function installPages(deps: {
  tenant: FakeTenant;
  authority: Authority;
  initial?: PagesConfigPatch;
}): FakePages {
  const { tenant, authority } = deps;
  const mySignIns = new MySignIns(tenant, authority);
  installSignInFlow(authority, tenant);
  const pages: FakePages = {
    get config() {
      return resolvePagesConfig(tenant.config.pages);
    },
    configure(patch) {
      // In place, so references to fake.config.pages stay live.
      const stored = (tenant.config.pages ??= resolvePagesConfig(undefined));
      Object.assign(stored, resolvePagesConfig(stored));
      return mergePagesConfig(stored, patch);
    },
    resetConfig() {
      const fresh = mergePagesConfig(resolvePagesConfig(undefined), deps.initial);
      const stored = (tenant.config.pages ??= fresh);
      for (const k of Object.keys(stored)) delete (stored as unknown as Record<string, unknown>)[k];
      return Object.assign(stored, fresh);
    },
    mySignIns,
    get sessions() {
      return [...mySignIns.sessions.values()];
    },
    sessionFor: (idOrUpn) => pages.sessionsOf(idOrUpn)[0],
    sessionsOf(idOrUpn, held) {
      const u = tenant.findUser(idOrUpn);
      if (!u) return [];
      const has = (host: RegExp, names: string[], value: (v: string) => string, id: string) =>
        !held ||
        held.some((c) => host.test(c.domain.replace(/^\./, '')) && names.includes(c.name) && value(c.value) === id);
      const mine = [...mySignIns.sessions.values()].filter(
        (s) =>
          s.userId === u.id &&
          s.expiresMs > tenant.now() &&
          has(/^mysignins\.microsoft\.com$/, [MY_SIGNINS_COOKIE], (v) => v, s.id),
      );
      const login = [...authority.sessions.values()]
        .filter(
          (s) =>
            s.userIds.includes(u.id) &&
            has(
              /^login\.microsoft(online)?\.com$/,
              ['ESTSAUTH', 'ESTSAUTHPERSISTENT', 'ESTSAUTHLIGHT'],
              (v) => v.replace(/^\+/, ''),
              s.id,
            ),
        )
        .map((s): LoginSessionOf => ({ app: 'login', id: s.id, userId: u.id, userIds: [...s.userIds] }));
      return [...mine, ...login];
    },
    get registrations() {
      return [...mySignIns.registrations.values()];
    },
    endSessions(users) {
      if (!users) {
        const n = mySignIns.sessions.size;
        mySignIns.sessions.clear();
        return n;
      }
      const ids = users.map((u) => tenant.findUser(u)?.id ?? u);
      return mySignIns.endSessionsOf(ids);
    },
    reset() {
      mySignIns.reset();
    },
    async handle(req) {
      if (req.host === 'mysignins.microsoft.com') return mySignIns.handle(req);
      return mySignIns.handleLogin(req);
    },
  };
  return pages;
}
