/**
 * The views of Entra's shared sign-in page (login.microsoftonline.com / login.microsoft.com), modelled on
 * shared/reference/microsoft-pages.md §3 and §8: account picker, username, password, Temporary Access Pass,
 * "Stay signed in?", the "More information required" and Conditional Access interrupts, and the signed-out page.
 *
 * `renderSignInView(view, options)` is pure (no server state) and returns a whole HTML document, so unit tests
 * can load the exact markup the fake serves into happy-dom. The authority renders its pages through it.
 */
import { escapeHtml as e } from '../http.ts';
import { errorBlock, identityBanner, renderLoginPage } from '../login-page.ts';
import { defaultTapInput, type PagesLocale, type TapInputConfig } from './config.ts';
import { fmt, stringsFor, type Strings } from './i18n.ts';
import { defaultLook, htmlLang, LANG_LOCALE, type PageLook } from './look.ts';

export type SignInViewName =
  | 'picker'
  | 'username'
  | 'password'
  | 'tap'
  | 'kmsi'
  | 'proofUp'
  | 'conditionalAccess'
  | 'signedOut'
  | 'nudge'
  | 'nudgeError'
  | 'passkeyFirst';
export type SignInStyle = 'converged' | 'testid';

export interface SignInViewOptions {
  locale?: PagesLocale;
  /** `converged` (Entra, default) or `testid` (consumer-MSA-like markup, reference §3.9). */
  style?: SignInStyle;
  /** String overrides by key (see i18n.ts). */
  texts?: Record<string, string>;
  /** Form action; default `/common/login` (`/common/kmsi` for the KMSI view). */
  action?: string;
  /** Hidden inputs (flow token etc.); `fcView` is added automatically. */
  hidden?: Record<string, string>;
  /** Extra `$Config` values (sFT, iErrorCode, …); `pgid` is set per view. */
  config?: Record<string, unknown>;
  /** The account (identity banner, aria-labels). */
  upn?: string;
  /** Picker tiles. */
  accounts?: { upn: string; displayName: string }[];
  /** Username view: pre-filled value. */
  value?: string;
  /** Error message (trusted HTML) shown in `div[role=alert]`. */
  error?: string;
  /** Password view: show "Use your Temporary Access Pass instead". */
  tapLink?: boolean;
  /** TAP view: show "Use your password instead" (default true). */
  passwordLink?: boolean;
  /** TAP view: attributes of `input[name=accesspass]`. */
  tapInput?: Partial<TapInputConfig>;
  /** Conditional Access page: the AADSTS code in "More details" (default 53003). */
  errorCode?: number;
  requestId?: string;
  /** The page variant (look.ts): the username view's trap (`look.trap`); default: the original markup. */
  look?: PageLook;
}

/** `$Config.pgid` per view (ConvergedSignIn, KmsiBroker and ConvergedConditionalAccess are in the reference; the others invented). */
export const SIGNIN_PGID: Record<SignInViewName, string> = {
  picker: 'ConvergedSignIn',
  username: 'ConvergedSignIn',
  password: 'ConvergedSignIn',
  tap: 'ConvergedSignIn',
  kmsi: 'KmsiBroker',
  proofUp: 'ConvergedProofUpRedirect',
  conditionalAccess: 'ConvergedConditionalAccess',
  signedOut: 'SignOut',
  // Unknown (NONE public): the nudge and the passkey-first screen are views of the converged page here, so a driver
  // cannot tell them apart by pgid.
  nudge: 'ConvergedSignIn',
  nudgeError: 'ConvergedSignIn',
  passkeyFirst: 'ConvergedSignIn',
};

/** `data-viewid` per view (1 username and 2 password are Entra's; the others are labels of the fake). */
export const SIGNIN_VIEW_ID: Record<SignInViewName, string> = {
  picker: '24',
  username: '1',
  password: '2',
  tap: 'accesspass',
  kmsi: 'kmsi',
  proofUp: 'proofup',
  conditionalAccess: 'ca',
  signedOut: 'signout',
  nudge: 'nudge',
  nudgeError: 'nudgeerror',
  passkeyFirst: 'passkeyfirst',
};

/** Shared inline script: tiles and links post the form with a marker field. */
export const SIGNIN_SCRIPT = `function fcForm(){return document.forms.f1||document.forms.KmsiInterruptForm||document.forms[0];}
function fcPick(v){document.getElementById('fcPickInput').value=v;fcForm().submit();}
function fcSwitch(v){document.getElementById('fcSwitchInput').value=v;fcForm().submit();}
function fcKmsi(v){document.getElementById('fcKmsiInput').value=v;fcForm().submit();}`;

