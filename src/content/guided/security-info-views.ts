/**
 * Recognises My Sign-ins → Security info views (mysignins.microsoft.com). Its 2024+ dialogs have no public ids
 * (reference §7, §10.1.0), so the order is: URL route and fragment, roles (dialog or aria-modal container, heading,
 * combobox), field attributes (the 30-character name field), Fluent icon names, then accessible names against the
 * page language's texts. A method option is matched by its own name, never by its description or a tag.
 * Pure over a Document: unit-tested over the fake's page variants.
 */
import {
  allVisible,
  controlsNamed,
  headings,
  accName,
  pageLang,
  textOf,
  topDialog,
  visible,
  fold,
  withStyleCache,
} from './dom';
import { matches, type TextKey } from './texts';

export type SecurityInfoView =
  | { kind: 'name-passkey'; input: HTMLInputElement; next: HTMLElement | null }
  | { kind: 'passkey-created'; done: HTMLElement | null }
  | { kind: 'passkey-intro'; next: HTMLElement | null }
  | { kind: 'add-method-dialog'; passkey: HTMLElement | null; showMore: HTMLElement | null }
  | { kind: 'legacy-picker'; combobox: HTMLElement; securityKey: HTMLElement | null; add: HTMLElement | null }
  | { kind: 'legacy-device'; usb: HTMLElement | null }
  /** "Setting up your passkey" (either order with "Sign in faster…", §10.1.6) or the legacy "Security key" step. */
  | { kind: 'legacy-ready'; next: HTMLElement | null }
  | { kind: 'security-info'; addMethod: HTMLElement | null; shows: (text: string) => boolean }
  /** The `/register` interrupt wizard: it cannot add a passkey (reference §3.8). */
  | { kind: 'register-wizard'; skip: HTMLElement | null }
  /** A dialog nothing above recognised: the driver continues with its primary button when the step makes that safe. */
  | { kind: 'dialog'; primary: HTMLElement | null; title: string }
  | { kind: 'blocked'; reason: 'key-limit' | 'needs-mfa' | 'not-registered'; message: string }
  | { kind: 'loading' }
  | { kind: 'unknown' };

export function recogniseSecurityInfo(doc: Document, url: URL) {
  return withStyleCache(() => recogniseSecurityInfoNow(doc, url));
}

