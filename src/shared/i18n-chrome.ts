/** The browser edge of i18n (unit tests swap this module for the catalogs on disk: vitest.config.ts). */
export const getMessage = (key: string, subs: string[]): string => chrome.i18n.getMessage(key, subs);
export const getUILanguage = (): string => chrome.i18n.getUILanguage();
