/**
 * The drivers' recognisers over the fake pages' whole variant matrix: every view × named look × language
 * (test/fake-cloud/pages/variants.ts). Each rendering must be recognised as its view, and the control the driver
 * would use must be the one a person would (by its accessible name in that language), the field the one named for
 * it — never the off-screen password trap, never a method's description, never a "Recommended" tag. On My Sign-ins
 * the signed-in user must be read positively. A language the drivers have no table for must not produce a wrong
 * click: its pages are recognised by anchors or handed over (no control picked).
 */
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { allRenderings, textOf, VIEW_USER, type Rendering } from './support/renderings.ts';
import { recogniseSignIn, type SignInView } from '../../src/content/guided/signin-views';
import {
  checkIdentity,
  recogniseSecurityInfo,
  type SecurityInfoView,
} from '../../src/content/guided/security-info-views';
import { accName, fold, textBlocks } from '../../src/content/guided/dom';

/** One happy-dom window for the whole matrix (a window per rendering costs more than the recognition itself); the
 * recognisers use the global DOM classes (instanceof HTMLInputElement), so those are the window's while a test runs. */
const win = new Window({ url: 'https://login.microsoftonline.com/', settings: { disableJavaScriptEvaluation: true } });
function documentOf(r: Rendering): { doc: Document; url: URL } {
  const doc = win.document as unknown as Document;
  doc.open();
  doc.write(r.html);
  doc.close();
  return { doc, url: new URL(r.view.url) };
}
function withWindow<T>(_doc: Document, fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  const names = ['HTMLInputElement', 'HTMLElement', 'Element', 'Node'];
  const saved = names.map((n) => g[n]);
  names.forEach((n) => (g[n] = (win as unknown as Record<string, unknown>)[n]));
  try {
    return fn();
  } finally {
    names.forEach((n, i) => (g[n] = saved[i]));
  }
}

/** The kinds each view of the matrix may be recognised as. */
const EXPECTED: Record<string, string[]> = {
  username: ['username'],
  tap: ['tap'],
  password: ['password'],
  'passkey-first': ['passwordless'],
  kmsi: ['kmsi'],
  proofup: ['proofup'],
  nudge: ['nudge'],
  picker: ['picker'],
  'fido-create': ['fido-create'],
  'security-info': ['security-info'],
  'add-method-dialog': ['add-method-dialog'],
  'passkey-intro': ['passkey-intro', 'legacy-ready'],
  'name-passkey': ['name-passkey'],
  'passkey-created': ['passkey-created'],
  'legacy-picker': ['legacy-picker'],
  'legacy-device': ['legacy-device'],
};

const said = (el: Element | null | undefined) => (el ? [accName(el), ...textBlocks(el)].map(fold) : []);
const says = (el: Element | null | undefined, r: Rendering, key: Parameters<typeof textOf>[0]) =>
  said(el).includes(fold(textOf(key, r.lang).replace(/<[^>]+>/g, '')));

/** The element the driver would act on, and the string key of what it must be. */
function target(v: SignInView | SecurityInfoView): [Element | null | undefined, string | null] {
  switch (v.kind) {
    case 'username':
      return [v.next, null];
    case 'tap':
      return [v.submit, null];
    case 'password':
      return [v.useTap, 'useTapInstead'];
    case 'passwordless':
      return [v.usePassword, 'usePasswordInstead'];
    case 'kmsi':
      return [v.no, 'no'];
    case 'proofup':
      return [v.next, 'next'];
    case 'nudge':
      return [v.skip, null]; // "Skip for now" or, on the error screen, "Skip" (checked below)
    case 'picker':
      return [v.useAnother, 'useAnotherAccount'];
    case 'fido-create':
      return [v.next, 'next'];
    case 'security-info':
      return [v.addMethod, 'addMethod'];
    case 'add-method-dialog':
      return [v.passkey, 'passkey'];
    case 'passkey-intro':
    case 'legacy-ready':
      return [v.next, 'next'];
    case 'name-passkey':
      return [v.next, 'next'];
    case 'passkey-created':
      return [v.done, 'done'];
    case 'legacy-picker':
      return [v.combobox, null];
    case 'legacy-device':
      return [v.usb, 'usbDevice'];
    default:
      return [null, null];
  }
}