const PRIMARY_CLASS = 'win-button button_primary button ext-button primary ext-primary';
const SECONDARY_CLASS = 'win-button button_secondary button ext-button secondary ext-secondary';

/** Markup helpers that differ between the Entra (converged) and the data-testid style. */
class Kit {
  constructor(
    readonly style: SignInStyle,
    readonly s: Strings,
  ) {}

  get testid(): boolean {
    return this.style === 'testid';
  }

  /** The submit button (`#idSIButton9` / `button[data-testid=primaryButton]`). */
  primary(label: string, extra = ''): string {
    return this.testid
      ? `<button type="submit" data-testid="primaryButton" class="${PRIMARY_CLASS}" ${extra}>${e(label)}</button>`
      : `<input type="submit" id="idSIButton9" class="${PRIMARY_CLASS}" value="${e(label)}" data-report-event="Signin_Submit" ${extra}>`;
  }

  /** A secondary button (`#idBtn_Back` / `button[data-testid=secondaryButton]`). */
  secondary(label: string, onclick: string, id = 'idBtn_Back'): string {
    return this.testid
      ? `<button type="button" data-testid="secondaryButton" class="${SECONDARY_CLASS}" onclick="${e(onclick)}">${e(label)}</button>`
      : `<input type="button" id="${e(id)}" class="${SECONDARY_CLASS}" value="${e(label)}" onclick="${e(onclick)}">`;
  }

  buttons(...html: string[]): string {
    return `<div class="buttons">${html.join('\n')}</div>`;
  }

  /** Links under the fields: `<a role=link>` (Entra) or `[data-testid=viewFooter] [role=button]` (testid). */
  links(items: { label: string; id?: string; onclick?: string }[]): string {
    if (!items.length) return '';
    if (this.testid)
      return `<div data-testid="viewFooter" class="footer-links">${items
        .map(
          (i) =>
            `<span role="button" tabindex="0"${i.id ? ` id="${e(i.id)}"` : ''} onclick="${e(i.onclick ?? 'return false')}">${e(i.label)}</span>`,
        )
        .join('')}</div>`;
    return `<div class="links">${items
      .map(
        (i) =>
          `<div><a role="link" href="#"${i.id ? ` id="${e(i.id)}"` : ''} onclick="${e(`${i.onclick ?? ''};return false`)}">${e(i.label)}</a></div>`,
      )
      .join('')}</div>`;
  }
}

function kitFor(o: SignInViewOptions): { kit: Kit; s: Strings } {
  const s = stringsFor(o.locale ?? 'en', o.texts ?? {});
  return { kit: new Kit(o.style ?? 'converged', s), s };
}

const DEFAULT_UPN = 'adelev@contoso.onmicrosoft.com';

// ---------------------------------------------------------------------------------------------
// View bodies

function pickerBody(kit: Kit, o: SignInViewOptions): string {
  const s = kit.s;
  const tiles = (o.accounts ?? [])
    .map((a) => {
      const js = e(`fcPick(${JSON.stringify(a.upn)})`);
      return `
        <div class="table tile" role="listitem" tabindex="0" data-test-id="${e(a.upn)}"${kit.testid ? ' data-testid="accountTile"' : ''} aria-label="${e(fmt(s.tileAria, { upn: a.upn }))}" onclick="${js}" onkeydown="if(event.key==='Enter'){${js}}">
          <div class="avatar" aria-hidden="true">${e(a.displayName.slice(0, 1))}</div>
          <div class="content"><div>${e(a.displayName)}</div><small>${e(a.upn)}</small><small>${e(s.signedIn)}</small></div>
        </div>`;
    })
    .join('');
  return `
      <div id="tilesHolder" role="list" class="tile-container">
        ${tiles}
        <div id="otherTile" class="table tile" role="listitem" tabindex="0" data-test-id="otherTile" onclick="fcPick('other')" onkeydown="if(event.key==='Enter')fcPick('other')">
          <div class="avatar" aria-hidden="true">+</div>
          <div id="otherTileText" class="content">${e(s.useAnotherAccount)}</div>
        </div>
      </div>
      <input type="hidden" name="pick" id="fcPickInput" value="">`;
}

