/**
 * The provisioning station: a queue of users in automatic mode with key swaps (and a worker stop mid-run), the
 * key-reuse guard, CSV import with a bad row, passkey management, the audit history surviving a browser restart,
 * and its CSV export.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import type { Harness } from '../support/browser.ts';
import { searchAndOpen, signIn, signedInSession } from '../support/pages.ts';
import { ADMIN, PASSWORD, upn } from '../support/fixtures.ts';

describe('provisioning station', () => {
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

  const section = (name: 'Users' | 'Queue' | 'History') =>
    popup.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

  it('imports a CSV with a bad row: the bad row is reported by line, the rest queued', async () => {
    await searchAndOpen(popup, 'meganb', upn('meganb'));
    await popup.getByRole('button', { name: 'Add to queue' }).click();
    await popup.getByText('was added to the queue').waitFor();
    await section('Queue');
    const csv = ['userPrincipalName', upn('leeg'), 'not-an-upn', upn('diegos'), 'ghost@contoso.onmicrosoft.com'].join(
      '\n',
    );
    await popup
      .getByLabel('Import CSV')
      .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = popup.getByRole('list', { name: 'Import report' });
    await report.getByText('2 users added').waitFor();
    expect(await report.textContent()).toMatch(/Line 3: "not-an-upn" is not a user principal name/);
    expect(await report.textContent()).toMatch(/Line 5: No user ghost@contoso.onmicrosoft.com/);
    expect(await popup.getByRole('list', { name: 'Queued users' }).getByRole('listitem').count()).toBe(3);
  });

  it('runs the queue, stops a second user going onto the same key, and continues after each key swap', async () => {
    await popup.getByRole('button', { name: 'Start' }).click();
    // user 1 registers on key 1; user 2 is refused by the same key (excludeCredentials) and the queue pauses
    const notice = popup.getByRole('alert').filter({ hasText: 'already holds the passkey of Megan Bowen' });
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toContain('insert a new key');
    expect(fake.tenant.user(upn('meganb')).fido2Methods).toHaveLength(1);
    expect(fake.tenant.user(upn('leeg')).fido2Methods).toHaveLength(0);
    for (const [previous, next] of [
      ['Megan Bowen', 'leeg'],
      ['Lee Gu', 'diegos'],
    ] as const) {
      await popup
        .getByRole('alert')
        .filter({ hasText: `already holds the passkey of ${previous}` })
        .waitFor({ timeout: 60_000 });
      if (next === 'diegos') {
        // The worker idles out mid-run: the queue resumes from storage.
        await (await h.worker()).evaluate('self.__beforeStop = true');
        await h.stopServiceWorker();
      }
      await h.swapKey({}); // a new physical key
      await popup.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => fake.tenant.user(upn(next)).fido2Methods.length, { timeout: 60_000 }).toBe(1);
    }
    const bar = popup.getByRole('progressbar', { name: 'Queue progress' });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('3');
    expect(await (await h.worker()).evaluate('self.__beforeStop')).toBeUndefined(); // the last user ran in a new worker
    // three different keys: three different credential ids
    const ids = ['meganb', 'leeg', 'diegos'].map((n) => fake.tenant.user(upn(n)).fido2Methods[0]!.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('deletes a passkey only after confirmation, and revokes an outstanding Temporary Access Pass', async () => {
    await popup.bringToFront(); // the queue brought the key tab forward
    await section('Users');
    const adele = fake.tenant.user(upn('adelev'));
    const name = adele.fido2Methods[0]!.displayName;
    await searchAndOpen(popup, 'adelev', upn('adelev'));
    await popup.getByRole('button', { name: `Delete passkey ${name}` }).click();
    await popup.getByRole('button', { name: 'Keep' }).click();
    expect(adele.fido2Methods).toHaveLength(1);
    await popup.getByRole('button', { name: `Delete passkey ${name}` }).click();
    await popup.getByRole('button', { name: 'Confirm delete' }).click();
    await popup.getByText(`Deleted "${name}".`).waitFor();
    expect(adele.fido2Methods).toHaveLength(0);
    await popup.getByRole('heading', { name: 'Passkeys (0)' }).waitFor();
    expect(fake.requests.filter({ method: 'DELETE', path: /fido2Methods\// })).toHaveLength(1);

    const christie = fake.tenant.user(upn('christiec'));
    expect(christie.tap).toBeTruthy();
    await searchAndOpen(popup, 'christiec', upn('christiec'));
    await popup.getByRole('button', { name: 'Revoke pass' }).click();
    await popup.getByText('The Temporary Access Pass was revoked.').waitFor();
    expect(christie.tap).toBeNull();
  });

  it('keeps the history across a browser restart and exports it', async () => {
    h = await h.restart(); // session storage (tokens) is gone; IndexedDB (history) must not be
    popup = await h.openPopup();
    await signIn(h, popup, ADMIN, PASSWORD);
    await section('History');
    const attempts = popup.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
    await expect.poll(() => attempts.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5); // 3 successes + 2 refusals
    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export CSV' }).click();
    const file = readFileSync((await (await download).path())!, 'utf8');
    const lines = file.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^time,finishedAt,admin,userPrincipalName/);
    for (const n of ['meganb', 'leeg', 'diegos']) expect(file).toMatch(new RegExp(`${upn(n)}.*automatic,succeeded`));
    expect(file).toMatch(/key-reused/);
    expect(file).toContain(ADMIN);
    expect(file).not.toMatch(/eyJ|accessToken|temporaryAccessPass/);

    // JSON export: the same attempts, with Graph request ids and no secret
    const jsonDownload = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export JSON' }).click();
    const records = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as {
      userPrincipalName: string;
      outcome: string;
      requestIds: string[];
      errorCode?: string;
      keyModel?: string | null;
    }[];
    expect(records.length).toBe(await attempts.count());
    const megan = records.find((r) => r.userPrincipalName === upn('meganb') && r.outcome === 'succeeded')!;
    expect(megan.requestIds.length).toBeGreaterThan(0);
    expect(megan.keyModel).toBeTruthy();
    expect(JSON.stringify(records)).not.toMatch(/eyJ|accessToken|temporaryAccessPass|challenge/);

    // filters: by outcome, then by user; each attempt links to the user's logs in the Entra admin center
    await popup.getByRole('combobox', { name: 'Outcome' }).selectOption('failed');
    await expect.poll(() => attempts.count()).toBe(records.filter((r) => r.outcome === 'failed').length);
    expect(await popup.getByRole('list', { name: 'Attempts' }).textContent()).toMatch(/already holds the passkey/);
    await popup.getByRole('combobox', { name: 'Outcome' }).selectOption('');
    await popup.getByRole('searchbox', { name: 'Filter history by user' }).fill('diegos');
    await expect.poll(() => attempts.count()).toBe(records.filter((r) => r.userPrincipalName === upn('diegos')).length);
    const diego = fake.tenant.user(upn('diegos'));
    expect(await attempts.first().getByRole('link', { name: 'Sign-in logs' }).getAttribute('href')).toBe(
      `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/SignIns/userId/${diego.id}`,
    );
    expect(await attempts.first().getByRole('link', { name: 'Audit logs' }).getAttribute('href')).toContain(
      `/AuditLogs/userId/${diego.id}`,
    );
  });
});
