// @vitest-environment happy-dom
/**
 * What the recognisers see of a page: accessible names (W3C accname via dom-accessibility-api), folded text, control
 * matching by a control's own name (never its description or a tag), visibility that the off-screen password trap
 * cannot pass, the page language, and the signed-in identity read per text node.
 */
import { describe, expect, it } from 'vitest';
import {
  accName,
  controlsNamed,
  fold,
  isUsableField,
  isVisible,
  pageLang,
  textBlocks,
  topDialog,
} from '../../src/content/guided/dom';
import { matches } from '../../src/content/guided/texts';
import { checkIdentity, shownIdentities } from '../../src/content/guided/security-info-views';

function page(body: string, head = ''): Document {
  document.open();
  document.write(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  document.close();
  return document;
}
const passkey = (n: string) => matches('passkeyOption', n, 'en');

describe('accessible names', () => {
  it('leave out aria-hidden icons and private-use glyphs (Fluent v8 buttons)', () => {
    page(`<button id=b><i data-icon-name="Add" aria-hidden="true">\uE710</i><span>Add sign-in method</span></button>
      <button id=g><span class="icon">\uE8FB</span>Passkey</button>`);
    expect(accName(document.getElementById('b')!)).toBe('Add sign-in method');
    expect(accName(document.getElementById('g')!)).toBe('Passkey');
    expect(controlsNamed(document, (n) => matches('addSignInMethod', n))).toHaveLength(1);
  });

  it('honour aria-labelledby and keep descriptions apart', () => {
    page(`<div role=option tabindex=0 id=o aria-labelledby="n" aria-describedby="d">
        <span id=n>Passkey</span><span id=d>Sign in with your face, fingerprint or PIN</span><span>Recommended</span></div>`);
    expect(accName(document.getElementById('o')!)).toBe('Passkey');
    expect(controlsNamed(document, passkey).map((e) => e.id)).toEqual(['o']);
  });

  it('match a method row by its name block, never by its description or its "Recommended" tag', () => {
    page(`<ul>
      <li tabindex=0 id=auth><span>Microsoft Authenticator</span><span>Use a passkey or approve sign-in requests</span></li>
      <li tabindex=0 id=pk><span class=tag>Recommended</span><span>Passkey</span><span>Face, fingerprint, PIN</span></li>
      <li tabindex=0 id=desc><span>Security key</span><span>Passkey</span></li>
    </ul>`);
    // "Passkey" alone as a block also appears in the third row's second line: both rows are candidates, the
    // description of the first ("Use a passkey…") is not.
    const ids = controlsNamed(document, passkey).map((e) => e.id);
    expect(ids).toContain('pk');
    expect(ids).not.toContain('auth');
    expect(controlsNamed(document, (n) => /recommended/i.test(n) && passkey(n))).toHaveLength(0);
  });

  it('prefer the button inside a list item that also matches', () => {
    page(
      `<ul><li id=row><button id=btn><i aria-hidden=true>\uE8D7</i>Passkey</button><span>Sign in faster</span></li></ul>`,
    );
    expect(controlsNamed(document, passkey).map((e) => e.id)).toEqual(['btn']);
  });

  it('fold whitespace, apostrophes, dashes and ellipses', () => {
    expect(fold('  Let\u2019s\u00a0name   your passkey ')).toBe("Let's name your passkey");
    expect(fold('Can\u02BCt access\u2026')).toBe("Can't access...");
    expect(fold('Sign\u2011in\u200B options')).toBe('Sign-in options');
    expect(matches('namePasskey', 'Let\u2019s name your passkey')).toBe(true);
  });

  it('split text into blocks without gluing adjacent elements', () => {
    page(`<div id=h><div>Lee Gu</div><div>leeg@contoso.com</div></div>`);
    expect(textBlocks(document.getElementById('h')!)).toEqual([
      'Lee Gu',
      'leeg@contoso.com',
      'Lee Gu leeg@contoso.com',
    ]);
  });
});

describe('visibility', () => {
  it('does not take the off-screen password field for a usable one, however it is hidden', () => {
    page(`<input id=a name=passwd type=password class=moveOffScreen tabindex=-1 aria-hidden=true>
      <input id=b name=passwd type=password style="position:absolute;left:-10000px;top:auto">
      <input id=c name=passwd type=password tabindex=-1>
      <input id=d name=passwd type=password>`);
    const el = (id: string) => document.getElementById(id);
    expect(isVisible(el('a'))).toBe(false);
    expect(isVisible(el('b'))).toBe(false);
    expect(isUsableField(el('c'))).toBe(false);
    expect(isUsableField(el('d'))).toBe(true);
  });

  it('finds the dialog on top: role=dialog or an aria-modal container', () => {
    page(
      `<div role=dialog id=a aria-label="A"></div><div aria-modal=true id=b aria-labelledby=t><h2 id=t>B</h2></div>`,
    );
    expect(topDialog(document)?.id).toBe('b');
    page(`<div class="fui-DialogSurface" role=dialog aria-modal=true id=only><h2>x</h2></div>`);
    expect(topDialog(document)?.id).toBe('only');
  });
});

describe('page language', () => {
  it.each([
    ['<meta name="LocLC" content="1031">', '', 'de'],
    ['<meta name="LocLC" content="en-US">', '', 'en-us'],
    ['', '<script>$Config={"locale":{"mkt":"fr-FR","lcid":1036}};</script>', 'fr-fr'],
    ['', '<script>$Config={"lng":"ja"};</script>', 'ja'],
    ['<meta name="LocLC" content="1046">', '', 'pt-br'],
  ])('%s %s → %s', (head, body, lang) => {
    expect(pageLang(page(body, head))).toBe(lang);
  });

  it('is unknown without a signal, and then every table is tried', () => {
    document.documentElement.removeAttribute('lang');
    expect(pageLang(page(''))).toBe('');
    expect(matches('next', 'Weiter', '')).toBe(true);
    expect(matches('next', 'Weiter', 'cs')).toBe(false); // a known language without a table: English only
  });
});

describe('signed-in identity', () => {
  const upn = 'leeg@contoso.onmicrosoft.com';
  it('reads adjacent name and UPN elements separately (no "Guleeg@…")', () => {
    const doc = page(`<header><button aria-expanded=false><div>Lee Gu</div><div>${upn}</div></button></header>`);
    expect(shownIdentities(doc)).toEqual([upn]);
    expect(checkIdentity(doc, 'LeeG@contoso.onmicrosoft.com').check).toBe('match');
  });

  it('reads a UPN that is only in a collapsed account button\u2019s label', () => {
    const doc = page(
      `<div class=top><button aria-haspopup=true aria-expanded=false aria-label="Account manager for Lee Gu (${upn})"><img alt=""></button></div><main>Security info</main>`,
    );
    expect(checkIdentity(doc, upn).check).toBe('match');
  });

  it('reports another user, and "unknown" when no identity is shown (the admin is asked)', () => {
    expect(checkIdentity(page(`<header><span>admin@contoso.onmicrosoft.com</span></header>`), upn)).toEqual({
      check: 'other',
      shown: ['admin@contoso.onmicrosoft.com'],
    });
    expect(checkIdentity(page(`<header><span>Lee Gu</span></header>`), upn).check).toBe('unknown');
  });

  it('ignores addresses in the page content (an e-mail sign-in method is not the signed-in user)', () => {
    const doc = page(
      `<header><span>${upn}</span></header><main><ul><li>Email <span>lee.private@example.com</span></li></ul></main>`,
    );
    expect(shownIdentities(doc)).toEqual([upn]);
  });
});