function usernameBody(kit: Kit, o: SignInViewOptions, lang: string): string {
  const s = kit.s;
  const id = kit.testid ? 'usernameEntry' : 'i0116';
  return `
      ${errorBlock('usernameError', o.error)}
      <div class="row">
        <input type="email" name="loginfmt" id="${id}" maxlength="113" lang="${e(lang)}" class="form-control ltr_override input ext-input text-box ext-text-box"
          aria-required="true" aria-label="${e(s.usernameAria)}" placeholder="${e(s.usernamePlaceholder)}" autocomplete="username"
          value="${e(o.value ?? '')}" ${o.error ? 'aria-describedby="usernameError"' : ''} autofocus>
        ${
          (o.look ?? defaultLook()).trap === 'moveOffScreen'
            ? '<input name="passwd" type="password" id="i0118" autocomplete="off" class="form-control input ext-input text-box ext-text-box moveOffScreen" tabindex="-1" aria-hidden="true">'
            : // a real box, off-screen, no aria-hidden and no telling class: passes offsetParent/size checks
              '<input name="passwd" type="password" id="i0118" autocomplete="off" class="form-control input ext-input text-box ext-text-box" tabindex="-1" style="position:absolute;left:-10000px;top:0;width:300px;height:32px">'
        }
      </div>
      ${kit.links([
        { label: s.cantAccess, id: kit.testid ? undefined : 'cantAccessAccount' },
        { label: s.signInOptions, id: kit.testid ? undefined : 'idA_PWD_SwitchToCredPicker' },
      ])}
      ${kit.buttons(kit.primary(s.next))}`;
}

function passwordBody(kit: Kit, o: SignInViewOptions): string {
  const s = kit.s;
  const upn = o.upn ?? DEFAULT_UPN;
  const input = kit.testid
    ? `<input name="passwd" type="password" id="passwordEntry" data-testid="passwordEntry"`
    : `<input name="passwd" type="password" id="i0118"`;
  const links: { label: string; id?: string; onclick?: string }[] = [
    { label: s.forgotPassword, id: kit.testid ? undefined : 'idA_PWD_ForgotPassword' },
  ];
  if (o.tapLink) links.push({ label: s.useTapInstead, onclick: "fcSwitch('tap')" });
  links.push({ label: s.otherWays, id: kit.testid ? undefined : 'idA_PWD_SwitchToCredPicker' });
  return `
      ${errorBlock('passwordError', o.error)}
      <div class="row">
        ${input} autocomplete="off" class="form-control input ext-input text-box ext-text-box"
          aria-required="true" placeholder="${e(s.passwordPlaceholder)}" aria-label="${e(fmt(s.passwordAria, { upn }))}" ${o.error ? 'aria-describedby="passwordError"' : ''} autofocus>
      </div>
      ${kit.links(links)}
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="">
      ${kit.buttons(kit.primary(s.signInButton))}`;
}

function tapBody(kit: Kit, o: SignInViewOptions): string {
  const s = kit.s;
  const ti: TapInputConfig = { ...defaultTapInput(), ...(o.tapInput ?? {}) };
  const placeholder = ti.placeholder === undefined ? s.tapPlaceholder : ti.placeholder;
  const aria = ti.ariaLabel === undefined ? s.tapAria : ti.ariaLabel;
  const attrs = [
    'name="accesspass"',
    `type="${ti.type === 'text' ? 'text' : 'password'}"`,
    ti.id ? `id="${e(ti.id)}"` : '',
    kit.testid ? 'data-testid="accessPassEntry"' : '',
    placeholder !== null ? `placeholder="${e(placeholder)}"` : '',
    aria !== null ? `aria-label="${e(aria)}"` : '',
    ti.autocomplete !== null ? `autocomplete="${e(ti.autocomplete)}"` : '',
    ti.maxlength !== null ? `maxlength="${ti.maxlength}"` : '',
    o.error ? `aria-describedby="${e(ti.errorId)}" aria-invalid="true"` : '',
    'aria-required="true"',
    'class="form-control input ext-input text-box ext-text-box"',
    'autofocus',
  ].filter(Boolean);
  const links = o.passwordLink === false ? [] : [{ label: s.usePasswordInstead, onclick: "fcSwitch('password')" }];
  return `
      ${errorBlock(ti.errorId, o.error)}
      <div class="row">
        <input ${attrs.join(' ')}>
      </div>
      ${kit.links(links)}
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="">
      <input type="hidden" name="ps" value="56">
      ${kit.buttons(kit.primary(s.signInButton))}`;
}