function recogniseSecurityInfoNow(doc: Document, url: URL): SecurityInfoView {
  const lang = pageLang(doc);
  const dialog = topDialog(doc);
  const root: ParentNode = dialog ?? doc;
  // A dialog's title is its accessible name (aria-labelledby), the most stable signal Fluent dialogs have.
  const labelled = dialog && (dialog.hasAttribute('aria-labelledby') || dialog.hasAttribute('aria-label'));
  const heads = [...(labelled ? [accName(dialog)] : []), ...headings(root)].filter(Boolean);
  const headed = (key: TextKey) => heads.some((h) => matches(key, h, lang));
  const named = (key: TextKey, where: ParentNode = root) =>
    controlsNamed(where, (n) => matches(key, n, lang)).at(-1) ?? null;
  // Named first; a primary-styled or submit button only as the fallback (hashed class names have no ms- class).
  const primary = (key: TextKey) =>
    named(key) ?? visible(root, '.ms-Button--primary, button[data-is-primary=true], button[type=submit]');

  // Banners are reported, never clicked through.
  for (const el of allVisible(doc, '#ms-banner, .ms-MessageBar, [role=alert], [role=status]')) {
    const t = textOf(el);
    if (matches('keyLimit', t, lang)) return { kind: 'blocked', reason: 'key-limit', message: t };
    if (matches('needsMfa', t, lang)) return { kind: 'blocked', reason: 'needs-mfa', message: t };
    if (matches('passkeyNotRegistered', t, lang)) return { kind: 'blocked', reason: 'not-registered', message: t };
  }

  if (dialog) {
    // The naming step: a text field limited to Microsoft's 30 characters (a non-text signal), or its heading.
    const nameInput = visible<HTMLInputElement>(dialog, 'input[type=text][maxlength="30"], input[id^=TextField]');
    if (nameInput && (nameInput.maxLength === 30 || headed('namePasskey') || /fidoProvisionSuccess/.test(url.hash)))
      return { kind: 'name-passkey', input: nameInput, next: primary('next') };
    if (headed('passkeyCreated')) return { kind: 'passkey-created', done: primary('done') };
    if (headed('signInFaster')) return { kind: 'passkey-intro', next: primary('next') };
    if (headed('settingUpPasskey')) return { kind: 'legacy-ready', next: primary('next') };
    const usb = named('usbDevice');
    if (usb) return { kind: 'legacy-device', usb };
    const combo = visible(dialog, '[role=combobox]');
    if (combo)
      return {
        kind: 'legacy-picker',
        combobox: combo,
        // The open drop-down's options live in a layer outside the dialog.
        securityKey: named('securityKeyOption', doc),
        add: named('add'),
      };
    const passkey =
      named('passkeyOption') ??
      visible(dialog, '[data-icon-name=Passkey], [data-method-type="18"]')?.closest<HTMLElement>(
        'button, a, li, [role=button], [role=option], [role=listitem], [role=link]',
      ) ??
      null;
    const showMore = named('showMoreOptions');
    if (passkey || showMore || headed('addMethodDialog')) return { kind: 'add-method-dialog', passkey, showMore };
    const choices = allVisible(dialog, 'button, [role=button], [role=option], li').filter(
      (b) => !matches('close', accName(b), lang),
    );
    if (choices.length <= 2 && headed('securityKeyOption')) return { kind: 'legacy-ready', next: primary('next') };
    return {
      kind: 'dialog',
      primary: visible(dialog, '.ms-Button--primary, button[data-is-primary=true], button[type=submit]'),
      title: heads[0] ?? '',
    };
  }

  if (/^\/register/i.test(url.pathname)) return { kind: 'register-wizard', skip: named('skipSetup', doc) };

  const addMethod =
    named('addSignInMethod', doc) ??
    visible(doc, 'button [data-icon-name=Add], [role=button] [data-icon-name=Add]')?.closest<HTMLElement>(
      'button, [role=button]',
    ) ??
    null;
  if (/\/security-info/i.test(url.pathname) && (addMethod || headings(doc).length)) {
    const bodyText = fold(doc.body?.textContent).toLowerCase();
    return { kind: 'security-info', addMethod, shows: (t) => bodyText.includes(fold(t).toLowerCase()) };
  }
  if (visible(doc, '.ms-Spinner, [role=progressbar]') || !doc.body?.children.length) return { kind: 'loading' };
  return { kind: 'unknown' };
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/gu;
/** Where the signed-in account is shown: the header / "me control", and account buttons (collapsed or not). */
const ACCOUNT_REGION =
  'header, [role=banner], [id*=mectrl], [class*=mectrl], [data-testid*=account], [data-testid*=Account], [id*=account], [id*=Account]';

/**
 * E-mail-like identities the page shows for the signed-in account, read per text node and per attribute (never
 * concatenated text: "Lee Gu" next to "leeg@contoso.com" must not read as "Guleeg@contoso.com"), including an
 * account button's accessible name when it is collapsed. Lower-case; empty when the page shows none.
 */
export function shownIdentities(doc: Document): string[] {
  const found = new Set<string>();
  const scan = (s: string | null | undefined) => {
    for (const m of fold(s).matchAll(EMAIL)) found.add(m[0].toLowerCase().replace(/^[.'-]+|[.'-]+$/g, ''));
  };
  const regions = [...doc.querySelectorAll(ACCOUNT_REGION)];
  // Account menu buttons anywhere (a collapsed button carries the account only in its label).
  for (const b of doc.querySelectorAll('[aria-expanded], [aria-haspopup]')) if (!regions.includes(b)) regions.push(b);
  const seen = new Set<Node>();
  for (const region of regions) {
    const walker = doc.createTreeWalker(region, 5 /* SHOW_ELEMENT | SHOW_TEXT */);
    for (let n: Node | null = region; n; n = walker.nextNode()) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.nodeType === 3) scan(n.textContent);
      else for (const a of ['aria-label', 'title', 'alt', 'data-upn']) scan((n as Element).getAttribute(a));
    }
  }
  return [...found];
}

export type IdentityCheck = 'match' | 'other' | 'unknown';

/** Is the page positively signed in as `upn`? `unknown` when it shows no identity at all (the admin is asked). */
export function checkIdentity(doc: Document, upn: string): { check: IdentityCheck; shown: string[] } {
  const shown = shownIdentities(doc);
  const target = upn.toLowerCase();
  if (shown.includes(target)) return { check: 'match', shown };
  return { check: shown.length ? 'other' : 'unknown', shown };
}
