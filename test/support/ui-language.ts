/**
 * The UI contract is written in English (accessible names the tests find controls by). In another UI language the
 * same controls carry the catalogs' translations: `words('de')('Provision')` is a pattern matching every German
 * translation of every message whose English text is exactly "Provision" (the same English can live in two areas).
 */
import { DEFAULT_LOCALE, formatMessage, readCatalogs, type Locale } from '../../src/locales/catalog.ts';

const catalogs = readCatalogs();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function words(locale: Locale) {
  const en = catalogs[DEFAULT_LOCALE];
  const target = catalogs[locale];
  /** Exact (whole name) match of the translations of an English message without substitutions. */
  const exact = (english: string): RegExp => new RegExp(`^(${translations(english).map(escape).join('|')})$`);
  /** A name that begins with a translation (a radio's name carries its hint after the label). */
  const prefix = (english: string): RegExp => new RegExp(`^(${translations(english).map(escape).join('|')})`);
  /** Translations of an English message (at least one, or the test is wrong). */
  const translations = (english: string): string[] => {
    const keys = Object.keys(en).filter((k) => en[k]!.message === english);
    if (!keys.length) throw new Error(`No message reads "${english}" in English`);
    return [...new Set(keys.map((k) => formatMessage(target[k]!)))];
  };
  /** A message by key with substitutions, as the extension would show it. */
  const message = (key: string, ...subs: string[]): string => formatMessage(target[key]!, subs);
  /** English messages (whole, at least two words, translated differently) that a text still shows. Microsoft's own
   *  labels (overlayMs*) are left out: English is right for them on an English page, and "Security key" is also the
   *  start of a passkey's default name, which is data stored in Entra. */
  const englishIn = (text: string): string[] =>
    Object.keys(en)
      .filter((k) => !k.startsWith('overlayMs'))
      .filter((k) => !en[k]!.message.includes('$') && /\w+ \w+/.test(en[k]!.message))
      .filter((k) => target[k]!.message !== en[k]!.message && text.includes(en[k]!.message))
      .map((k) => en[k]!.message);
  return { exact, prefix, englishIn, translations, message };
}
