/**
 * chrome.i18n for unit tests: the catalogs on disk with Chrome's substitution rules. vitest.config.ts puts this
 * module in place of src/shared/i18n-chrome.ts; `useLocale('de')` renders a test in another language.
 */
import { DEFAULT_LOCALE, formatMessage, readCatalogs, type Locale } from '../../../src/locales/catalog';

const catalogs = readCatalogs();
let locale: Locale = DEFAULT_LOCALE;

export function useLocale(l: Locale): void {
  locale = l;
}

export const getMessage = (key: string, subs: string[]): string => {
  const msg = catalogs[locale][key] ?? catalogs[DEFAULT_LOCALE][key];
  return msg ? formatMessage(msg, subs) : '';
};
export const getUILanguage = (): string => locale;
