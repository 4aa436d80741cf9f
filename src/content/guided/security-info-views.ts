/**
 * Recognises My Sign-ins → Security info views (mysignins.microsoft.com). Its 2024+ dialogs have no
 * public ids (reference §7), so the order is: URL route and fragment, element roles and attributes
 * (dialog, combobox label, the 30-character name field, Fluent icon names), then per-language text.
 * Pure over a Document: unit-tested on the fake's markup.
 */
import { allVisible, clickableNamed, headings, nameOf, pageLang, textOf, visible } from './dom';
import { matches } from './texts';

export type SecurityInfoView =
  | { kind: 'name-passkey'; input: HTMLInputElement; next: HTMLElement | null }
  | { kind: 'passkey-created'; done: HTMLElement | null }
  | { kind: 'passkey-intro'; next: HTMLElement | null }
  | { kind: 'add-method-dialog'; passkey: HTMLElement | null; showMore: HTMLElement | null }
  | { kind: 'legacy-picker'; combobox: HTMLElement; securityKey: HTMLElement | null; add: HTMLElement | null }
  | { kind: 'legacy-device'; usb: HTMLElement | null }
  | { kind: 'legacy-ready'; next: HTMLElement | null }
  | { kind: 'security-info'; addMethod: HTMLElement | null; shows: (text: string) => boolean }
  /** A dialog nothing above recognised: the driver continues with its primary button when the step makes that safe. */
  | { kind: 'dialog'; primary: HTMLElement | null; title: string }
  | { kind: 'blocked'; reason: 'key-limit' | 'needs-mfa' | 'other'; message: string }
  | { kind: 'loading' }
  | { kind: 'unknown' };

const primary = (root: ParentNode, lang: string, key: 'next' | 'done' | 'add') =>
  clickableNamed(root, (n) => matches(key, n, lang)) ??
  visible(root, '.ms-Button--primary, button[data-is-primary=true]');

export function recogniseSecurityInfo(doc: Document, url: URL): SecurityInfoView {
  const lang = pageLang(doc);
  const dialog = allVisible(doc, '[role=dialog], [role=alertdialog], .ms-Dialog-main').at(-1) ?? null;
  const root: ParentNode = dialog ?? doc;
  // A dialog's title is its accessible name (aria-labelledby), the most stable signal Fluent dialogs have.
  const heads = [...(dialog ? [nameOf(dialog)] : []), ...headings(root)].filter(Boolean);
  const headed = (key: Parameters<typeof matches>[0]) => heads.some((h) => matches(key, h, lang));

  // Banners are reported, never clicked through.
  for (const el of allVisible(doc, '#ms-banner, .ms-MessageBar, [role=alert]')) {
    const t = textOf(el);
    if (matches('keyLimit', t, lang)) return { kind: 'blocked', reason: 'key-limit', message: t };
    if (matches('needsMfa', t, lang)) return { kind: 'blocked', reason: 'needs-mfa', message: t };
  }

  if (dialog) {
    // The naming step: a text field limited to Microsoft's 30 characters (a non-text signal), or its heading.
    const nameInput = visible<HTMLInputElement>(dialog, 'input[type=text][maxlength="30"], input[id^=TextField]');
    if (nameInput && (nameInput.maxLength === 30 || headed('namePasskey') || /fidoProvisionSuccess/.test(url.hash)))
      return { kind: 'name-passkey', input: nameInput, next: primary(dialog, lang, 'next') };
    if (headed('passkeyCreated')) return { kind: 'passkey-created', done: primary(dialog, lang, 'done') };
    if (headed('signInFaster')) return { kind: 'passkey-intro', next: primary(dialog, lang, 'next') };
    const usb = clickableNamed(dialog, (n) => matches('usbDevice', n, lang));
    if (usb) return { kind: 'legacy-device', usb };
    const combo = visible(dialog, '[role=combobox][aria-label="Authentication method options"], [role=combobox]');
    if (combo)
      return {
        kind: 'legacy-picker',
        combobox: combo,
        securityKey: clickableNamed(doc, (n) => matches('securityKeyOption', n, lang)),
        add: primary(dialog, lang, 'add'),
      };
    const passkey =
      clickableNamed(dialog, (n) => matches('passkeyOption', n, lang)) ??
      visible(dialog, '[data-icon-name=Passkey], [data-method-type="18"]')?.closest<HTMLElement>(
        'button, [role=button], [role=option], [role=listitem]',
      ) ??
      null;
    const showMore = clickableNamed(dialog, (n) => matches('showMoreOptions', n, lang));
    if (passkey || showMore || /add a (sign-in )?method|choose a method/i.test(heads.join(' ')))
      return { kind: 'add-method-dialog', passkey, showMore };
    if (headed('settingUpPasskey')) return { kind: 'legacy-ready', next: primary(dialog, lang, 'next') };
    const hasChoices =
      allVisible(dialog, 'button, [role=button]').filter((b) => !/close|schließen/i.test(nameOf(b))).length > 2;
    if (!hasChoices && (headed('securityKeyOption') || /security key/i.test(heads.join(' '))))
      return { kind: 'legacy-ready', next: primary(dialog, lang, 'next') };
    return {
      kind: 'dialog',
      primary: visible(dialog, '.ms-Button--primary, button[data-is-primary=true]'),
      title: heads[0] ?? '',
    };
  }

  const addMethod =
    clickableNamed(doc, (n) => matches('addSignInMethod', n, lang)) ??
    visible(doc, 'button [data-icon-name=Add], [role=button] [data-icon-name=Add]')?.closest<HTMLElement>(
      'button, [role=button]',
    ) ??
    null;
  if (/\/security-info/i.test(url.pathname) && (addMethod || headings(doc).length)) {
    const bodyText = (doc.body?.textContent ?? '').toLowerCase();
    return { kind: 'security-info', addMethod, shows: (t) => bodyText.includes(t.toLowerCase()) };
  }
  if (visible(doc, '.ms-Spinner, [role=progressbar]') || !doc.body?.children.length) return { kind: 'loading' };
  return { kind: 'unknown' };
}

/** Email-like identities shown on the page (the account control), to check we act as the right user. */
export function shownIdentities(doc: Document): string[] {
  const found = new Set<string>();
  for (const el of doc.querySelectorAll(
    '#mectrl_currentAccount_secondary, [data-testid=account-upn], .mectrl_accountDetails, header, [role=banner]',
  ))
    for (const m of (el.textContent ?? '').matchAll(/[\w.+'-]+@[\w-]+(\.[\w-]+)+/g)) found.add(m[0].toLowerCase());
  return [...found];
}

export { nameOf };
