/**
 * Every piece of Microsoft page text the guided drivers depend on, in one place, per language.
 * Text is the second signal: URL routes, input names, ids and roles come first (see the recognisers).
 * Sources and confidence: ../shared/reference/microsoft-pages.md (H = docs or several scripts agree).
 * Add a language by adding a table; a missing entry falls back to English, then to guidance.
 */
export interface PageTexts {
  /** §3.2 H */ pickAccount: RegExp;
  /** §3.2 H */ useAnotherAccount: RegExp;
  /** §3.4 H, MS TAP docs */ useTapInstead: RegExp;
  /** §3.5 H */ tapHeading: RegExp;
  /** §3.6 H */ staySignedIn: RegExp;
  /** §3.8 H/M */ moreInfoRequired: RegExp;
  /** §5 H (2026) */ addSignInMethod: RegExp;
  /** §5.1 H */ passkeyOption: RegExp;
  /** §5 H, legacy */ securityKeyOption: RegExp;
  /** §5.1 H */ showMoreOptions: RegExp;
  /** §5.1 H */ signInFaster: RegExp;
  /** §5.1 M */ settingUpPasskey: RegExp;
  /** §5.1 H */ namePasskey: RegExp;
  /** §5.1 H */ passkeyCreated: RegExp;
  /** legacy §5.2 H */ usbDevice: RegExp;
  /** buttons */ next: RegExp;
  done: RegExp;
  add: RegExp;
  no: RegExp;
  /** §4, §5.2 H/M: errors to report, not to click through */
  keyLimit: RegExp;
  needsMfa: RegExp;
  tapBlocked: RegExp;
  tapExpired: RegExp;
  tapNotFound: RegExp;
  signedOut: RegExp;
}

export const EN: PageTexts = {
  pickAccount: /^pick an account$/i,
  useAnotherAccount: /use another account/i,
  useTapInstead: /use (your )?temporary access pass/i,
  tapHeading: /enter temporary access pass/i,
  staySignedIn: /^stay signed in\?$/i,
  moreInfoRequired: /more information required|needs more information/i,
  addSignInMethod: /add (sign-in )?method/i,
  passkeyOption: /^passkey( \(preview\))?$/i,
  securityKeyOption: /^security key$/i,
  showMoreOptions: /show more options/i,
  signInFaster: /sign in faster with your face, fingerprint,? or pin/i,
  settingUpPasskey: /setting up your (passkey|new sign-in method)/i,
  namePasskey: /let.s name your passkey|name your (passkey|security key)/i,
  passkeyCreated: /passkey created|security key (was )?(successfully )?registered/i,
  usbDevice: /^usb device$/i,
  next: /^next$/i,
  done: /^done$/i,
  add: /^add$/i,
  no: /^no$/i,
  keyLimit: /reached the limit of 10 security keys|limit of 10/i,
  needsMfa: /you need to sign in with two-factor authentication/i,
  tapBlocked: /temporary access pass sign in was blocked/i,
  tapExpired: /temporary access pass has expired|AADSTS130504/i,
  tapNotFound: /access pass could not be found or verified|AADSTS130507/i,
  signedOut: /you signed out of your account|signed out/i,
};

/** German, as a second language: what the fake's German variant shows, modelled on Microsoft's German UI. */
export const DE: Partial<PageTexts> = {
  pickAccount: /^konto auswählen$/i,
  signInFaster: /schneller anmelden mit gesicht/i,
  securityKeyOption: /^sicherheitsschlüssel$/i,
  usbDevice: /^usb-gerät$/i,
  add: /^hinzufügen$/i,
  showMoreOptions: /weitere optionen anzeigen/i,
  needsMfa: /mit zweistufiger authentifizierung anmelden/i,
  signedOut: /abgemeldet/i,
  useAnotherAccount: /anderes konto verwenden/i,
  tapHeading: /befristeten zugriffspass eingeben/i,
  staySignedIn: /^angemeldet bleiben\?$/i,
  addSignInMethod: /anmeldemethode hinzufügen/i,
  passkeyOption: /^passkey$|^hauptschlüssel$/i,
  namePasskey: /passkey benennen/i,
  passkeyCreated: /passkey erstellt/i,
  next: /^weiter$/i,
  done: /^fertig$/i,
  no: /^nein$/i,
  keyLimit: /limit von 10 sicherheitsschlüsseln|grenzwert von 10 sicherheitsschlüsseln/i,
};

const LOCALES: Record<string, Partial<PageTexts>> = { en: EN, de: DE };

/** Tests a text against the page language's table and English. */
export function matches(key: keyof PageTexts, text: string, lang = 'en'): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  const local = LOCALES[lang.slice(0, 2).toLowerCase()]?.[key];
  return (local?.test(t) ?? false) || EN[key].test(t);
}
