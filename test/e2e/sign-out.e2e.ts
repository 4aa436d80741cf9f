/**
 * Verified sign-out of a normal-window guided job: however the job ends (success, failure, Cancel, window closed),
 * the browser holds no session of the user afterwards — neither Entra's (login host) nor My Sign-ins' own — and
 * the popup says what happened to the admin's own Microsoft web sessions. "Holds" is read from the browser's
 * cookie jar and checked against the fake's live sessions (fake.pages.sessionsOf(upn, cookies)).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeCloud, type FakeCloud } from '../fake-cloud/index.ts';
import { launch, type Harness } from '../support/browser.ts';
import {
  completeMicrosoftSignIn,
  configure,
  extensionStorage,
  searchAndOpen,
  signedInSession,
  signIn,
} from '../support/pages.ts';
import { ADMIN, PASSWORD, TENANT, upn } from '../support/fixtures.ts';

describe('guided sign-out (normal window)', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession());
    // This file is about the normal window: say so, whatever the machine allows.
    expect(await (await h.worker()).evaluate(() => chrome.extension.isAllowedIncognitoAccess())).toBe(false);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  const microsoftPages = () =>
    h.context
      .pages()
      .filter((p) => /^https:\/\/(login\.microsoft(online)?\.com|mysignins\.microsoft\.com)\//.test(p.url()));
  /** Sessions of this user the browser still holds (cookie jar × the fake's live sessions). */
  const heldSessions = async (who: string) => fake.pages.sessionsOf(who, await h.cookies());
  const loginSessions = (who: string) => fake.pages.sessionsOf(who).filter((s) => 'app' in s && s.app === 'login');
  const note = () => popup.getByLabel('Microsoft sign-out');

  async function provisionGuided(nick: string) {
    await popup.bringToFront();
    await searchAndOpen(popup, nick, upn(nick));
    await popup.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
    // The popup says which window the job uses, and how to get the private one.
    await expect
      .poll(() => popup.getByLabel('Guided window').textContent(), { timeout: 10_000 })
      .toMatch(/normal window.*Allow in Incognito.*InPrivate/s);
    await popup.getByRole('button', { name: /^Provision/ }).click();
  }

  /** The job reached the key step: the user is signed in to both apps (the session to be ended exists). */
  async function waitForKeyStep(nick: string) {
    await popup.getByText(`Insert the key for`).waitFor({ timeout: 90_000 });
    const apps = fake.pages.sessionsOf(upn(nick), await h.cookies()).map((s) => ('app' in s ? s.app : 'mysignins'));
    expect(apps.sort()).toEqual(['login', 'mysignins']);
  }

  async function expectUserGone(nick: string) {
    await expect.poll(() => microsoftPages().length, { timeout: 30_000 }).toBe(0);
    expect(await heldSessions(upn(nick))).toEqual([]);
    // Microsoft's own sign-out (logout_hint) ended the user's login session, not just the cookie removal.
    expect(loginSessions(upn(nick))).toEqual([]);
    expect(fake.tenant.user(upn(nick)).tap).toBeNull();
  }

  it('success: the user is signed out of Entra and My Sign-ins; the admin is told their own tabs must sign in again', async () => {
    // The admin's own sign-in (the extension's, in this profile) is a Microsoft web session in the browser.
    expect((await heldSessions(ADMIN)).length).toBeGreaterThan(0);
    const prompts = fake.authority.logoutPrompts;
    await provisionGuided('leeg');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 90_000 });
    await expect.poll(() => note().textContent(), { timeout: 30_000 }).toMatch(/signed out of Microsoft.*\(verified\)/);
    expect(await note().textContent()).toContain('Your own Microsoft web sessions in this browser were signed out too');
    await expectUserGone('leeg');
    // …which is true: the pre-job clear removed the admin's web session from the browser.
    expect(await heldSessions(ADMIN)).toEqual([]);
    expect(fake.authority.logoutPrompts).toBe(prompts); // the hint avoided the account picker
    expect(fake.tenant.user(upn('leeg')).fido2Methods).toHaveLength(1);
  });

  it('failure after sign-in (Graph cannot confirm): the user is signed out all the same', async () => {
    const fault = fake.faults.add({
      host: 'graph.microsoft.com',
      method: 'GET',
      path: /\/authentication\/fido2Methods/,
      status: 403,
      times: -1,
    });
    try {
      await provisionGuided('diegos');
      await popup.getByRole('alert').waitFor({ timeout: 90_000 });
      await expect.poll(() => note().textContent(), { timeout: 30_000 }).toMatch(/\(verified\)/);
      expect(await note().textContent()).toContain('were not touched');
      await expectUserGone('diegos');
    } finally {
      fake.faults.remove(fault);
    }
  });

  it('Cancel at the key step: the user is signed out', async () => {
    await h.swapKey({ automaticPresenceSimulation: false });
    try {
      await provisionGuided('isaiahl');
      await waitForKeyStep('isaiahl');
      await popup.getByRole('button', { name: 'Cancel' }).click();
      await popup.getByText('Cancelled.').waitFor({ timeout: 30_000 });
      await expect.poll(() => note().textContent(), { timeout: 30_000 }).toMatch(/\(verified\)/);
      await expectUserGone('isaiahl');
    } finally {
      await h.swapKey({});
    }
  });

  it('the admin closes the Microsoft window mid-job: the user is signed out anyway', async () => {
    await h.swapKey({ automaticPresenceSimulation: false });
    try {
      await provisionGuided('johannal');
      await waitForKeyStep('johannal');
      for (const p of microsoftPages()) await p.close();
      await popup.getByRole('alert').filter({ hasText: 'window was closed' }).waitFor({ timeout: 30_000 });
      await expect.poll(() => note().textContent(), { timeout: 30_000 }).toMatch(/\(verified\)/);
      await expectUserGone('johannal');
    } finally {
      await h.swapKey({});
    }
  });

  it('the admin signs in to Microsoft again during the job: the shared cookie goes, and the popup says so', async () => {
    // Hold the job at Graph's confirmation while the admin signs in to Microsoft in a tab of their own.
    const hold = fake.faults.add({
      host: 'graph.microsoft.com',
      method: 'GET',
      path: /\/authentication\/fido2Methods/,
      latencyMs: 12_000,
      times: 1,
    });
    const prompts = fake.authority.logoutPrompts;
    try {
      await provisionGuided('gradya');
      await popup.getByText('Confirm the new passkey with Microsoft Graph').waitFor({ timeout: 90_000 });
      await expect.poll(() => fake.faults.list().find((f) => f.id === hold)?.fired ?? 1, { timeout: 60_000 }).toBe(1);
      const own = await h.context.newPage();
      const authorize = new URL(`https://login.microsoftonline.com/${TENANT.tenant}/oauth2/v2.0/authorize`);
      for (const [k, v] of Object.entries({
        client_id: TENANT.clientId,
        response_type: 'code',
        redirect_uri: `https://${h.extensionId}.chromiumapp.org/`,
        scope: 'openid profile',
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
        prompt: 'login',
      }))
        authorize.searchParams.set(k, v);
      await own.goto(authorize.href);
      await completeMicrosoftSignIn(own, ADMIN, 'Passw0rd!');
      // Both accounts are in the browser's one Entra session now.
      await expect.poll(async () => (await heldSessions(ADMIN)).length, { timeout: 15_000 }).toBeGreaterThan(0);
      await own.close();

      await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 90_000 });
      await expect
        .poll(() => note().textContent(), { timeout: 30_000 })
        .toMatch(/sign-in cookies were removed.*will ask you to sign in again/s);
      await expectUserGone('gradya'); // logout_hint signed the user out; the admin's part stayed until removed
      expect(fake.authority.logoutPrompts).toBe(prompts); // no account picker: the hint named the account
      expect(await heldSessions(ADMIN)).toEqual([]);
    } finally {
      fake.faults.remove(hold);
    }
  });
});

