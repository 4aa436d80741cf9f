/** Page objects: how a person uses the options page, the popup and Microsoft's sign-in window. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './browser.ts';
import { startFakeCloud, type FakeCloud, type FakeCloudOptions, type FakeUser } from '../fake-cloud/index.ts';
import { ADMIN, PASSWORD, TENANT } from './fixtures.ts';

export async function configure(h: Harness, s: { tenant: string; clientId: string; cloud?: string }): Promise<Page> {
  const page = await h.openOptions();
  await page.getByRole('textbox', { name: /tenant/i }).fill(s.tenant);
  await page.getByRole('textbox', { name: 'Application (client) ID' }).fill(s.clientId);
  if (s.cloud) await page.getByRole('combobox', { name: 'Cloud' }).selectOption(s.cloud);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  return page;
}

/** Fills Entra's sign-in views (username, then password) in the launchWebAuthFlow window. */
export async function completeMicrosoftSignIn(authWindow: Page, upn: string, password: string) {
  await authWindow.waitForLoadState('domcontentloaded');
  const other = authWindow.locator('#otherTile');
  if (await other.isVisible().catch(() => false)) await other.click();
  await authWindow.locator('input[name=loginfmt]:visible').fill(upn);
  await authWindow.locator('#idSIButton9').click();
  await authWindow.locator('input[name=passwd]:visible').fill(password);
  await authWindow.locator('#idSIButton9').click();
}

export async function signIn(h: Harness, popup: Page, upn: string, password: string) {
  const authWindow = h.context.waitForEvent('page', {
    predicate: (p) => p.url().includes('/oauth2/v2.0/authorize'),
    timeout: 20_000,
  });
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await completeMicrosoftSignIn(await authWindow, upn, password);
  await popup.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
  expect(await popup.getByText(upn, { exact: true }).isVisible()).toBe(true);
}

export async function searchAndOpen(popup: Page, query: string, upn: string) {
  const search = popup.getByRole('searchbox', { name: /Search users/ });
  await search.fill(query);
  const result = popup.getByRole('button', { name: new RegExp(upn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') });
  await result.click();
}

/** All of chrome.storage.session and .local as the service worker sees them. */
export async function extensionStorage(
  h: Harness,
): Promise<{ session: Record<string, unknown>; local: Record<string, unknown> }> {
  const w = await h.worker();
  return w.evaluate(async () => ({
    session: await chrome.storage.session.get(null),
    local: await chrome.storage.local.get(null),
  }));
}

/** The usual start of a provisioning test: a fake cloud, Chromium with the extension, settings saved, admin signed in. */
export async function signedInSession(options: FakeCloudOptions = { userCount: 200 }) {
  const fake = await startFakeCloud(options);
  const h = await launch({ resolverRules: fake.resolverRules });
  await configure(h, TENANT);
  const popup = await h.openPopup();
  await signIn(h, popup, ADMIN, PASSWORD);
  return { fake, h, popup };
}

/**
 * A member no test of this file used yet (recorded in `used`): enabled, no admin role, no passkey or pass, not one of
 * the tenant's fixed users, outside the excluded group, with a plain UPN the search finds by its first part.
 */
export function freshMember(fake: FakeCloud, used: Set<string>): FakeUser {
  const excluded = fake.tenant.fixedGroups.excluded?.id;
  const fixed = new Set(Object.values(fake.tenant.fixed).map((u) => u.id));
  const u = fake.tenant.users.find(
    (x) =>
      !used.has(x.id) &&
      !fixed.has(x.id) &&
      x.accountEnabled !== false &&
      x.userType === 'Member' &&
      x.roles.length === 0 &&
      x.fido2Methods.length === 0 &&
      !x.tap &&
      !(excluded && x.groupIds.has(excluded)) &&
      /^[a-z]+[a-z0-9.]*@/.test(x.userPrincipalName),
  );
  if (!u) throw new Error('The fake tenant ran out of fresh users.');
  used.add(u.id);
  return u;
}
