/**
 * Runtime configuration of the fake Microsoft pages (guided / Temporary Access Pass flow).
 *
 * Lives at `fake.config.pages` (= `tenant.config.pages`), so tests flip it like any other knob:
 * `fake.pages.configure({ variant: 'legacy', locale: 'de' })`, `fake.config.pages.kmsi = false`, or
 * `PATCH https://fake-control.local/__control/pages {"locale":"de"}`. Everything marked NONE / L in
 * shared/reference/microsoft-pages.md is a parameter here.
 */

import type { AuthFlow } from '../authority.ts';
import { langFor, resolveLook, type PageLang, type PageLook } from './look.ts';

/** The page language (the fake user's browser language; `?lng=` / `mkt=` may override it per request, see look.ts). */
export type PagesLocale = PageLang;

/** Attributes of `input[name=accesspass]`: nothing public is known beyond the name (reference §3.5/§7). */
export interface TapInputConfig {
  /** `id` of the input; `null` = no id attribute. */
  id: string | null;
  type: 'password' | 'text';
  /** `null` = no placeholder attribute; `undefined`/absent = the locale's default ("Temporary Access Pass"). */
  placeholder?: string | null;
  /** `null` = no aria-label; absent = the locale's default ("Enter Temporary Access Pass"). */
  ariaLabel?: string | null;
  autocomplete: string | null;
  maxlength: number | null;
  /** id of the error element inside `div[role=alert]` when a pass is refused. */
  errorId: string;
}

export type TapErrorKind = 'wrong' | 'empty' | 'expired' | 'used' | 'notYetValid' | 'blocked';

export interface PagesConfig {
  /** Serve the pages at all (My Sign-ins, fido/create, TAP view, interrupts). Off = mysignins answers 404. */
  enabled: boolean;
  /** `current`: "+ Add sign-in method" → "Passkey" (2024+). `legacy`: combobox → "Security key" → USB/NFC (2019–2024). */
  variant: 'current' | 'legacy';
  /** Visible texts (and aria-labels/placeholders); ids, names, roles, routes stay the same. Stands for the browser
   *  language: `?lng=` on My Sign-ins and `mkt=`/`lc=` on authorize override it unless `look.langRequest` says not. */
  locale: PagesLocale;
  /** The page variant: a named look (see NAMED_LOOKS in look.ts) or the axes that differ from the default. */
  look: string | Partial<PageLook>;
  /** `converged`: Entra's ConvergedSignIn markup. `testid`: consumer-MSA-like `data-testid` markup (reference §3.9). */
  signInStyle: 'converged' | 'testid';
  /** "Stay signed in?" in the My Sign-ins sign-in (the extension's own sign-in keeps `config.showKmsi`). */
  kmsi: boolean;
  /** The "Sign in faster with your face, fingerprint, or PIN" dialog before leaving for fido/create. */
  signInFasterStep: boolean;
  /** "More information required" (`#ProofUpDescription`) after the credentials, once per sign-in. */
  proofUpInterrupt: boolean;
  /** A Conditional Access block page (`pgid` ConvergedConditionalAccess) after the credentials. */
  conditionalAccess: boolean;
  /** When the TAP view appears after the username: `present` = the user still has a TAP (an expired or used one
   *  is refused on submit, as Entra keeps prompting for a while); `usable` = only for a usable TAP. */
  tapView: 'present' | 'usable';
  tapInput: TapInputConfig;
  /** Override the error texts of the TAP view (default: the locale's table). */
  tapErrors: Partial<Record<TapErrorKind, string>>;
  /** Override any UI string by key (see STRINGS in i18n.ts), for the active locale. */
  texts: Record<string, string>;
  /** `prompt` My Sign-ins sends to authorize; `null` (default) = none, so one signed-in account means silent SSO. */
  mySignInsPrompt: string | null;
  /** Adding a passkey/security key needs an MFA sign-in (a TAP counts); else the two-factor banner. */
  requireMfaForRegistration: boolean;
  /** My Sign-ins session lifetime. */
  sessionLifetimeMinutes: number;
  /** A session from a one-time TAP sign-in ends after this ("complete the registration within 10 minutes"). */
  oneTimeTapSessionMinutes: number;
  /** `requestData.authenticator` for the Passkey flow (`null` = not set); the legacy flow always sends cross-platform. */
  passkeyAuthenticatorAttachment: 'platform' | 'cross-platform' | null;
  /** The fido/create page calls create() on load instead of waiting for Next. */
  fidoCreateAutoStart: boolean;
  /** Pre-fill of the name field after the ceremony: the authenticator model (AAGUID) or empty. */
  namePrefill: 'model' | 'empty';
  /** Limit the naming dialog enforces (maxlength) and the verify API checks. */
  maxNameLength: number;
}

