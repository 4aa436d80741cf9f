/**
 * Guided mode end to end: a one-time TAP through Graph, Microsoft's sign-in and Security info pages (the fake)
 * driven by the content scripts in a window the job opened, the key registered by Microsoft's own page,
 * completion confirmed through Graph, the TAP deleted, the user signed out.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import type { Harness } from '../support/browser.ts';
import { extensionStorage, searchAndOpen, signedInSession } from '../support/pages.ts';
import { extensionWorlds } from '../support/extension-worlds.ts';
import { upn } from '../support/fixtures.ts';

describe('guided mode', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;
  const seenTaps: string[] = [];

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession());
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  async function provisionGuided(nick: string) {
    await popup.bringToFront();
    await searchAndOpen(popup, nick, upn(nick));
    await popup.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
    await popup.getByRole('button', { name: /^Provision/ }).click();
  }

  async function expectCleanState(nick: string) {
    const user = fake.tenant.user(upn(nick));
    expect(user.tap).toBeNull(); // the TAP is gone
    const { session, local } = await extensionStorage(h);
    expect(session['job.secret']).toBeUndefined();
    const all = JSON.stringify({ session, local });
    for (const t of seenTaps) expect(all).not.toContain(t);
    // the user is not left signed in: the browser holds no login or My Sign-ins session of theirs
    expect(fake.pages.sessionsOf(upn(nick), await h.cookies())).toEqual([]);
  }

  it('registers a verified passkey for the right user through the real pages, then deletes the TAP', async () => {
    const lee = fake.tenant.user(upn('leeg'));
    const before = lee.fido2Methods.length;
    const tapPosted = fake.requests.filter({ method: 'POST', path: /temporaryAccessPassMethods/ }).length;
    await provisionGuided('leeg');
    // the TAP exists while the job runs
    await expect.poll(() => lee.tap?.secret ?? null, { timeout: 20_000 }).not.toBeNull();
    seenTaps.push(lee.tap!.secret);
    expect(lee.tap!.isUsableOnce).toBe(true);
    await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 90_000 });
    expect(lee.fido2Methods.length).toBe(before + 1);
    const stored = lee.fido2Methods.at(-1)!;
    expect(stored.aaGuid).toBe('01020304-0506-0708-0102-030405060708');
    expect(fake.requests.filter({ method: 'POST', path: /temporaryAccessPassMethods/ }).length).toBe(tapPosted + 1);
    expect(
      fake.requests.filter({ method: 'DELETE', path: /temporaryAccessPassMethods/ }).length,
    ).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => h.context.pages().filter((p) => /mysignins|login\.microsoft/.test(p.url())).length, {
        timeout: 15_000,
      })
      .toBe(0);
    await expectCleanState('leeg');
  });

  it('works with the legacy Security key flow and a German page', async () => {
    fake.pages.configure({ variant: 'legacy', locale: 'de' });
    try {
      const diego = fake.tenant.user(upn('diegos'));
      await provisionGuided('diegos');
      await expect.poll(() => diego.tap?.secret ?? null, { timeout: 20_000 }).not.toBeNull();
      seenTaps.push(diego.tap!.secret);
      await popup.getByRole('status').filter({ hasText: 'registered' }).waitFor({ timeout: 90_000 });
      expect(diego.fido2Methods).toHaveLength(1);
      await expectCleanState('diegos');
    } finally {
      fake.pages.resetConfig();
    }
  });

  it('reports a refused TAP clearly and still deletes it', async () => {
    fake.pages.configure({ tapView: 'present' });
    // the pass is accepted by Graph but Microsoft refuses it at sign-in (e.g. blocked by policy)
    const isaiah = fake.tenant.user(upn('isaiahl'));
    const original = fake.tenant.validateTap.bind(fake.tenant);
    fake.tenant.validateTap = ((u: string, s: string, o?: { consume?: boolean }) =>
      u.toLowerCase() === upn('isaiahl') ? { result: 'used' } : original(u, s, o)) as typeof fake.tenant.validateTap;
    try {
      await provisionGuided('isaiahl');
      const alert = popup.getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.textContent()).toMatch(/Temporary Access Pass/);
      expect(isaiah.fido2Methods).toHaveLength(0);
      await expect.poll(() => isaiah.tap, { timeout: 10_000 }).toBeNull();
    } finally {
      fake.tenant.validateTap = original;
      fake.pages.resetConfig();
    }
  });

  it('when My Sign-ins names nobody, the admin is asked; "No, stop" ends the job with nothing added and the pass gone', async () => {
    fake.pages.configure({ look: { identity: 'none' } });
    try {
      const johanna = fake.tenant.user(upn('johannal'));
      const before = johanna.fido2Methods.length;
      await provisionGuided('johannal');
      await expect.poll(() => johanna.tap?.secret ?? null, { timeout: 20_000 }).not.toBeNull();
      seenTaps.push(johanna.tap!.secret);
      // Nothing is clicked on Security info until the admin answers.
      const asked = async () => {
        const page = h.context.pages().find((p) => p.url().startsWith('https://mysignins.microsoft.com/'));
        return !!page && (await h.pageText(page).catch(() => '')).includes(`Yes, this is ${johanna.displayName}`);
      };
      await expect.poll(asked, { timeout: 30_000 }).toBe(true);
      expect(fake.pages.registrations.filter((r) => r.userId === johanna.id)).toEqual([]);
      const page = h.context.pages().find((p) => p.url().startsWith('https://mysignins.microsoft.com/'))!;
      expect(await h.clickOverlayButton(page, 'No, stop')).toBe(true);
      await popup
        .getByRole('alert')
        .filter({ hasText: `Provisioning for ${johanna.displayName} failed` })
        .waitFor({
          timeout: 30_000,
        });
      expect(johanna.fido2Methods.length).toBe(before);
      await expect.poll(() => johanna.tap, { timeout: 15_000 }).toBeNull();
      await expect
        .poll(async () => fake.pages.sessionsOf(upn('johannal'), await h.cookies()), { timeout: 15_000 })
        .toEqual([]);
      await expectCleanState('johannal');
    } finally {
      fake.pages.resetConfig();
    }
  });

  it('on a page it does not know, "Save page report" downloads a redacted snapshot; Cancel still cleans up', async () => {
    // Security info without an "Add sign-in method" the drivers can recognise (a changed page).
    fake.pages.configure({ texts: { addMethod: 'Zzz qqq' } });
    try {
      const christie = fake.tenant.user(upn('christiec'));
      await provisionGuided('christiec');
      await expect.poll(() => christie.tap?.secret ?? null, { timeout: 20_000 }).not.toBeNull();
      const pass = christie.tap!.secret;
      seenTaps.push(pass);
      const mySignIns = () => h.context.pages().find((p) => p.url().startsWith('https://mysignins.microsoft.com/'));
      await expect
        .poll(async () => !!mySignIns() && (await h.pageText(mySignIns()!)).includes('Save page report'), {
          timeout: 40_000,
        })
        .toBe(true);
      const page = mySignIns()!;
      const download = page.waitForEvent('download', { timeout: 15_000 });
      expect(await h.clickOverlayButton(page, 'Save page report')).toBe(true);
      const file = await (await download).path();
      const text = readFileSync(file, 'utf8');
      const report = JSON.parse(text) as { url: string; stage: string };
      expect(report.url).toMatch(/^https:\/\/mysignins\.microsoft\.com\//);
      expect(text).toContain('Zzz qqq'); // the structure and texts that matter for a fix
      for (const secret of [pass, christie.userPrincipalName, christie.displayName, christie.mail ?? '@'])
        expect(text).not.toContain(secret);
      await popup.bringToFront();
      await popup.getByRole('region', { name: 'Current job' }).getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => christie.tap, { timeout: 20_000 }).toBeNull();
      expect(christie.fido2Methods).toHaveLength(0);
      await expect
        .poll(async () => fake.pages.sessionsOf(upn('christiec'), await h.cookies()), { timeout: 15_000 })
        .toEqual([]);
    } finally {
      fake.pages.resetConfig();
    }
  });

  it('leaves a Microsoft page the admin opened by hand alone', async () => {
    // The last job's window closes once its clean-up (sign-out) is done: a page opened meanwhile could land in it.
    const microsoft = /^https:\/\/(login\.microsoft(online)?\.com|mysignins\.microsoft\.com)\//;
    await expect
      .poll(() => h.context.pages().filter((p) => microsoft.test(p.url())).length, { timeout: 30_000 })
      .toBe(0);
    const page = await h.context.newPage();
    await page.goto('https://mysignins.microsoft.com/security-info');
    await page.waitForLoadState('domcontentloaded');
    await page.waitForTimeout(1500);
    expect(await page.locator('passkey-provisioner-overlay').count()).toBe(0);
    expect(await extensionWorlds(h, page)).toHaveLength(0); // no script of ours loaded at all
    await page.close();
  });
});
