/**
 * Real-browser smoke test of the fake pages: headless Chromium (playwright-core, the Chromium scripts/find-chromium.mjs finds) with the fake's
 * resolver rules and a CDP virtual authenticator, clicking through My Sign-ins exactly like a person: TAP sign-in,
 * "Add sign-in method" → Passkey → Next → fido/create Next → name → Done. Skipped when Chromium is not installed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import { virtualKey } from '../../support/browser.ts';
import { findChromium } from '../../../scripts/find-chromium.mjs';

const CHROMIUM = findChromium();
const run = CHROMIUM ? describe : describe.skip;

let fake: FakeCloud;
let browser: Browser;

async function withAuthenticator(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: virtualKey() });
  return page;
}

async function signInWithTap(page: Page, upn: string, tap: string): Promise<void> {
  await page.goto('https://mysignins.microsoft.com/security-info');
  await page.locator('input[name=loginfmt]:visible').fill(upn);
  await page.locator('#idSIButton9').click();
  await page.locator('input[name=accesspass]').fill(tap);
  await page.locator('#idSIButton9').click();
  await page.getByRole('heading', { name: 'Stay signed in?' }).waitFor();
  await page.locator('#idBtn_Back').click();
  await page.waitForURL('https://mysignins.microsoft.com/security-info');
}

run('fake pages in Chromium', () => {
  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 40 });
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      headless: true,
      args: [...fake.chromiumArgs, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
  }, 60_000);
  beforeEach(() => {
    fake.pages.resetConfig();
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  it(
    'current flow: TAP sign-in → Add sign-in method → Passkey → fido/create → name → Done',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await withAuthenticator(context);
      await signInWithTap(page, 'christiec@contoso.onmicrosoft.com', 'Cc7xTAPq');
      expect(await page.locator('#mectrl_currentAccount_secondary').textContent()).toBe(
        'christiec@contoso.onmicrosoft.com',
      );

      await page.getByRole('button', { name: 'Add sign-in method' }).click();
      const add = page.getByRole('dialog', { name: 'Add a sign-in method' });
      await add.getByRole('button', { name: 'Passkey', exact: true }).click();
      const faster = page.getByRole('dialog', { name: 'Sign in faster with your face, fingerprint, or PIN' });
      await faster.getByRole('button', { name: 'Next' }).click();

      await page.waitForURL(/^https:\/\/login\.microsoft\.com\/[^/]+\/fido\/create\?cid=/);
      await page.getByText('Setting up your passkey...').waitFor();
      await page.locator('#idSIButton9').click();

      await page.waitForURL(/^https:\/\/mysignins\.microsoft\.com\/security-info#fidoProvisionSuccess=/);
      const naming = page.getByRole('dialog', { name: 'Let’s name your passkey' });
      const field = naming.locator('input[type=text]');
      expect(await field.getAttribute('maxlength')).toBe('30');
      expect(await field.getAttribute('id')).toMatch(/^TextField\d+$/);
      expect(await field.inputValue()).toBe('Virtual Authenticator (CDP)');
      await field.fill('Browser test key');
      await naming.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('dialog', { name: 'Passkey created' }).getByRole('button', { name: 'Done' }).click();
      await page.getByText('Browser test key').waitFor();
      expect(
        await page.locator('.method-row', { hasText: 'Browser test key' }).locator('.method-type').textContent(),
      ).toBe('Passkey (Device bound)');

      const stored = fake.tenant.user('withTap').fido2Methods;
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        displayName: 'Browser test key',
        aaGuid: '01020304-0506-0708-0102-030405060708',
        passkeyType: 'deviceBound',
      });
      await context.close();
    },
  );

  it('legacy flow in German: combobox → Sicherheitsschlüssel → USB-Gerät → Weiter', { timeout: 60_000 }, async () => {
    fake.pages.configure({ variant: 'legacy', locale: 'de', kmsi: false });
    const lee = fake.tenant.user('lee');
    fake.tenant.setTap(lee, { secret: 'Lg5xTAPw' });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await withAuthenticator(context);
    await page.goto('https://mysignins.microsoft.com/security-info');
    await page.locator('input[name=loginfmt]:visible').fill(lee.userPrincipalName);
    await page.locator('#idSIButton9').click();
    await page.getByRole('heading', { name: 'Befristeten Zugriffspass eingeben' }).waitFor();
    await page.locator('input[name=accesspass]').fill('Lg5xTAPw');
    await page.locator('#idSIButton9').click();
    await page.waitForURL('https://mysignins.microsoft.com/security-info');

    await page.getByRole('button', { name: 'Anmeldemethode hinzufügen' }).click();
    await page.locator('[role=combobox]').click();
    await page.getByRole('option', { name: 'Sicherheitsschlüssel' }).click();
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
    await page.getByRole('button', { name: 'USB-Gerät' }).click();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByText('Ihre neue Anmeldemethode wird eingerichtet').waitFor();
    await page.locator('#idSIButton9').click();
    await page.waitForURL(/#fidoProvisionSuccess=/);
    await page.locator('input.ms-TextField-field').fill('USB-Schlüssel');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('button', { name: 'Fertig' }).click();
    await page.getByText('USB-Schlüssel').waitFor();
    expect(lee.fido2Methods.map((m) => m.displayName)).toEqual(['USB-Schlüssel']);
    await context.close();
  });

  it('a WebAuthn error shows "Try again" / "Back"; Back returns to Security info', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage(); // no virtual authenticator: create() fails with NotAllowedError
    const diego = fake.tenant.user('diego');
    fake.tenant.setTap(diego, { secret: 'Ds8xTAPr' });
    fake.pages.configure({ signInFasterStep: false });
    await signInWithTap(page, diego.userPrincipalName, 'Ds8xTAPr');
    await page.getByRole('button', { name: 'Add sign-in method' }).click();
    await page.getByRole('button', { name: 'Passkey', exact: true }).click();
    await page.waitForURL(/\/fido\/create/);
    // Make the ceremony fail fast, as a cancelled browser sheet would.
    await page.evaluate(() => {
      navigator.credentials.create = () =>
        Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
    });
    await page.locator('#idSIButton9').click();
    await page.locator('#fidoError').waitFor();
    expect(await page.locator('#idSIButton9').inputValue()).toBe('Try again');
    expect(await page.locator('#idBtn_Back').inputValue()).toBe('Back');
    await page.locator('#idBtn_Back').click();
    await page.waitForURL('https://mysignins.microsoft.com/security-info');
    expect(await page.locator('#ms-banner').textContent()).toContain('Your passkey couldn’t be added. Try again.');
    await context.close();
  });
});