function kmsiBody(kit: Kit): string {
  const s = kit.s;
  const yes = kit.primary(s.yes, 'aria-describedby="KmsiDescription"');
  return `
      <div id="KmsiDescription" class="row text-body">${e(s.kmsiDescription)}</div>
      <div class="row"><label><input type="checkbox" name="DontShowAgain" id="KmsiCheckboxField" value="true"> <span>${e(s.kmsiDontShow)}</span></label></div>
      <input type="hidden" name="kmsi" id="fcKmsiInput" value="yes">
      ${kit.buttons(kit.secondary(s.no, "fcKmsi('no')"), yes)}`;
}

function proofUpBody(kit: Kit): string {
  const s = kit.s;
  return `
      <div id="ProofUpDescription" class="row text-body">${e(s.proofUpDescription)}</div>
      ${kit.links([{ label: s.proofUpOtherAccount, onclick: "fcSwitch('otherAccount')" }, { label: s.learnMore }])}
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="">
      <div class="buttons">${
        kit.testid
          ? `<button type="submit" id="idSubmit_ProofUp_Redirect" data-testid="primaryButton" class="${PRIMARY_CLASS}">${e(s.next)}</button>`
          : `<input type="submit" id="idSubmit_ProofUp_Redirect" class="${PRIMARY_CLASS}" value="${e(s.next)}">`
      }</div>`;
}

function conditionalAccessBody(kit: Kit, o: SignInViewOptions): string {
  const s = kit.s;
  const code = o.errorCode ?? 53003;
  return `
      <div id="idTD_Error" role="alert" aria-live="assertive">
        <div id="errorDescription" class="row text-body">${e(s.caDescription)}</div>
      </div>
      ${kit.links([{ label: s.caSignOut, id: 'idA_CA_SignOut', onclick: "fcSwitch('otherAccount')" }])}
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="">
      <details class="debug" id="debugDetails"><summary>${e(s.caMoreDetails)}</summary>
        <div>Request Id: <span id="requestId">${e(o.requestId ?? '00000000-0000-0000-0000-000000000000')}</span></div>
        <div>Error code: <span id="errorCode">${code}</span></div>
        <div>Message: <span id="errorMessage">AADSTS${code}: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.</span></div>
      </details>`;
}

/** The registration-campaign passkey nudge (Sept 2026): "Next", "Other options", "Skip for now" (reference §10.5). */
function nudgeBody(kit: Kit): string {
  const s = kit.s;
  return `
      <div id="nudgeDescription" class="row text-body">${e(s.nudgeText)}</div>
      ${kit.links([{ label: s.otherOptions, onclick: "fcSwitch('nudgeOther')" }])}
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="">
      ${kit.buttons(kit.secondary(s.skipForNow, "fcSwitch('nudgeSkip')"), kit.primary(s.next))}`;
}

/** The campaign's error screen, which offers "Skip" (reference §10.1.7). */
function nudgeErrorBody(kit: Kit): string {
  const s = kit.s;
  return `
      <div role="alert" aria-live="assertive"><div id="nudgeError" class="row text-body">${e(s.nudgeErrorText)}</div></div>
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="nudgeSkip">
      ${kit.buttons(kit.primary(s.skip))}`;
}

/** A passkey-first sign-in screen; "Use your password instead" is `#idA_PWD_SwitchToPassword` (reference §10.2.5). */
function passkeyFirstBody(kit: Kit): string {
  const s = kit.s;
  return `
      <div id="passkeyFirstDescription" class="row text-body">${e(s.passkeyFirstText)}</div>
      ${kit.links([
        {
          label: s.usePasswordInstead,
          id: kit.testid ? undefined : 'idA_PWD_SwitchToPassword',
          onclick: "fcSwitch('password')",
        },
        { label: s.otherWays, onclick: "fcSwitch('password')" },
      ])}
      <input type="hidden" name="switchTo" id="fcSwitchInput" value="">
      ${kit.buttons(kit.primary(s.next, 'disabled aria-disabled="true"'))}`;
}

function signedOutBody(s: Strings): string {
  return `<div class="row text-body" id="SignOutStatusMessage">${e(s.signedOutText)}</div>`;
}

// ---------------------------------------------------------------------------------------------

/** Renders one sign-in view as a whole HTML document (the fake's exact markup). */
export function renderSignInView(view: SignInViewName, o: SignInViewOptions = {}): string {
  return withPageMeta(signInPage(view, o), SIGNIN_PGID[view], o.locale ?? 'en');
}

