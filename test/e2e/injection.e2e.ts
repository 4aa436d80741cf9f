/**
 * Content scripts only where a job needs them: the built manifest declares none and exposes no files to web pages
 * (nothing a Microsoft page could probe to detect the extension), and a Microsoft page the admin opens by hand —
 * even the key tab's own page, while a job waits for the key — gets no script of ours.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import { DIST, type Harness } from '../support/browser.ts';
import { extensionWorlds } from '../support/extension-worlds.ts';
import { searchAndOpen, signedInSession } from '../support/pages.ts';
import { upn } from '../support/fixtures.ts';
import { CONTENT_SCRIPTS } from '../../src/shared/content-scripts.ts';

describe('the built manifest', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  it('declares no content scripts and no web-accessible resources', () => {
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.permissions).toContain('scripting');
  });

  it('ships each content script as one self-contained file (no import of chunks a page would have to reach)', () => {
    for (const { file } of Object.values(CONTENT_SCRIPTS)) {
      const path = join(DIST, file);
      expect(existsSync(path), file).toBe(true);
      const code = readFileSync(path, 'utf8');
      expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
    }
  });

  it('requires a Chromium with the WebAuthn JSON methods the ceremony uses (129)', () => {
    expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(129);
  });
});

describe('content scripts only in the tabs a job opened', () => {
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

  const byHand = async (url: string) => {
    const page = await h.context.newPage();
    await page.goto(url);
    await page.waitForLoadState('load');
    return page;
  };

  it('gives the job key tab its script, and none to the same Microsoft pages the admin opens meanwhile', async () => {
    await h.swapKey({ automaticPresenceSimulation: false }); // a key nobody touches: the job waits
    await popup.bringToFront();
    await searchAndOpen(popup, 'meganb', upn('meganb'));
    await popup.getByRole('radio', { name: 'Automatic' }).check();
    await popup.getByRole('button', { name: /^Provision/ }).click();
    await popup
      .getByText(/Insert the key for .* and touch it/)
      .first()
      .waitFor({ timeout: 30_000 });
    const keyTabs = () => h.context.pages().filter((p) => p.url() === 'https://login.microsoft.com/robots.txt');
    await expect.poll(() => keyTabs().length, { timeout: 15_000 }).toBe(1);
    const [keyTab] = keyTabs();
    await expect.poll(async () => (await extensionWorlds(h, keyTab!)).length, { timeout: 15_000 }).toBe(1);

    const pages = [
      await byHand('https://login.microsoft.com/robots.txt'),
      await byHand('https://login.microsoftonline.com/robots.txt'),
      await byHand('https://mysignins.microsoft.com/security-info'),
    ];
    // Long enough for a declared or injected script to have run after the load.
    await pages[2]!.waitForTimeout(2000);
    for (const page of pages) {
      expect(await extensionWorlds(h, page), page.url()).toHaveLength(0);
      expect(await page.locator('passkey-provisioner-overlay').count()).toBe(0);
    }
    // The hand-opened pages changed nothing for the job: it still waits in its own tab.
    expect((await extensionWorlds(h, keyTab!)).length).toBe(1);
    for (const page of pages) await page.close();

    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('status').filter({ hasText: 'Cancelled.' }).waitFor({ timeout: 10_000 });
    expect(fake.tenant.user(upn('meganb')).fido2Methods).toHaveLength(0);
  });
});
