/**
 * The extension's own words in the admin's browser language, through chrome.i18n. Catalogs live per feature area
 * in src/locales/<locale>/<area>.json (Chrome's messages.json format) and are merged into _locales at build time;
 * English is the default and the fallback for any message a locale lacks. Microsoft's page texts, which the guided
 * drivers read, are not here (src/content/guided/texts.ts).
 *
 * Words are looked up when made: the browser's UI language cannot change while the extension runs.
 */
import { getMessage, getUILanguage } from './i18n-chrome';
import type common from '../locales/en/common.json';
import type popup from '../locales/en/popup.json';
import type settings from '../locales/en/settings.json';
import type setup from '../locales/en/setup.json';
import type overlay from '../locales/en/overlay.json';
import type errors from '../locales/en/errors.json';
import type jobs from '../locales/en/jobs.json';
import type readiness from '../locales/en/readiness.json';

export type MessageKey =
  | keyof typeof common
  | keyof typeof popup
  | keyof typeof settings
  | keyof typeof setup
  | keyof typeof overlay
  | keyof typeof errors
  | keyof typeof jobs
  | keyof typeof readiness;

type Sub = string | number;

/** A message with its substitutions ($1…$9, named in the catalog's placeholders). */
export function t(key: MessageKey, ...subs: Sub[]): string {
  return getMessage(key, subs.map(String)) || key;
}

/** Keys that come as a pair `<base>_one` / `<base>_other`. */
type PluralBase = {
  [K in MessageKey]: K extends `${infer B}_one` ? (`${B}_other` extends MessageKey ? B : never) : never;
}[MessageKey];

let rules: Intl.PluralRules | undefined;
/** A counted message: `<base>_one` or `<base>_other` by the UI language's plural rule; n is always $1. */
export function tn(base: PluralBase, n: number, ...subs: Sub[]): string {
  rules ??= new Intl.PluralRules(uiLanguage());
  return t(`${base}_${rules.select(n) === 'one' ? 'one' : 'other'}` as MessageKey, n, ...subs);
}

/** The browser's UI language (BCP 47), for dates, numbers, plural rules and <html lang>. */
export function uiLanguage(): string {
  try {
    return getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
