/**
 * Recognises Entra sign-in views (login.microsoftonline.com / login.microsoft.com) by the most stable
 * signals first: input names (loginfmt, accesspass, passwd, DontShowAgain), ids, $Config.pgid and URL;
 * headings and texts second. Pure over a Document: unit-tested on the fake's markup.
 */
import { clickableNamed, configValue, headings, isVisible, pageLang, textOf, visible } from './dom';
import { matches } from './texts';

export type TapError = 'tap-expired' | 'tap-blocked' | 'tap-not-found' | 'tap-rejected';

export type SignInView =
  | { kind: 'picker'; useAnother: HTMLElement | null; tile: (upn: string) => HTMLElement | null }
  | { kind: 'username'; input: HTMLInputElement; next: HTMLElement | null; error?: string }
  | { kind: 'tap'; input: HTMLInputElement; submit: HTMLElement | null; error?: string; errorKind?: TapError }
  | { kind: 'password'; useTap: HTMLElement | null; error?: string; errorKind?: TapError }
  | { kind: 'kmsi'; no: HTMLElement | null }
  | { kind: 'proofup' }
  | { kind: 'mfa' }
  | { kind: 'conditional-access' }
  | { kind: 'fido-create'; next: HTMLElement | null }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string; errorKind?: TapError }
  | { kind: 'unknown' };

function alertText(doc: Document): string | undefined {
  for (const sel of [
    '#usernameError',
    '#passwordError',
    '#accesspassError',
    '[role=alert]',
    '#errorText',
    '#error',
    '#idTD_Error',
  ]) {
    const el = visible(doc, sel);
    const t = textOf(el);
    if (t) return t;
  }
  const service = configValue(doc, 'strServiceExceptionMessage');
  return service || undefined;
}

export function classifyTapError(text: string | undefined, lang = 'en'): TapError | undefined {
  if (!text) return undefined;
  if (matches('tapExpired', text, lang)) return 'tap-expired';
  if (matches('tapBlocked', text, lang)) return 'tap-blocked';
  if (matches('tapNotFound', text, lang)) return 'tap-not-found';
  return undefined;
}

const submitButton = (doc: Document) =>
  visible(doc, '#idSIButton9') ?? visible(doc, 'input[type=submit], button[type=submit]');

export function recogniseSignIn(doc: Document, url: URL): SignInView {
  const lang = pageLang(doc);
  const pgid = configValue(doc, 'pgid');
  const heads = headings(doc);
  const headed = (key: Parameters<typeof matches>[0]) => heads.some((h) => matches(key, h, lang));
  const error = alertText(doc);

  if (/\/fido\/(create|update)/i.test(url.pathname))
    return { kind: 'fido-create', next: submitButton(doc) ?? clickableNamed(doc, (n) => matches('next', n, lang)) };

  // KMSI: the checkbox name and description id are stable; the heading is the fallback.
  if (
    pgid === 'KmsiBroker' ||
    visible(doc, '#KmsiDescription') ||
    visible(doc, 'input[name=DontShowAgain]') ||
    headed('staySignedIn')
  )
    return { kind: 'kmsi', no: visible(doc, '#idBtn_Back') ?? clickableNamed(doc, (n) => matches('no', n, lang)) };

  const tap = visible<HTMLInputElement>(doc, 'input[name=accesspass]');
  if (tap)
    return {
      kind: 'tap',
      input: tap,
      submit: submitButton(doc),
      error,
      errorKind: classifyTapError(error, lang) ?? (error ? 'tap-rejected' : undefined),
    };

  if (pgid === 'ConvergedConditionalAccess') return { kind: 'conditional-access' };
  if (visible(doc, '#ProofUpDescription') || visible(doc, '#idSubmit_ProofUp_Redirect') || headed('moreInfoRequired'))
    return { kind: 'proofup' };
  if (
    visible(doc, '#idDiv_SAOTCAS_Description') ||
    visible(doc, 'input[name=otc]') ||
    visible(doc, '#idDiv_SAOTCS_Proofs')
  )
    return { kind: 'mfa' };

  const passwd = visible<HTMLInputElement>(doc, 'input[name=passwd]');
  if (passwd)
    return {
      kind: 'password',
      useTap: clickableNamed(doc, (n) => matches('useTapInstead', n, lang)),
      error,
      errorKind: classifyTapError(error, lang),
    };

  const username = visible<HTMLInputElement>(doc, 'input[name=loginfmt]');
  if (username) return { kind: 'username', input: username, next: submitButton(doc), error };

  const other = visible(doc, '#otherTile') ?? visible(doc, '[data-test-id=otherTile]');
  if (other || visible(doc, '#tilesHolder') || headed('pickAccount'))
    return {
      kind: 'picker',
      useAnother: other ?? clickableNamed(doc, (n) => matches('useAnotherAccount', n, lang)),
      tile: (upn) => {
        for (const el of doc.querySelectorAll<HTMLElement>('[data-test-id]'))
          if (el.dataset.testId?.toLowerCase() === upn.toLowerCase() && isVisible(el)) return el;
        return null;
      },
    };

  if (/\/logout/i.test(url.pathname) || heads.some((h) => matches('signedOut', h, lang))) return { kind: 'signed-out' };
  if (error) return { kind: 'error', message: error, errorKind: classifyTapError(error, lang) };
  return { kind: 'unknown' };
}