describe('guided job in a private window (the extension allowed in Incognito)', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;

  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 200 });
    h = await launch({ resolverRules: fake.resolverRules, incognito: true });
    await configure(h, TENANT);
    popup = await h.openPopup();
    await signIn(h, popup, ADMIN, PASSWORD);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('succeeds in an Incognito window and leaves nothing of the user in the normal profile', async () => {
    const worker = await h.worker();
    // Chromium really granted it (CDP Extensions.loadUnpacked with enableInIncognito).
    expect(await worker.evaluate(() => chrome.extension.isAllowedIncognitoAccess())).toBe(true);
    const adminBefore = fake.pages.sessionsOf(ADMIN, await h.cookies());
    expect(adminBefore.length).toBeGreaterThan(0);

    const lee = fake.tenant.user(upn('leeg'));
    await popup.bringToFront();
    await searchAndOpen(popup, 'leeg', upn('leeg'));
    await popup.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
    await expect
      .poll(() => popup.getByLabel('Guided window').textContent(), { timeout: 10_000 })
      .toMatch(/private \(InPrivate\/Incognito\) window/);
    await popup.getByRole('button', { name: /^Provision/ }).click();

    // The job's window is a private one, and the user signs in there (both apps), not in the normal profile.
    await expect
      .poll(
        async () =>
          ((await extensionStorage(h)).session['job.current'] as { guided?: { incognito?: boolean } })?.guided,
        { timeout: 30_000 },
      )
      .toMatchObject({ incognito: true });
    await expect.poll(() => fake.pages.sessionsOf(upn('leeg')).length, { timeout: 60_000 }).toBe(2);
    expect(fake.pages.sessionsOf(upn('leeg'), await h.cookies())).toEqual([]);

    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 90_000 });
    expect(lee.fido2Methods).toHaveLength(1);
    expect(lee.tap).toBeNull();
    const note = popup.getByLabel('Microsoft sign-out');
    await expect.poll(() => note.textContent(), { timeout: 30_000 }).toMatch(/private window was closed/);
    expect(await note.textContent()).toContain('Your Microsoft sessions in normal windows were not touched');
    // The private window and its cookie store are gone; the normal profile never held the user, and still holds
    // the admin exactly as before.
    await expect
      .poll(() => worker.evaluate(() => chrome.cookies.getAllCookieStores().then((s) => s.map((x) => x.id))), {
        timeout: 15_000,
      })
      .toEqual(['0']);
    expect(fake.pages.sessionsOf(upn('leeg'), await h.cookies())).toEqual([]);
    expect(fake.pages.sessionsOf(ADMIN, await h.cookies())).toEqual(adminBefore);
  });

  it('another private window keeps the private cookie store alive: the user’s session is removed from it', async () => {
    const worker = await h.worker();
    // The admin has a private window of their own open: closing the job's window does not end the private profile.
    const own = await worker.evaluate(() =>
      chrome.windows.create({ incognito: true, url: 'about:blank', focused: false }).then((w) => w?.id ?? -1),
    );
    try {
      const christie = fake.tenant.user(upn('christiec'));
      await popup.bringToFront();
      await searchAndOpen(popup, 'christiec', upn('christiec'));
      await popup.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
      await popup.getByRole('button', { name: /^Provision/ }).click();
      await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 90_000 });
      expect(christie.fido2Methods).toHaveLength(1);
      const note = popup.getByLabel('Microsoft sign-out');
      await expect.poll(() => note.textContent(), { timeout: 30_000 }).toMatch(/private window was closed/);
      expect(await note.textContent()).toContain('Your other private windows were signed out of Microsoft too');
      const privateCookies = () =>
        worker.evaluate(async () => {
          const stores = await chrome.cookies.getAllCookieStores();
          const lists = await Promise.all(
            stores.filter((st) => st.id !== '0').map((st) => chrome.cookies.getAll({ storeId: st.id })),
          );
          return { stores: stores.map((st) => st.id), cookies: lists.flat() };
        });
      const after = await privateCookies();
      expect(after.stores.length).toBe(2); // the private store is still there…
      expect(fake.pages.sessionsOf(upn('christiec'), after.cookies)).toEqual([]); // …without the user
      expect(fake.pages.sessionsOf(upn('christiec'), await h.cookies())).toEqual([]);
    } finally {
      await worker.evaluate((id) => chrome.windows.remove(id), own).catch(() => undefined);
    }
  });
});
