/**
 * Recognises Entra sign-in views (login.microsoftonline.com / login.microsoft.com). Language-neutral anchors first:
 * URL route, `meta[name=PageID]` / `$Config.pgid`, `$Config.sErrorCode`, input names (loginfmt, accesspass, passwd,
 * DontShowAgain), ids and `data-report-event`; then roles and accessible names against the page language's texts.
 * The view is decided before any field is picked (the off-screen `passwd` trap on the username view, §10.2.4).
 * Pure over a Document: unit-tested over the fake's page variants.
 */
import {
  clickableNamed,
  configValue,
  headings,
  isUsableField,
  meta,
  pageLang,
  textOf,
  visible,
  withStyleCache,
} from './dom';
import { matches, type TextKey } from './texts';

/** `tap-invalid`: refused as wrong or not valid yet (often a pass too new to have reached every server). */
export type TapError = 'tap-expired' | 'tap-blocked' | 'tap-invalid' | 'tap-rejected';

export type SignInView =
  | { kind: 'picker'; useAnother: HTMLElement | null; tile: (upn: string) => HTMLElement | null }
  | { kind: 'username'; input: HTMLInputElement; next: HTMLElement | null; error?: string }
  | { kind: 'tap'; input: HTMLInputElement; submit: HTMLElement | null; error?: string; errorKind?: TapError }
  | { kind: 'password'; useTap: HTMLElement | null; error?: string; errorKind?: TapError }
  /** Passkey- or Authenticator-first screen: "Use your password instead" leads to the pass. */
  | { kind: 'passwordless'; usePassword: HTMLElement | null }
  | { kind: 'kmsi'; no: HTMLElement | null }
  | { kind: 'proofup'; next: HTMLElement | null }
  /** The registration campaign's passkey nudge after sign-in: skipped (we register through Security info). */
  | { kind: 'nudge'; skip: HTMLElement | null }
  | { kind: 'mfa' }
  | { kind: 'conditional-access' }
  | { kind: 'fido-create'; next: HTMLElement | null; error?: string }
  | { kind: 'passkey-not-registered'; message: string }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string; errorKind?: TapError }
  | { kind: 'unknown' };

function alertText(doc: Document): string | undefined {
  for (const sel of [
    '#usernameError',
    '#passwordError',
    '#accesspassError',
    '#accessPassError',
    '[role=alert]',
    '#errorText',
    '#error',
    '#idTD_Error',
  ]) {
    const t = textOf(visible(doc, sel));
    if (t) return t;
  }
  return configValue(doc, 'strServiceExceptionMessage') || configValue(doc, 'sErrTxt') || undefined;
}

export function classifyTapError(doc: Document, text: string | undefined, lang = 'en'): TapError | undefined {
  // The wrong-pass code is a string in $Config (reference §10.2.3): language-neutral, so first.
  if (configValue(doc, 'sErrorCode') === 'InvalidAccessPass') return 'tap-invalid';
  if (!text) return undefined;
  if (matches('tapExpired', text, lang)) return 'tap-expired';
  if (matches('tapBlocked', text, lang)) return 'tap-blocked';
  if (matches('tapIncorrect', text, lang) || matches('tapNotFound', text, lang)) return 'tap-invalid';
  return undefined;
}

/** `#idSIButton9` is Next, Sign in and Yes alike: used only once the view is known. */
const submitButton = (doc: Document) =>
  visible(doc, '#idSIButton9') ??
  visible(doc, '[data-report-event=Signin_Submit], button[data-testid=primaryButton]') ??
  visible(doc, 'input[type=submit], button[type=submit]');

export function pageId(doc: Document): string | undefined {
  return meta(doc, 'PageID') ?? configValue(doc, 'pgid');
}

export function recogniseSignIn(doc: Document, url: URL) {
  return withStyleCache(() => recogniseSignInNow(doc, url));
}

