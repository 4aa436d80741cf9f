/**
 * Foundation, end to end: settings, admin sign-in through the real launchWebAuthFlow window against the
 * fake Entra authority, directory search over a few thousand users, the user detail — and nothing secret at rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../fake-cloud/index.ts';
import { launch, type Harness } from '../support/browser.ts';
import { configure, extensionStorage, searchAndOpen, signIn } from '../support/pages.ts';
import { ADMIN, PASSWORD, TENANT } from '../support/fixtures.ts';

describe('foundation', () => {
  let fake: FakeCloud;
  let h: Harness;

  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 3000 });
    h = await launch({ resolverRules: fake.resolverRules });
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('refuses invalid settings with a specific, visible error and saves nothing', async () => {
    const page = await h.openOptions();
    const tenant = page.getByRole('textbox', { name: /tenant/i });
    await tenant.fill('common');
    await page.getByRole('textbox', { name: 'Application (client) ID' }).fill('not-a-guid');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => tenant.getAttribute('aria-invalid')).toBe('true');
    const alerts = await page.getByRole('alert').allTextContents();
    expect(alerts.join(' ')).toMatch(/not a tenant/);
    expect(alerts.join(' ')).toMatch(/GUID/);
    expect((await extensionStorage(h)).local.settings).toBeUndefined();
    await expect
      .poll(() => page.locator('#redirect-uri').textContent())
      .toBe(`https://${h.extensionId}.chromiumapp.org/`);
    await page.close();
  });

  it('signs the admin in through launchWebAuthFlow, shows the UPN, and keeps tokens off disk', async () => {
    await configure(h, TENANT);
    const popup = await h.openPopup();
    await signIn(h, popup, ADMIN, PASSWORD);
    const { session, local } = await extensionStorage(h);
    expect(JSON.stringify(local)).not.toMatch(/token|eyJ/i);
    expect((session['auth.state'] as { status: string }).status).toBe('signed-in');
    // The access token the fake issued is in session storage only
    const token = (session['auth.token'] as { accessToken: string }).accessToken;
    expect(fake.tenant.accessTokens.has(token)).toBe(true);
    // Nothing in the popup's own web storage either
    expect(
      await popup.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })),
    ).not.toMatch(/token|secret/i);
    await popup.close();
  });

  it('searches the directory server-side, pages with "load more", and opens a user', async () => {
    const popup = await h.openPopup();
    await popup.getByRole('button', { name: 'Sign out' }).waitFor();
    const before = fake.requests.entries.length;
    await popup.getByRole('searchbox', { name: /Search users/ }).pressSequentially('a', { delay: 30 });
    const results = popup.getByRole('list', { name: 'Search results' }).getByRole('button');
    await expect.poll(() => results.count()).toBe(25);
    await popup.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => results.count()).toBe(50);
    const graphCalls = fake.requests.entries
      .slice(before)
      .filter((r) => r.host === 'graph.microsoft.com' && r.path.includes('/users'));
    expect(graphCalls.every((r) => !r.path.includes('$top=999'))).toBe(true);
    expect(graphCalls.length).toBeLessThanOrEqual(3); // debounced: one search + one page

    await popup.getByRole('searchbox', { name: /Search users/ }).fill('adele');
    await searchAndOpen(popup, 'adele', 'adelev@contoso.onmicrosoft.com');
    await popup.getByRole('heading', { name: 'Adele Vance' }).waitFor();
    const adele = fake.tenant.user('adelev@contoso.onmicrosoft.com');
    const keyName = adele.fido2Methods[0]!.displayName;
    await popup
      .getByRole('list', { name: /Passkeys/ })
      .getByText(keyName)
      .waitFor();
    expect(await popup.getByText('No Temporary Access Pass.').isVisible()).toBe(true);
    expect(await popup.getByText('enabled', { exact: true }).isVisible()).toBe(true);
    await popup.close();
  });

  it('shows an existing Temporary Access Pass and a disabled account', async () => {
    const popup = await h.openPopup();
    await searchAndOpen(popup, 'christie', 'christiec@contoso.onmicrosoft.com');
    await expect.poll(() => popup.getByTestId('tap-state').textContent()).toMatch(/A Temporary Access Pass exists/);
    await searchAndOpen(popup, 'miriam', 'miriamg@contoso.onmicrosoft.com');
    await popup.getByText('disabled', { exact: true }).waitFor();
    await popup.close();
  });

  it('maps a Graph failure to a readable error with the request id', async () => {
    fake.faults.add({ host: 'graph.microsoft.com', path: /^\/v1\.0\/users\?/, method: 'GET', status: 403, times: 1 });
    const popup = await h.openPopup();
    await popup.getByRole('searchbox', { name: /Search users/ }).fill('megan');
    const alert = popup.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toMatch(/Could not search the directory\. You do not have permission/);
    expect(text).toMatch(/Authentication Administrator/);
    const requestId = /Request ID: ([0-9a-f-]{36})/.exec(text ?? '')?.[1];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.requests.filter({ host: 'graph.microsoft.com', status: 403 }).length).toBe(1);
    await popup.close();
  });

  it('signs out', async () => {
    const popup = await h.openPopup();
    await popup.getByRole('button', { name: 'Sign out' }).click();
    await popup.getByRole('button', { name: 'Sign in' }).waitFor();
    const { session } = await extensionStorage(h);
    expect(session['auth.token']).toBeUndefined();
    await popup.close();
  });
});