export function defaultTapInput(): TapInputConfig {
  return { id: null, type: 'password', autocomplete: 'off', maxlength: null, errorId: 'accessPassError' };
}

export function defaultPagesConfig(): PagesConfig {
  return {
    enabled: true,
    variant: 'current',
    locale: 'en',
    look: {},
    signInStyle: 'converged',
    kmsi: true,
    signInFasterStep: true,
    proofUpInterrupt: false,
    conditionalAccess: false,
    tapView: 'present',
    tapInput: defaultTapInput(),
    tapErrors: {},
    texts: {},
    mySignInsPrompt: null,
    requireMfaForRegistration: true,
    sessionLifetimeMinutes: 60,
    oneTimeTapSessionMinutes: 10,
    passkeyAuthenticatorAttachment: null,
    fidoCreateAutoStart: false,
    namePrefill: 'model',
    maxNameLength: 30,
  };
}

export type PagesConfigPatch = Partial<Omit<PagesConfig, 'tapInput'>> & { tapInput?: Partial<TapInputConfig> };

/** Merges a patch into a pages config (tapInput, tapErrors and texts one level deeper). Mutates and returns `target`. */
export function mergePagesConfig(target: PagesConfig, patch: PagesConfigPatch | undefined): PagesConfig {
  if (!patch) return target;
  const { tapInput, tapErrors, texts, ...rest } = patch;
  Object.assign(target, rest);
  if (tapInput) target.tapInput = { ...defaultTapInput(), ...target.tapInput, ...tapInput };
  if (tapErrors) target.tapErrors = { ...target.tapErrors, ...tapErrors };
  if (texts) target.texts = { ...target.texts, ...texts };
  return target;
}

/** A complete pages config from whatever is stored (tolerates partial objects set through the control endpoint). */
export function resolvePagesConfig(stored: Partial<PagesConfig> | undefined): PagesConfig {
  const d = defaultPagesConfig();
  if (!stored) return d;
  return {
    ...d,
    ...stored,
    tapInput: { ...d.tapInput, ...(stored.tapInput ?? {}) },
    tapErrors: { ...(stored.tapErrors ?? {}) },
    texts: { ...(stored.texts ?? {}) },
  };
}

/** The effective look of a config: `look` plus the older switches that mean the same (kmsi, proofUpInterrupt,
 *  signInStyle), so either way of asking works. */
export function effectiveLook(cfg: PagesConfig): PageLook {
  const look = resolveLook(cfg.look);
  if (!cfg.kmsi) look.kmsi = 'off';
  if (cfg.proofUpInterrupt) look.proofUp = 'on';
  if (cfg.signInStyle === 'testid') look.signInStyle = 'testid';
  return look;
}

/** The language of a sign-in page of this flow: the requested one (`mkt`/`lc`) when the look honours it. */
export function flowLang(cfg: PagesConfig, flow: AuthFlow | undefined, countPage = true): PageLang {
  if (!flow) return cfg.locale;
  const requested = langFor(flow.data.requestedLocale as string | undefined);
  const mode = effectiveLook(cfg).langRequest;
  if (!requested || mode === 'ignored') return cfg.locale;
  if (mode === 'firstPage') {
    // Counted per rendered page: later (form-POSTed) pages of the flow fall back to the browser language.
    const n = ((flow.data.pagesRendered as number | undefined) ?? 0) + 1;
    if (countPage) flow.data.pagesRendered = n;
    return n === 1 ? requested : cfg.locale;
  }
  return requested;
}

/** The language of a My Sign-ins page: `?lng=` of this request, else the session's (sticky, as Microsoft caches the
 *  last language), else the configured one; `look.langRequest: 'ignored'` always gives the configured one. */
export function mySignInsLang(cfg: PagesConfig, queryLng: string | null, sessionLng?: PageLang): PageLang {
  if (effectiveLook(cfg).langRequest === 'ignored') return cfg.locale;
  return langFor(queryLng) ?? sessionLng ?? cfg.locale;
}
