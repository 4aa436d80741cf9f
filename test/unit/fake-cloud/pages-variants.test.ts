/**
 * The page-variant matrix of the fake pages: every view × named look × language renders its heading, controls and
 * fields with the right accessible names and the right page language, and each axis value shows up in the markup
 * (so the fake cannot silently lose a variant). The server side of the looks (nudge, passkey-first, interrupts,
 * `mkt=`/`?lng=` honoured or ignored) runs over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { computeAccessibleDescription, computeAccessibleName, getRole } from 'dom-accessibility-api';
import type { FakeCloud } from '../../fake-cloud/index.ts';
import {
  allRenderings,
  AXES,
  AXIS_NAMES,
  documentOf,
  guidedMatrix,
  headingKey,
  LANGS,
  loadVariant,
  LOOK_NAMES,
  NAMED_LOOKS,
  resolveLook,
  textOf,
  VIEW_USER,
  VIEWS,
} from '../support/renderings.ts';
import { LANG_LOCALE } from '../../fake-cloud/pages/look.ts';
import { configOf, fakeCloudPerFile, headingOf, Jar, LOGIN, MYSIGNINS } from './pages-helpers.ts';

const fold = (s: string) =>
  s
    .replace(/[\uE000-\uF8FF]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const CLICKABLE =
  'button, a, input[type=submit], input[type=button], [role=button], [role=link], [role=option], [role=listitem][tabindex]';

/** A clickable named `name` (accessible name), or one whose own text element reads `name` (name-less rows). */
function control(doc: Document, name: string): Element | undefined {
  // cheap prefilter first: the accessible-name computation (computed styles) is slow in happy-dom
  const want = fold(name);
  const all = [...doc.querySelectorAll(CLICKABLE)].filter((el) => {
    const by = (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (doc.getElementById(id)?.textContent ?? '') : ''))
      .join(' ');
    const raw = `${el.textContent ?? ''} ${(el as HTMLInputElement).value ?? ''} ${el.getAttribute('aria-label') ?? ''} ${by}`;
    return fold(raw).includes(want);
  });
  return (
    all.find((el) => fold(computeAccessibleName(el)) === fold(name)) ??
    all.find((el) =>
      [...el.querySelectorAll('*')].some((c) => !c.children.length && fold(c.textContent ?? '') === fold(name)),
    )
  );
}

function headingText(doc: Document, host: string): string[] {
  const modal = doc.querySelector('#ms-dialog-host [aria-modal="true"]');
  if (modal) return [fold(computeAccessibleName(modal))];
  const out = [...doc.querySelectorAll('[role=heading], h1')].map((h) => fold(h.textContent ?? ''));
  return host === 'mysignins' ? out : out.slice(0, 1);
}

