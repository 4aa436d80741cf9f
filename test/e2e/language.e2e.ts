/**
 * The extension in the admin's language: Chromium with a German UI (on Linux from LANGUAGE=de; Debian's Chromium
 * needs chromium-l10n for it). The admin saves the settings, signs in and provisions a user, automatic and guided,
 * finding every control by its German name (the English UI contract translated through the catalogs), and the fake
 * cloud holds a verified passkey for the right user each time. An English browser keeps the English names: every
 * other e2e file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from '../support/browser.ts';
import { startFakeCloud, type FakeCloud, type FakeUser } from '../fake-cloud/index.ts';
import { completeMicrosoftSignIn, extensionStorage, freshMember } from '../support/pages.ts';
import { ADMIN, PASSWORD, TENANT } from '../support/fixtures.ts';
import { words } from '../support/ui-language.ts';

const de = words('de');

describe('the extension in German', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;
  const used = new Set<string>();

  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 40 });
    h = await launch({ resolverRules: fake.resolverRules, language: 'de' });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const fresh = () => freshMember(fake, used);

  async function open(u: FakeUser) {
    await popup.bringToFront();
    const search = popup.getByRole('searchbox', { name: de.exact('Search users by name, UPN or email') });
    await search.fill(u.userPrincipalName.split('@')[0]!);
    await popup.getByRole('button', { name: new RegExp(u.userPrincipalName.replace(/\./g, '\\.'), 'i') }).click();
  }

  it('Chromium runs with a German UI (chromium-l10n is installed)', async () => {
    const lang = await (await h.worker()).evaluate(() => chrome.i18n.getUILanguage());
    expect(lang, 'Chromium shows no German UI: install Debian’s chromium-l10n').toMatch(/^de/);
  });

  it('settings and sign-in in German', async () => {
    const options = await h.openOptions();
    expect(await options.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
    await options.getByRole('textbox', { name: de.exact('Directory (tenant) ID or domain') }).fill(TENANT.tenant);
    await options.getByRole('textbox', { name: de.exact('Application (client) ID') }).fill(TENANT.clientId);
    await options.getByRole('button', { name: de.exact('Save') }).click();
    await options.getByText(de.translations('Saved. Open the extension and sign in.')[0]!).waitFor();
    // The English contract names are not there: the page really is German.
    expect(await options.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);

    popup = await h.openPopup();
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^de/);
    const authWindow = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth2/v2.0/authorize') });
    await popup.getByRole('button', { name: de.exact('Sign in') }).click();
    await completeMicrosoftSignIn(await authWindow, ADMIN, PASSWORD);
    await popup.getByRole('button', { name: de.exact('Sign out') }).waitFor({ timeout: 20_000 });
  });

  it('automatic: a verified passkey for the user, and the outcome in German', async () => {
    const u = fresh();
    await open(u);
    await popup.getByRole('radio', { name: de.prefix('Automatic') }).check();
    await popup.getByRole('button', { name: de.exact('Provision passkey') }).click();
    await expect.poll(() => u.fido2Methods.length, { timeout: 30_000 }).toBe(1);
    const registered = de.message('popupPasskeyRegistered', u.displayName, u.fido2Methods[0]!.displayName);
    await popup.getByRole('status').filter({ hasText: registered }).waitFor({ timeout: 10_000 });
    expect(de.englishIn(await popup.locator('body').innerText())).toEqual([]);
    expect(u.fido2Methods).toHaveLength(1);
    // The fake stores a passkey only once it verified the registration like Entra (@simplewebauthn/server).
    expect(u.fido2Methods[0]!.publicKey).toBeTruthy();
  });

  it('guided: the overlay on Microsoft’s pages speaks German; passkey stored, pass deleted, nothing secret at rest', async () => {
    const u = fresh();
    await open(u);
    await popup.getByRole('radio', { name: de.prefix('Guided (Temporary Access Pass)') }).check();
    const windowOpened = h.context.waitForEvent('page', {
      predicate: (p) => /^https:\/\/(login\.microsoftonline\.com|mysignins\.microsoft\.com)\//.test(p.url()),
    });
    await popup.getByRole('button', { name: de.exact('Provision passkey') }).click();
    const ms = await windowOpened;
    await expect.poll(() => u.tap?.secret, { timeout: 20_000 }).toBeTruthy();
    const pass = u.tap!.secret;
    // The overlay (in a shadow root on Microsoft's English page) shows its controls in German.
    const pause = de.translations('Pause')[0]!;
    await expect
      .poll(async () => (await h.pageText(ms).catch(() => '')).includes(pause), { timeout: 20_000 })
      .toBe(true);
    await expect.poll(() => u.fido2Methods.length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => u.tap, { timeout: 30_000 }).toBeNull();
    const registered = de.message('popupPasskeyRegistered', u.displayName, u.fido2Methods[0]!.displayName);
    await popup.getByRole('status').filter({ hasText: registered }).waitFor({ timeout: 30_000 });
    expect(de.englishIn(await popup.locator('body').innerText())).toEqual([]);
    const { session, local } = await extensionStorage(h);
    expect(JSON.stringify({ session, local })).not.toContain(pass);
  });
});