/** Adds the page identity and real language as Entra exposes them (reference §10.2.1): PageID, ReqLC (LCID), LocLC. */
export function withPageMeta(page: string, pgid: string, lang: PagesLocale): string {
  const loc = LANG_LOCALE[lang] ?? LANG_LOCALE.en;
  const meta = `<meta name="PageID" content="${e(pgid)}"><meta name="SiteID" content=""><meta name="ReqLC" content="${loc.lcid}"><meta name="LocLC" content="${e(loc.mkt)}">`;
  return page.replace('<meta charset="utf-8">', `<meta charset="utf-8">${meta}`);
}

function signInPage(view: SignInViewName, o: SignInViewOptions): string {
  const { kit, s } = kitFor(o);
  const lang = htmlLang(o.locale ?? 'en');
  const loc = LANG_LOCALE[o.locale ?? 'en'] ?? LANG_LOCALE.en;
  const upn = o.upn ?? DEFAULT_UPN;
  const tenantAction = (tail: string) => o.action ?? `/common/${tail}`;
  const base = {
    lang,
    style: kit.style,
    documentTitle: s.documentTitle,
    viewId: SIGNIN_VIEW_ID[view],
    hidden: {
      fcView: view === 'proofUp' ? 'proofup' : view === 'conditionalAccess' ? 'ca' : view,
      ...(o.hidden ?? {}),
    },
    config: { ...(o.config ?? {}), pgid: SIGNIN_PGID[view], locale: { mkt: loc.mkt, lcid: loc.lcid } },
    script: SIGNIN_SCRIPT,
  };
  switch (view) {
    case 'picker':
      return renderLoginPage({
        ...base,
        title: s.pickAccount,
        action: tenantAction('login'),
        body: pickerBody(kit, o),
      });
    case 'username':
      return renderLoginPage({
        ...base,
        title: s.signIn,
        action: tenantAction('login'),
        body: usernameBody(kit, o, lang),
      });
    case 'password':
      return renderLoginPage({
        ...base,
        title: s.enterPassword,
        action: tenantAction('login'),
        identityBanner: identityBanner(upn, s.back),
        body: passwordBody(kit, o),
        hidden: { login: upn, loginfmt: upn, ps: '2', ...base.hidden },
      });
    case 'tap':
      return renderLoginPage({
        ...base,
        title: s.enterTap,
        action: tenantAction('login'),
        identityBanner: identityBanner(upn, s.back),
        body: tapBody(kit, o),
        hidden: { login: upn, loginfmt: upn, ...base.hidden },
      });
    case 'kmsi':
      return renderLoginPage({
        ...base,
        title: s.kmsiTitle,
        action: tenantAction('kmsi'),
        formName: kit.testid ? 'KmsiInterruptForm' : 'f1',
        body: kmsiBody(kit),
      });
    case 'proofUp':
      return renderLoginPage({
        ...base,
        title: s.proofUpTitle,
        action: tenantAction('login'),
        identityBanner: identityBanner(upn, s.back),
        body: proofUpBody(kit),
      });
    case 'conditionalAccess':
      return renderLoginPage({
        ...base,
        title: s.caTitle,
        action: tenantAction('login'),
        body: conditionalAccessBody(kit, o),
        config: { ...base.config, iErrorCode: o.errorCode ?? 53003 },
      });
    case 'signedOut':
      return renderLoginPage({ ...base, title: s.signedOutTitle, body: signedOutBody(s), script: undefined });
    case 'nudge':
      return renderLoginPage({
        ...base,
        title: s.signInFasterTitle,
        action: tenantAction('login'),
        body: nudgeBody(kit),
      });
    case 'nudgeError':
      return renderLoginPage({
        ...base,
        title: s.nudgeErrorTitle,
        action: tenantAction('login'),
        body: nudgeErrorBody(kit),
      });
    case 'passkeyFirst':
      return renderLoginPage({
        ...base,
        title: s.passkeyFirstTitle,
        action: tenantAction('login'),
        identityBanner: identityBanner(upn, s.back),
        body: passkeyFirstBody(kit),
        hidden: { login: upn, loginfmt: upn, ...base.hidden },
      });
  }
}

/** Renders the signed-out page ("You signed out of your account"). */
export function renderSignedOut(o: Pick<SignInViewOptions, 'locale' | 'style' | 'texts'> = {}): string {
  return renderSignInView('signedOut', o);
}