describe('the variant list', () => {
  it('covers every value of every axis', () => {
    for (const axis of AXIS_NAMES) {
      const seen = new Set(LOOK_NAMES.map((n) => resolveLook(n)[axis]));
      expect([...seen].sort(), axis).toEqual([...AXES[axis]].sort());
    }
  });

  it('the guided e2e matrix has every look in ≥ 3 languages and every language on ≥ 3 looks', () => {
    const m = guidedMatrix();
    for (const look of LOOK_NAMES)
      expect(new Set(m.filter((c) => c.look === look).map((c) => c.lang)).size).toBeGreaterThanOrEqual(3);
    for (const lang of LANGS)
      expect(new Set(m.filter((c) => c.lang === lang).map((c) => c.look)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(m.map((c) => `${c.look}/${c.lang}`)).size).toBe(m.length);
    console.log(
      `page-variant matrix: ${VIEWS.length} views × ${LOOK_NAMES.length} looks × ${LANGS.length} languages = ${allRenderings().length} renderings; guided e2e: ${m.length} of ${LOOK_NAMES.length * LANGS.length} look × language pairs`,
    );
  });

  it('refuses unknown looks and axis values', () => {
    expect(() => resolveLook('nope')).toThrow(/Unknown page look/);
    expect(() => resolveLook({ icons: 'emoji' } as never)).toThrow(/Unknown value/);
  });
});

describe('every view × look × language', () => {
  const esc = (t: string) =>
    t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  it('each of the 1008 renderings carries its heading, control texts, fields and language (markup)', () => {
    const failures: string[] = [];
    for (const r of allRenderings()) {
      const has = (k: Parameters<typeof textOf>[0]) => r.html.includes(esc(textOf(k, r.lang)));
      if (!has(headingKey(r.view, r.look))) failures.push(`${r.label}: heading`);
      for (const k of r.view.controls) if (!has(k)) failures.push(`${r.label}: "${textOf(k, r.lang)}"`);
      for (const f of r.view.fields ?? []) if (!r.html.includes(`name="${f}"`)) failures.push(`${r.label}: field ${f}`);
      if (!new RegExp(`<html[^>]*\\blang="${r.lang}"`).test(r.html)) failures.push(`${r.label}: html lang`);
    }
    expect(failures).toEqual([]);
  });

  // Parsing costs ~50 ms a page in happy-dom: every distinct rendering in English and one other language per look
  // (rotating, so all nine languages are parsed), which still covers every view × look.
  const sample = allRenderings({ distinct: true }).filter(
    (r) => r.lang === 'en' || r.lang === LANGS[1 + (LOOK_NAMES.indexOf(r.lookName) % (LANGS.length - 1))],
  );
  it(`${sample.length} distinct pages in a DOM: heading and controls by accessible name, fields, language markers`, () => {
    const failures: string[] = [];
    for (const r of sample) {
      const { doc } = documentOf(r);
      const want = (k: Parameters<typeof textOf>[0]) => textOf(k, r.lang);
      const heads = headingText(doc, r.view.host);
      if (!heads.includes(fold(want(headingKey(r.view, r.look)))))
        failures.push(`${r.label}: heading ${heads.join(' | ')}`);
      for (const k of r.view.controls) if (!control(doc, want(k))) failures.push(`${r.label}: no control "${want(k)}"`);
      for (const f of r.view.fields ?? [])
        if (!doc.querySelector(`input[name="${f}"]`)) failures.push(`${r.label}: no field ${f}`);
      if (doc.documentElement.lang !== r.lang) failures.push(`${r.label}: html lang ${doc.documentElement.lang}`);
      if (r.view.host !== 'mysignins') {
        const loc = doc.querySelector('meta[name=LocLC]')?.getAttribute('content');
        if (loc !== LANG_LOCALE[r.lang].mkt) failures.push(`${r.label}: LocLC ${loc}`);
        if (!doc.querySelector('meta[name=PageID]')?.getAttribute('content')) failures.push(`${r.label}: no PageID`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('each axis shows in the markup', () => {
  it('icons: a private-use glyph inside the button, left out of its accessible name', () => {
    const { doc } = loadVariant('mysignins.securityInfo', { icons: 'glyph' }, 'en');
    const add = doc.querySelector('#add-method-button')!;
    expect(add.textContent).toMatch(/[\uE000-\uF8FF]Add sign-in method/);
    expect(add.querySelector('i[data-icon-name=Add][aria-hidden=true]')).toBeTruthy();
    expect(computeAccessibleName(add)).toBe('Add sign-in method');
    const plain = loadVariant('mysignins.securityInfo', 'default', 'en').doc.querySelector('#add-method-button')!;
    expect(plain.textContent).not.toMatch(/[\uE000-\uF8FF]/);
    const dialog = loadVariant('mysignins.addMethod', { icons: 'glyph' }, 'de').doc;
    expect(control(dialog, 'Passkey')?.textContent).toMatch(/^[\uE000-\uF8FF]Passkey$/);
  });

  it('classes: hashed pages carry no ms- class at all, Fluent v8 pages do', () => {
    for (const view of VIEWS.filter((v) => v.host === 'mysignins')) {
      const hashed = loadVariant(view.id, { classes: 'hashed' }, 'en').doc;
      const classes = [...hashed.querySelectorAll('[class]')].map((el) => el.getAttribute('class')!);
      expect(
        classes.filter((c) => /(^|\s)ms-/.test(c) || c.includes('ms-')),
        view.id,
      ).toEqual([]);
      expect(
        classes.some((c) => /\bfui-Button r[0-9a-z]{7}\b/.test(c)),
        view.id,
      ).toBe(true);
      expect(loadVariant(view.id, 'default', 'en').doc.querySelector('.ms-Button'), view.id).toBeTruthy();
    }
  });

  it('dialog: role=dialog, or only an aria-modal container named by aria-labelledby', () => {
    const role = loadVariant('mysignins.name', { dialog: 'role' }, 'en').doc;
    expect(role.querySelector('#ms-dialog-host [role=dialog][aria-modal=true]')).toBeTruthy();
    const modal = loadVariant('mysignins.name', { dialog: 'ariaModal' }, 'en').doc;
    expect(modal.querySelector('[role=dialog], [role=alertdialog]')).toBeNull();
    const box = modal.querySelector('#ms-dialog-host [aria-modal=true][aria-labelledby]')!;
    expect(computeAccessibleName(box)).toBe('Let’s name your passkey');
  });

  it('methodRow and option: the option is named by the method alone, description and tag kept apart', () => {
    for (const option of AXES.option)
      for (const methodRow of AXES.methodRow) {
        const { doc } = loadVariant('mysignins.addMethod', { option, methodRow }, 'en');
        const el = control(doc, 'Passkey')!;
        const label = `${option}/${methodRow}`;
        expect(el, label).toBeTruthy();
        expect(getRole(el), label).toBe(
          { button: 'button', link: 'link', listitem: 'listitem', option: 'option' }[option],
        );
        const row = el.closest('.method-option-row, [class*=r]')!;
        expect(row.textContent, label).toContain('Recommended');
        expect(row.textContent, label).toContain('Sign in with your face, fingerprint, PIN, or security key');
        if (methodRow === 'inside') {
          expect(computeAccessibleName(el), label).toBe('Passkey');
          expect(el.textContent, label).toContain('Recommended');
          expect(computeAccessibleDescription(el), label).toBe(
            'Sign in with your face, fingerprint, PIN, or security key',
          );
        }
        if (option === 'option') expect(doc.querySelector('[role=listbox] [role=option]'), label).toBeTruthy();
      }
  });

  it('identity: separate flyout elements, adjacent name+UPN (the concatenation trap), only the button label, or none', () => {
    const flyout = loadVariant('mysignins.securityInfo', { identity: 'flyout' }, 'en').doc;
    expect(flyout.querySelector('#mectrl_currentAccount_secondary')?.textContent).toBe(VIEW_USER.upn);
    const adjacent = loadVariant('mysignins.securityInfo', { identity: 'adjacent' }, 'en').doc;
    expect(adjacent.querySelector('header')!.textContent).toContain(`${VIEW_USER.displayName}${VIEW_USER.upn}`);
    const label = loadVariant('mysignins.securityInfo', { identity: 'label' }, 'en').doc;
    expect(label.body.textContent).not.toContain(VIEW_USER.upn);
    expect(label.querySelector('#mectrl_main_trigger')!.getAttribute('aria-label')).toContain(VIEW_USER.upn);
    const none = loadVariant('mysignins.securityInfo', { identity: 'none' }, 'en').doc;
    expect(none.documentElement.outerHTML).not.toContain(VIEW_USER.upn);
    expect(none.documentElement.outerHTML).not.toContain(VIEW_USER.displayName);
  });

  it('trap: #i0118 off-screen with a real box and no aria-hidden, or the classic moveOffScreen', () => {
    const classic = loadVariant('login.username', { trap: 'moveOffScreen' }, 'en').doc.querySelector('#i0118')!;
    expect(classic.getAttribute('aria-hidden')).toBe('true');
    expect(classic.classList.contains('moveOffScreen')).toBe(true);
    const off = loadVariant('login.username', { trap: 'offscreen' }, 'en').doc.querySelector('#i0118')!;
    expect(off.getAttribute('aria-hidden')).toBeNull();
    expect(off.className).not.toMatch(/moveOffScreen/);
    expect(off.getAttribute('style')).toMatch(/left:-10000px.*width:300px/);
  });

  it('order: "Setting up your passkey" on My Sign-ins and "Sign in faster…" on fido/create, or the other way', () => {
    const fasterFirst = loadVariant('fido.create', { order: 'fasterFirst' }, 'en').doc;
    expect(headingOf(fasterFirst.documentElement.outerHTML)).toBe('Setting up your passkey...');
    const settingUpFirst = loadVariant('fido.create', { order: 'settingUpFirst' }, 'fr').doc;
    expect(headingOf(settingUpFirst.documentElement.outerHTML)).toBe(textOf('signInFasterTitle', 'fr'));
  });

  it('signInStyle: data-testid markup', () => {
    const { doc } = loadVariant('login.nudge', { signInStyle: 'testid' }, 'es');
    expect(doc.querySelector('button[data-testid=primaryButton]')?.textContent).toBe('Siguiente');
    expect(doc.querySelector('#idSIButton9')).toBeNull();
  });

  it('the real language is exposed the way Entra does (html lang, LocLC, ReqLC, $Config.locale)', () => {
    const { r, doc } = loadVariant('login.kmsi', 'default', 'ja');
    expect(doc.documentElement.lang).toBe('ja');
    expect(doc.querySelector('meta[name=ReqLC]')?.getAttribute('content')).toBe('1041');
    expect(configOf(r.html).locale).toEqual({ mkt: 'ja-JP', lcid: 1041 });
    expect(headingOf(r.html)).toBe('サインインの状態を維持しますか?');
  });
});

describe('the looks on the server', () => {
  let fake: FakeCloud;
  fakeCloudPerFile((f) => (fake = f));
  const lee = 'leeg@contoso.onmicrosoft.com';

  /** Starts the My Sign-ins sign-in (optionally asking for English) and returns the username page. */
  async function start(jar: Jar, query = '') {
    const first = await jar.get(`${MYSIGNINS}/security-info${query}`);
    const authorize = new URL(first.header('location')!);
    if (query.includes('lng=en')) authorize.searchParams.set('mkt', 'en-US');
    return jar.get(authorize.href);
  }

  it('honours mkt= and ?lng= unless the look ignores them; firstPage honours only the first page', async () => {
    for (const [langRequest, username, tap] of [
      ['honoured', 'Sign in', 'Enter Temporary Access Pass'],
      ['ignored', 'Se connecter', 'Entrer le Passe d’accès temporaire'],
      ['firstPage', 'Sign in', 'Entrer le Passe d’accès temporaire'],
    ] as const) {
      fake.pages.configure({ locale: 'fr', look: { langRequest } });
      const t = fake.tenant.setTap(fake.tenant.user(lee), { isUsableOnce: true });
      const jar = new Jar(fake);
      const page = await start(jar, '?lng=en');
      expect(headingOf(page.text), langRequest).toBe(username);
      const tapPage = await jar.submit(page, { loginfmt: lee });
      expect(headingOf(tapPage.text), langRequest).toBe(tap);
      let next = await jar.submit(tapPage, { accesspass: t.secret });
      if (configOf(next.text).pgid === 'KmsiBroker') next = await jar.submit(next, { kmsi: 'no' });
      const { exchange } = await import('./pages-helpers.ts');
      await exchange(jar, next);
      const info = await jar.get(`${MYSIGNINS}/security-info`);
      expect(info.text, langRequest).toContain(langRequest === 'ignored' ? '<html lang="fr"' : '<html lang="en"');
    }
  });

  it('passkey-first → password → TAP; the nudge after the TAP (Skip for now); proof-up; no KMSI', async () => {
    fake.pages.configure({ look: 'kitchen-sink', locale: 'en' });
    const t = fake.tenant.setTap(fake.tenant.user(lee), { isUsableOnce: true });
    const jar = new Jar(fake);
    let page = await start(jar);
    expect(page.text).toContain('data-testid="primaryButton"');
    page = await jar.submit(page, { loginfmt: lee });
    expect(headingOf(page.text)).toBe('Sign in with a passkey');
    page = await jar.submit(page, { switchTo: 'password' });
    expect(headingOf(page.text)).toBe('Enter password');
    expect(page.text).toContain('Use your Temporary Access Pass instead');
    page = await jar.submit(page, { switchTo: 'tap' });
    page = await jar.submit(page, { accesspass: t.secret });
    expect(headingOf(page.text)).toBe('More information required');
    page = await jar.submit(page, {});
    const register = await jar.get(page.header('location')!);
    expect(register.text).toContain('Skip setup');
    page = await jar.submit(register, {});
    expect(headingOf(page.text)).toBe('Sign in faster with your face, fingerprint, or PIN');
    expect(page.text).toMatch(/Other options/);
    const next = await jar.submit(page, {});
    expect(headingOf(next.text)).toBe('We couldn’t set up your passkey');
    page = await jar.submit(page, { switchTo: 'nudgeSkip' });
    expect(page.status).toBe(302); // no KMSI in this look
    expect(page.header('location')).toMatch(/^https:\/\/mysignins\.microsoft\.com\/#code=/);
    void LOGIN;
  });

  it('serves Security info and fido/create in the look (settingUpFirst, hashed, glyphs)', async () => {
    fake.pages.configure({ look: 'kitchen-sink', locale: 'pl' });
    const t = fake.tenant.setTap(fake.tenant.user(lee), { isUsableOnce: true });
    const jar = new Jar(fake);
    let page = await start(jar);
    page = await jar.submit(page, { loginfmt: lee });
    page = await jar.submit(page, { switchTo: 'password' });
    page = await jar.submit(page, { switchTo: 'tap' });
    page = await jar.submit(page, { accesspass: t.secret });
    const register = await jar.get((await jar.submit(page, {})).header('location')!);
    page = await jar.submit(await jar.submit(register, {}), { switchTo: 'nudgeSkip' });
    const { exchange } = await import('./pages-helpers.ts');
    await exchange(jar, page);
    const info = await jar.get(`${MYSIGNINS}/security-info`);
    expect(info.text).toContain('<html lang="pl"');
    expect(info.text).not.toMatch(/class="[^"]*ms-/);
    expect(info.text).toContain('"order":"settingUpFirst"');
    expect(info.text).toContain('Dodaj metodę logowania');
  });
});

void NAMED_LOOKS;
