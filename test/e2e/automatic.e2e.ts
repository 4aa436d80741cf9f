/**
 * Automatic mode end to end: Graph creationOptions → a CDP virtual key in a tab on https://login.microsoft.com →
 * key-model check → POST fido2Methods, verified by the fake like Entra. Each failure has a clear outcome.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import type { Harness } from '../support/browser.ts';
import { extensionStorage, searchAndOpen, signedInSession } from '../support/pages.ts';
import { ADMIN, upn } from '../support/fixtures.ts';

const VIRTUAL_AAGUID = '01020304-0506-0708-0102-030405060708';

describe('automatic mode', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession());
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.faults.clear?.();
    await h.swapKey({});
  });

  async function provision(nick: string) {
    await popup.bringToFront();
    await searchAndOpen(popup, nick, upn(nick));
    await popup.getByRole('radio', { name: 'Automatic' }).check();
    await popup.getByRole('button', { name: /^Provision/ }).click();
  }

  it('registers a verified passkey for the right user, named from the template, and shows what Entra recorded', async () => {
    const megan = fake.tenant.user(upn('meganb'));
    expect(megan.fido2Methods).toHaveLength(0);
    await provision('meganb');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(megan.fido2Methods).toHaveLength(1);
    const stored = megan.fido2Methods[0]!;
    expect(stored.aaGuid).toBe(VIRTUAL_AAGUID);
    expect(stored.displayName.length).toBeLessThanOrEqual(30);
    expect(stored.displayName).toMatch(/\d{4}-\d{2}-\d{2}$/);
    const text = await popup.getByRole('status').filter({ hasText: 'registered' }).textContent();
    expect(text).toContain(stored.displayName);
    expect(text).toContain(stored.model ?? '');
    // the user detail lists the new passkey; the key tab says what Entra recorded; nothing secret at rest
    await popup
      .getByRole('list', { name: /Passkeys/ })
      .getByText(stored.displayName)
      .waitFor();
    const keyTabs = h.context.pages().filter((p) => p.url().startsWith('https://login.microsoft.com/'));
    expect(keyTabs).toHaveLength(1);
    expect(fake.requests.filter({ path: /^\/robots\.txt/ })).toHaveLength(1); // opened once, not navigated again
    await expect
      .poll(() => h.pageText(keyTabs[0]!), { timeout: 10_000 })
      .toContain(`Passkey registered for Megan Bowen: \u201c${stored.displayName}\u201d`);
    const { local, session } = await extensionStorage(h);
    expect(JSON.stringify(local)).not.toMatch(/challenge|attestationObject|accessToken/);
    expect(JSON.stringify(session)).not.toMatch(/challenge|attestationObject/); // the ceremony's data is gone with it
  });

  it('runs the next user in the same key tab without loading it again', async () => {
    const lynne = fake.tenant.user(upn('lynner'));
    const loads = () => fake.requests.filter({ path: /^\/robots\.txt/ }).length;
    const before = loads();
    await provision('lynner');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(lynne.fido2Methods).toHaveLength(1);
    expect(loads()).toBe(before); // the ceremony started in the kept document
    const keyTabs = h.context.pages().filter((p) => p.url().startsWith('https://login.microsoft.com/'));
    expect(keyTabs).toHaveLength(1);
    await expect
      .poll(() => h.pageText(keyTabs[0]!), { timeout: 10_000 })
      .toContain('Passkey registered for Lynne Robbins');
  });

  it('leaves a key tab the admin has since used for something else alone, and opens a new one', async () => {
    const [keyTab] = h.context.pages().filter((p) => p.url() === 'https://login.microsoft.com/robots.txt');
    const elsewhere = 'https://login.microsoft.com/common/v2.0/.well-known/openid-configuration';
    await keyTab!.goto(elsewhere);
    await provision('henriettam');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(fake.tenant.user(upn('henriettam')).fido2Methods).toHaveLength(1);
    expect(keyTab!.url()).toBe(elsewhere);
    expect(h.context.pages().filter((p) => p.url() === 'https://login.microsoft.com/robots.txt')).toHaveLength(1);
    await keyTab!.close();
  });

  it('cancels while the key is awaited: the key tab closes and nothing is registered or left in session storage', async () => {
    await h.swapKey({ automaticPresenceSimulation: false }); // a key nobody touches
    const christie = fake.tenant.user(upn('christiec'));
    await provision('christiec');
    await popup.getByText('Insert the key for Christie Cline and touch it').first().waitFor({ timeout: 30_000 });
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup
      .getByRole('status')
      .filter({ hasText: 'Cancelled. Nothing was registered.' })
      .waitFor({ timeout: 10_000 });
    await expect
      .poll(() => h.context.pages().filter((p) => p.url().startsWith('https://login.microsoft.com/')).length, {
        timeout: 10_000,
      })
      .toBe(0);
    expect(christie.fido2Methods).toHaveLength(0);
    const { session } = await extensionStorage(h);
    expect(session['ceremony.tab']).toBeUndefined();
    expect(session['job.ceremony']).toBeUndefined();
  });

  it('refuses self-provisioning before touching the key', async () => {
    await searchAndOpen(popup, 'nestor', ADMIN);
    await popup
      .getByText(/own passkey/)
      .first()
      .waitFor();
    expect(await popup.getByRole('button', { name: /^Provision/ }).isDisabled()).toBe(true);
  });

  it('does not register a key model the tenant blocks, and says which and why', async () => {
    fake.tenant.policies.fido2.keyRestrictions = {
      isEnforced: true,
      enforcementType: 'block',
      aaGuids: [VIRTUAL_AAGUID],
    };
    try {
      const lee = fake.tenant.user(upn('leeg'));
      const posts = fake.requests.filter({ method: 'POST', path: /fido2Methods$/ }).length;
      await provision('leeg');
      const alert = popup.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toMatch(
        /Not registered: the tenant does not allow Virtual authenticator.*block list/,
      );
      expect(await alert.textContent()).toMatch(/unused passkey/);
      expect(lee.fido2Methods).toHaveLength(0);
      expect(fake.requests.filter({ method: 'POST', path: /fido2Methods$/ }).length).toBe(posts); // never posted
    } finally {
      fake.tenant.policies.fido2.keyRestrictions = { isEnforced: false, enforcementType: 'block', aaGuids: [] };
    }
  });

  it('says the key was not touched in time (NotAllowedError)', async () => {
    await h.swapKey({ isUserVerified: false });
    await provision('diegos');
    const alert = popup.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(/did not answer|could not create|verify/);
    expect(fake.tenant.user(upn('diegos')).fido2Methods).toHaveLength(0);
  });

  it('fetches new options and retries once when the challenge expired', async () => {
    fake.faults.add({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: /fido2Methods$/,
      status: 400,
      times: 1,
      body: { error: { code: 'badRequest', message: 'The challenge has expired.' } },
    });
    await provision('isaiahl');
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(fake.tenant.user(upn('isaiahl')).fido2Methods).toHaveLength(1);
    expect(
      fake.requests
        .filter({ path: /creationOptions/ })
        .filter((e) => e.path.includes(fake.tenant.user(upn('isaiahl')).id)).length,
    ).toBe(2);
  });

  it('keeps the attestation after a network loss and registers it on "Retry registration"', async () => {
    fake.faults.add({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: /fido2Methods$/,
      dropConnection: true,
      times: 2,
    }); // Chromium retries a POST once on a dropped reused connection
    await provision('johannal');
    const retry = popup.getByRole('button', { name: 'Retry registration' });
    await retry.waitFor({ timeout: 30_000 });
    expect(fake.tenant.user(upn('johannal')).fido2Methods).toHaveLength(0);
    await retry.click();
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(fake.tenant.user(upn('johannal')).fido2Methods).toHaveLength(1);
  });

  it('finishes the job after the service worker was stopped while the key was awaited', async () => {
    await h.swapKey({ automaticPresenceSimulation: false }); // the admin is still looking for the key
    const adele = fake.tenant.user(upn('adelev'));
    const before = adele.fido2Methods.length;
    await provision('adelev');
    await popup.getByText('Insert the key for Adele Vance and touch it').first().waitFor({ timeout: 30_000 });
    await (await h.worker()).evaluate('self.__beforeStop = true');
    await h.stopServiceWorker();
    await h.swapKey({}); // the key is touched: the page reports to a worker that has to start again
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 30_000 });
    expect(adele.fido2Methods).toHaveLength(before + 1);
    expect(await (await h.worker()).evaluate('self.__beforeStop')).toBeUndefined(); // it really was a new worker
  });

  it('retries 429 with Retry-After and shows the outcome after the popup was closed and reopened', async () => {
    fake.faults.add({
      host: 'graph.microsoft.com',
      method: 'POST',
      path: /fido2Methods$/,
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    await provision('gradya');
    await popup.close();
    await expect.poll(() => fake.tenant.user(upn('gradya')).fido2Methods.length, { timeout: 30_000 }).toBe(1);
    popup = await h.openPopup();
    await searchAndOpen(popup, 'gradya', upn('gradya'));
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor();
    expect(fake.requests.filter({ method: 'POST', path: /fido2Methods$/, status: 429 }).length).toBe(1);
  });
});
