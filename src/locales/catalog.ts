/**
 * The extension's message catalogs, kept per feature area (src/locales/<locale>/<area>.json, in Chrome's
 * messages.json format) and merged into _locales/<locale>/messages.json at build time. Node-side only: the build
 * plugin and the tests read it; the extension reads its words through chrome.i18n (src/shared/i18n.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_LOCALE = 'en';
/** Every locale we ship. A new one joins the completeness test and the build by being listed here. */
export const LOCALES = ['en', 'de', 'fr', 'ja', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, ChromeMessage>;

/** Node's own file-URL parser: a test DOM (happy-dom) replaces the global URL and misreads file: URLs. */
export const LOCALES_DIR = dirname(fileURLToPath(import.meta.url));

/** One locale's areas, by area name (file name without .json). */
export function readAreas(locale: string, dir = LOCALES_DIR): Record<string, Catalog> {
  const out: Record<string, Catalog> = {};
  for (const file of readdirSync(join(dir, locale))
    .filter((f) => f.endsWith('.json'))
    .sort())
    out[file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, locale, file), 'utf8')) as Catalog;
  return out;
}

/** The areas of one locale as one messages.json; a key defined in two areas is an error. */
export function mergeAreas(areas: Record<string, Catalog>): Catalog {
  const merged: Catalog = {};
  const from: Record<string, string> = {};
  for (const [area, catalog] of Object.entries(areas))
    for (const [key, msg] of Object.entries(catalog)) {
      if (key in merged) throw new Error(`Message "${key}" is defined in both ${from[key]} and ${area}`);
      merged[key] = msg;
      from[key] = area;
    }
  return merged;
}

export function readCatalogs(dir = LOCALES_DIR): Record<Locale, Catalog> {
  return Object.fromEntries(LOCALES.map((l) => [l, mergeAreas(readAreas(l, dir))])) as Record<Locale, Catalog>;
}

/** Chrome's rule for message names: ASCII letters, digits and underscores (and @@ for its own). */
const KEY = /^[A-Za-z0-9_]+$/;
/** `$NAME$` placeholders, `$$` (a literal dollar) and `$1`…`$9` are the only dollar forms Chrome reads. */
const DOLLAR = /\$\$|\$([A-Za-z0-9_@]+)\$|\$[1-9]|\$/g;

/** What a message expects of its caller and translators: placeholder names → contents, sorted. */
export function placeholderSignature(msg: ChromeMessage): string {
  return Object.entries(msg.placeholders ?? {})
    .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
    .sort()
    .join(',');
}

/** How many substitutions the caller must pass: the highest $n used by the message or its placeholders. */
export function substitutionCount(msg: ChromeMessage): number {
  const contents = [msg.message, ...Object.values(msg.placeholders ?? {}).map((p) => p.content)].join(' ');
  return Math.max(0, ...[...contents.matchAll(/(?<!\$)\$([1-9])/g)].map((m) => Number(m[1])));
}

/** Problems with one message on its own: key name, empty text, stray or undefined placeholders. */
export function messageProblems(key: string, msg: ChromeMessage): string[] {
  const problems: string[] = [];
  if (!KEY.test(key)) problems.push(`${key}: not a valid message name`);
  if (typeof msg.message !== 'string' || !msg.message.trim()) problems.push(`${key}: empty message`);
  const defined = new Set(Object.keys(msg.placeholders ?? {}).map((n) => n.toLowerCase()));
  const used = new Set<string>();
  for (const m of (msg.message ?? '').matchAll(DOLLAR)) {
    if (m[0] === '$$' || /^\$[1-9]$/.test(m[0])) continue;
    if (m[0] === '$') problems.push(`${key}: a lone "$" (write "$$" for a dollar sign)`);
    else if (!defined.has(m[1]!.toLowerCase())) problems.push(`${key}: placeholder ${m[0]} is not defined`);
    else used.add(m[1]!.toLowerCase());
  }
  for (const name of defined) if (!used.has(name)) problems.push(`${key}: placeholder "${name}" is never used`);
  return problems;
}

/** Everything wrong with a set of locales measured against the default one. */
export function catalogProblems(catalogs: Record<string, Catalog>): string[] {
  const base = catalogs[DEFAULT_LOCALE];
  if (!base) return [`no ${DEFAULT_LOCALE} catalog`];
  const problems: string[] = [];
  for (const [locale, catalog] of Object.entries(catalogs)) {
    for (const [key, msg] of Object.entries(catalog)) {
      problems.push(...messageProblems(key, msg).map((p) => `${locale}: ${p}`));
      const en = base[key];
      if (!en) problems.push(`${locale}: ${key} is not in ${DEFAULT_LOCALE}`);
      else if (placeholderSignature(msg) !== placeholderSignature(en))
        problems.push(
          `${locale}: ${key} has placeholders {${placeholderSignature(msg)}}, ${DEFAULT_LOCALE} has {${placeholderSignature(en)}}`,
        );
    }
    for (const key of Object.keys(base)) if (!(key in catalog)) problems.push(`${locale}: ${key} is missing`);
  }
  return problems;
}

/** Chrome's substitution (for tests and tools): $NAME$ → its content, then $1…$9 → substitutions, $$ → $. */
export function formatMessage(msg: ChromeMessage, subs: readonly string[] = []): string {
  const placeholders = Object.fromEntries(
    Object.entries(msg.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]),
  );
  const sub = (s: string) => s.replace(/\$\$|\$([1-9])/g, (m, n) => (m === '$$' ? '$' : (subs[Number(n) - 1] ?? '')));
  return msg.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g, (m, name, n) => {
    if (m === '$$') return '$';
    if (n) return subs[Number(n) - 1] ?? '';
    return sub(placeholders[String(name).toLowerCase()] ?? '');
  });
}