function recogniseSignInNow(doc: Document, url: URL): SignInView {
  const lang = pageLang(doc);
  const pgid = pageId(doc);
  const heads = headings(doc);
  const headed = (key: TextKey) => heads.some((h) => matches(key, h, lang));
  const named = (key: TextKey) => clickableNamed(doc, (n) => matches(key, n, lang));
  const error = alertText(doc);

  if (error && matches('passkeyNotRegistered', error, lang)) return { kind: 'passkey-not-registered', message: error };

  if (/\/fido\/(create|update)/i.test(url.pathname))
    return { kind: 'fido-create', next: named('next') ?? submitButton(doc), error };

  if (
    pgid === 'KmsiInterrupt' ||
    pgid === 'KmsiBroker' ||
    visible(doc, '#KmsiDescription') ||
    visible(doc, 'input[name=DontShowAgain]') ||
    visible(doc, 'form[name=KmsiInterruptForm]') ||
    headed('staySignedIn')
  )
    return {
      kind: 'kmsi',
      no: visible(doc, '#idBtn_Back') ?? visible(doc, 'button[data-testid=secondaryButton]') ?? named('no'),
    };

  const tap = visible<HTMLInputElement>(doc, 'input[name=accesspass]');
  if (isUsableField(tap))
    return {
      kind: 'tap',
      input: tap,
      submit: submitButton(doc),
      error,
      errorKind: classifyTapError(doc, error, lang) ?? (error ? 'tap-rejected' : undefined),
    };

  if (pgid === 'ConvergedConditionalAccess') return { kind: 'conditional-access' };
  if (
    pgid === 'ConvergedProofUpRedirect' ||
    visible(doc, '#ProofUpDescription') ||
    visible(doc, '#idSubmit_ProofUp_Redirect') ||
    headed('moreInfoRequired')
  )
    return { kind: 'proofup', next: visible(doc, '#idSubmit_ProofUp_Redirect') ?? named('next') };
  if (
    pgid === 'ConvergedTFA' ||
    visible(doc, '#idDiv_SAOTCAS_Description') ||
    visible(doc, 'input[name=otc]') ||
    visible(doc, '#idDiv_SAOTCS_Proofs')
  )
    return { kind: 'mfa' };

  // The username view first: its off-screen password field must not make it a password view.
  const username = visible<HTMLInputElement>(doc, 'input[name=loginfmt], input#usernameEntry');
  if (isUsableField(username)) return { kind: 'username', input: username, next: submitButton(doc), error };

  const passwd = visible<HTMLInputElement>(doc, 'input[name=passwd], input[data-testid=passwordEntry]');
  if (isUsableField(passwd))
    return {
      kind: 'password',
      useTap: named('useTapInstead'),
      error,
      errorKind: classifyTapError(doc, error, lang),
    };

  const usePassword =
    visible(doc, '#idA_PWD_SwitchToPassword, [data-bind*=SwitchToPassword], #redirectToIdpLink') ??
    named('usePasswordInstead');
  if (usePassword) return { kind: 'passwordless', usePassword };

  // The nudge ("Skip for now"), or its error screen, which offers only "Skip" (§10.1.7).
  const skip = named('skipForNow') ?? named('skip');
  if (skip || headed('signInFaster')) return { kind: 'nudge', skip };

  const other = visible(doc, '#otherTile') ?? visible(doc, '[data-test-id=otherTile]');
  if (other || visible(doc, '#tilesHolder') || headed('pickAccount'))
    return {
      kind: 'picker',
      useAnother: other ?? named('useAnotherAccount'),
      tile: (upn) => {
        for (const el of doc.querySelectorAll<HTMLElement>('[data-test-id]'))
          if (el.dataset.testId?.toLowerCase() === upn.toLowerCase() && isUsableField(el)) return el;
        return null;
      },
    };

  if (/\/logout/i.test(url.pathname) || headed('signedOut')) return { kind: 'signed-out' };
  if (error) return { kind: 'error', message: error, errorKind: classifyTapError(doc, error, lang) };
  return { kind: 'unknown' };
}
