import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  LOCALES,
  catalogProblems,
  formatMessage,
  readCatalogs,
  substitutionCount,
} from '../../src/locales/catalog';
import { scanSource } from './support/source-strings';

const catalogs = readCatalogs();
const en = catalogs[DEFAULT_LOCALE];
const source = scanSource();
const manifest = readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8');

describe('message catalogs', () => {
  it('every locale has every message, with the same placeholders, and nothing Chrome would misread', () => {
    expect(catalogProblems(catalogs)).toEqual([]);
  });

  it('ships the five locales the issue names', () => {
    expect([...LOCALES].sort()).toEqual(['de', 'en', 'es', 'fr', 'ja']);
  });

  it('a translation that is still the English text is only a name (product, Microsoft, a code)', () => {
    const same = LOCALES.filter((l) => l !== DEFAULT_LOCALE).flatMap((l) =>
      Object.entries(catalogs[l])
        .filter(([k, m]) => m.message === en[k]?.message && /\s[a-z]{3,}\s/.test(m.message))
        .map(([k]) => `${l}: ${k}`),
    );
    expect(same).toEqual([]);
  });

  it('every t()/tn() in the source names an English message and passes exactly its substitutions', () => {
    const wrong = source.calls.flatMap((c) => {
      const keys = c.fn === 'tn' ? [`${c.key}_one`, `${c.key}_other`] : [c.key];
      return keys.flatMap((k) => {
        const msg = en[k];
        if (!msg) return [`${c.file}:${c.line} ${k} is not in the catalog`];
        const want = substitutionCount(msg);
        return want === c.args ? [] : [`${c.file}:${c.line} ${k} takes ${want} substitutions, given ${c.args}`];
      });
    });
    expect(wrong).toEqual([]);
  });

  it('every message is used by the source or the manifest', () => {
    const used = (k: string) =>
      source.literals.has(k) ||
      source.literals.has(k.replace(/_(one|other)$/, '')) ||
      manifest.includes(`__MSG_${k}__`);
    expect(Object.keys(en).filter((k) => !used(k))).toEqual([]);
  });

  it('no text an admin reads is left in English outside the catalogs', () => {
    expect(source.untranslated.map((l) => `${l.file}:${l.line} ${l.text}`)).toEqual([]);
  });

  it('Chrome substitution: named placeholders, positional $n and $$', () => {
    const msg = {
      message: 'Insert the key for $NAME$ ($$$COUNT$)',
      placeholders: { name: { content: '$1' }, count: { content: '$2' } },
    };
    expect(formatMessage(msg, ['Adele Vance', '3'])).toBe('Insert the key for Adele Vance ($3)');
  });
});

describe('control names quoted in messages', () => {
  /** English labels of controls: short messages without substitutions, by text. */
  const labels = new Map<string, string[]>();
  for (const [k, m] of Object.entries(en))
    if (!m.message.includes('$') && m.message.length < 40) labels.set(m.message, [...(labels.get(m.message) ?? []), k]);

  it('a message that tells the admin to click "X" names X as the control itself reads, in every locale', () => {
    const wrong: string[] = [];
    for (const [key, msg] of Object.entries(en))
      for (const [, quoted] of msg.message.matchAll(/[“"]([^”"]+)[”"]/g)) {
        const controlKeys = labels.get(quoted!);
        if (!controlKeys) continue;
        for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
          const names = controlKeys.map((k) => catalogs[locale][k]!.message);
          if (!names.some((n) => catalogs[locale][key]!.message.includes(n)))
            wrong.push(`${locale}: ${key} quotes "${quoted}" but not as ${names.join(' / ')}`);
        }
      }
    expect(wrong).toEqual([]);
  });
});
