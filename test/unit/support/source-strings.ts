/**
 * What the source says to people, read with the TypeScript parser: calls of t()/tn() with their keys and argument
 * counts, every string literal (a key used through a table counts as used), and literals that read like English
 * sentences outside t() — text the admin would see untranslated.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const SRC = new URL('../../../src/', import.meta.url).pathname;

/** Files whose English is not ours to translate: Microsoft's page texts that the guided drivers read. */
const NOT_OURS = new Set(['content/guided/texts.ts']);

export interface Call {
  file: string;
  line: number;
  fn: 't' | 'tn';
  key: string;
  args: number;
}
export interface Literal {
  file: string;
  line: number;
  text: string;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'locales') yield* files(path);
    } else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) yield path;
  }
}

/** Attributes whose value a person reads or hears. */
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
/** Reads like a sentence or label: a capital or lower-case word followed by at least one more word. */
const SENTENCE = /^[A-Z][a-z\u2019']+[,:]?\s+[A-Za-z\u2019'"“(]|^[a-z\u2019']+ [a-z\u2019']+ [a-z\u2019']+/;

export function scanSource(): { calls: Call[]; literals: Set<string>; untranslated: Literal[] } {
  const calls: Call[] = [];
  const literals = new Set<string>();
  const untranslated: Literal[] = [];
  for (const path of files(SRC)) {
    const file = relative(SRC, path);
    const text = readFileSync(path, 'utf8');
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? 4 : 3);
    const lines = text.split('\n');
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const exempt = (n: ts.Node) => /i18n-exempt/.test(lines[lineOf(n) - 1] ?? '') || NOT_OURS.has(file);
    const flag = (n: ts.Node, s: string) => {
      if (!exempt(n)) untranslated.push({ file, line: lineOf(n), text: s.trim().slice(0, 80) });
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ['t', 'tn'].includes(n.expression.text)) {
        const first = n.arguments[0];
        if (first && ts.isStringLiteralLike(first))
          calls.push({
            file,
            line: lineOf(n),
            fn: n.expression.text as 't' | 'tn',
            key: first.text,
            args: n.arguments.length - 1,
          });
      }
      if (ts.isStringLiteralLike(n)) {
        literals.add(n.text);
        const parent = n.parent;
        const isImport = ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent);
        const isKey = ts.isCallExpression(parent) && parent.arguments[0] === n;
        const attr = ts.isJsxAttribute(parent) ? parent.name.getText(sf) : undefined;
        if (attr !== undefined) {
          if (SPOKEN_ATTRIBUTES.has(attr) && /[A-Za-z]{2}/.test(n.text)) flag(n, n.text);
        } else if (!isImport && !isKey && SENTENCE.test(n.text)) flag(n, n.text);
      }
      if (ts.isTemplateExpression(n) && SENTENCE.test(n.head.text)) flag(n, n.head.text);
      if (ts.isJsxText(n) && /[A-Za-z]{2,}/.test(n.text.replace(/&[a-z]+;/g, ''))) flag(n, n.text);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { calls, literals, untranslated };
}