const renderings = allRenderings();
console.log(`recogniser matrix: ${renderings.length} renderings (views × looks × languages)`);

describe('recognisers over the page-variant matrix', () => {
  it.each(renderings.map((r) => [r.label, r] as const))('%s', { timeout: 60_000 }, (_label, r) => {
    const { doc, url } = documentOf(r);
    withWindow(doc, () => {
      const v = r.view.host === 'mysignins' ? recogniseSecurityInfo(doc, url) : recogniseSignIn(doc, url);
      expect(EXPECTED[r.view.kind], `expected kinds for ${r.view.kind}`).toContain(v.kind);
      const [el, key] = target(v);
      expect(el, 'the control the driver acts on').toBeTruthy();
      if (key)
        expect(said(el), `named "${textOf(key as never, r.lang)}"`).toContain(fold(textOf(key as never, r.lang)));
      if (v.kind === 'nudge') expect(says(el, r, 'skipForNow') || says(el, r, 'skip')).toBe(true);
      if (v.kind === 'username') expect(v.input.name).toBe('loginfmt');
      if (v.kind === 'tap') expect(v.input.name).toBe('accesspass');
      if (v.kind === 'add-method-dialog') {
        // the passkey row itself (found by its name), not another method's row nor the "Recommended" tag alone
        for (const other of ['methodAuthenticator', 'methodPhone', 'methodEmail', 'showMoreOptions'] as const)
          expect(said(el)).not.toContain(fold(textOf(other, r.lang)));
        expect(accName(el!) === fold(textOf('recommended', r.lang))).toBe(false);
      }
      // The signed-in user positively recognised, or — when the page names nobody — "unknown" (the admin is asked).
      if (r.view.host === 'mysignins')
        expect(checkIdentity(doc, VIEW_USER.upn).check).toBe(r.look.identity === 'none' ? 'unknown' : 'match');
    });
  });
});

describe('a language without a table', () => {
  it('never picks a control by a wrong text: anchors or nothing', () => {
    // Czech is not in the tables: rename every visible word to nonsense, keep markup, and check the
    // recognisers still pick only anchored elements (ids, input names) or nothing at all.
    let picked = 0;
    for (const r of allRenderings({ langs: ['en'] })) {
      const { doc, url } = documentOf(r);
      doc.documentElement.lang = 'cs';
      doc.querySelector('meta[name=LocLC]')?.setAttribute('content', '1029');
      const walker = doc.createTreeWalker(doc.body, 4);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (!/@/.test(n.textContent ?? '')) n.textContent = (n.textContent ?? '').replace(/\p{L}+/gu, 'xyz');
      for (const el of doc.querySelectorAll('[aria-label], input[type=submit], input[type=button]')) {
        if (el.hasAttribute('aria-label') && !/@/.test(el.getAttribute('aria-label')!))
          el.setAttribute('aria-label', 'xyz');
        if (el instanceof (doc.defaultView as unknown as typeof globalThis).HTMLInputElement && el.type !== 'text')
          (el as HTMLInputElement).value = 'xyz';
      }
      withWindow(doc, () => {
        const v = r.view.host === 'mysignins' ? recogniseSecurityInfo(doc, url) : recogniseSignIn(doc, url);
        const [el] = target(v);
        if (!el) return;
        picked++;
        // whatever was picked was picked by an anchor, not by text: an id, a name, a data-* or a role
        expect(
          el.id ||
            el.getAttribute('name') ||
            el.getAttributeNames().some((a) => a.startsWith('data-')) ||
            el.getAttribute('role'),
          `${r.label}: ${el.outerHTML.slice(0, 120)}`,
        ).toBeTruthy();
      });
    }
    console.log(`untabled language: ${picked} controls picked by anchors`);
  }, 120_000);
});
