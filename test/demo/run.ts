/**
 * `npm run demo`: the extension against the fake Microsoft cloud.
 *
 * With a display (DISPLAY / WAYLAND_DISPLAY, macOS, Windows): a headed Chromium with the extension, settings
 * pre-filled, the popup open as a tab, for a person to click through. Stays up until Ctrl+C or the browser closes.
 *
 * Without one, or with `--headless`: a scripted walkthrough that saves a screenshot of each step to
 * demo-screenshots/ and exits 0 (1 with the failing step named).
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeCloud, type FakeCloud } from '../fake-cloud/index.ts';
import { launch, type Harness } from '../support/browser.ts';
import { completeMicrosoftSignIn, configure, searchAndOpen } from '../support/pages.ts';
import { ADMIN, PASSWORD, TENANT, upn } from '../support/fixtures.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = join(ROOT, 'demo-screenshots');
const USERS = 3000;
/** The whole headless walkthrough must finish within this (it normally takes 20–30 s). */
const WALKTHROUGH_BUDGET_MS = 90_000;
/** Popup-sized viewport for popup screenshots (the real popup is 420 px wide). */
const POPUP_VIEWPORT = { width: 460, height: 760 };

const args = new Set(process.argv.slice(2));
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
const headless = args.has('--headless') || !hasDisplay;

function banner(fake: FakeCloud) {
  const line = '─'.repeat(72);
  console.log(line);
  console.log('Passkey Provisioner for Entra ID — demo against the fake Microsoft cloud');
  console.log(line);
  console.log(`Fake cloud        https://127.0.0.1:${fake.port}  (${fake.tenant.users.length} users)`);
  console.log(`Tenant            ${TENANT.tenant}  (id ${fake.tenant.tenantId})`);
  console.log(`Client ID         ${fake.config.clientId}`);
  console.log(`Admin             ${ADMIN}  /  ${PASSWORD}   (Authentication Administrator)`);
  console.log(`Chromium flags    ${fake.chromiumArgs.join(' ')}`);
  console.log(line);
}

// ---------------------------------------------------------------------------------------------------------
// Interactive (headed)
// ---------------------------------------------------------------------------------------------------------

async function interactive(fake: FakeCloud) {
  console.log('Launching Chromium with the extension…');
  const h = await launch({ resolverRules: fake.resolverRules, headless: false });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why} Shutting down…`);
    await h.close();
    await fake.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl+C.'));
  process.on('SIGTERM', () => void stop('Terminated.'));
  h.context.on('close', () => void stop('The browser was closed.'));

  await configure(h, TENANT);
  const popup = await h.openPopup();
  await popup.bringToFront();
  console.log(`Settings saved through the options page (tenant ${TENANT.tenant}, client ${TENANT.clientId}).`);
  console.log('The popup is open as a tab. Try:');
  console.log(`  1. "Sign in" → ${ADMIN} / ${PASSWORD}`);
  console.log('  2. Search "adele" and open Adele Vance: passkeys, Temporary Access Pass, readiness checks');
  console.log('  3. Choose "Automatic" or "Guided (Temporary Access Pass)" and click "Provision passkey"');
  console.log('     (the virtual security key answers by itself; other targets: megan, lee, diego, isaiah, johanna, grady)');
  console.log('Ctrl+C or closing the browser ends the demo.');
  await new Promise<never>(() => undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Headless walkthrough with screenshots
// ---------------------------------------------------------------------------------------------------------

class StepError extends Error {
  constructor(
    public step: string,
    public cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
  }
}

async function walkthrough(fake: FakeCloud): Promise<string[]> {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const saved: string[] = [];
  let n = 0;
  const shot = async (page: Page, name: string, fullPage = true) => {
    const file = join(SHOTS, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage });
    saved.push(file);
    console.log(`    📸 ${relative(ROOT, file)}`);
  };
  let current = 'start';
  let popup: Page | undefined;
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    current = name;
    const t0 = Date.now();
    try {
      const r = await fn();
      console.log(`  ✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      return r;
    } catch (e) {
      console.log(`  ✘ ${name}`);
      throw new StepError(name, e);
    }
  };

  const h: Harness = await step('Launch headless Chromium with the extension', () => launch({ resolverRules: fake.resolverRules, headless: true }));
  try {
    await step('Settings page: tenant and client ID saved', async () => {
      const options = await configure(h, TENANT);
      await shot(options, 'settings');
      await options.close();
    });

    popup = await step('Popup, signed out', async () => {
      const p = await h.openPopup();
      await p.setViewportSize(POPUP_VIEWPORT);
      await p.getByRole('button', { name: 'Sign in' }).waitFor();
      await shot(p, 'popup-signed-out');
      return p;
    });
    const pp = popup;

    await step('Microsoft sign-in window (launchWebAuthFlow)', async () => {
      const authWindow = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('/oauth2/v2.0/authorize'), timeout: 20_000 });
      await pp.getByRole('button', { name: 'Sign in' }).click();
      const w = await authWindow;
      await w.waitForLoadState('domcontentloaded');
      await w.locator('input[name=loginfmt]:visible').fill(ADMIN);
      await shot(w, 'microsoft-sign-in');
      await completeMicrosoftSignIn(w, ADMIN, PASSWORD);
    });

    await step('Popup, signed in', async () => {
      await pp.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
      await pp.getByText(ADMIN, { exact: true }).waitFor();
      await shot(pp, 'popup-signed-in');
    });

    await step('Search results for "adele"', async () => {
      await pp.getByRole('searchbox', { name: /Search users/ }).fill('adele');
      await pp.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /adelev@/ }).waitFor({ timeout: 15_000 });
      await pp.getByText(/\d+\+? users? found/).waitFor();
      await shot(pp, 'search-results');
    });

    await step('User detail with readiness (Adele Vance)', async () => {
      await pp.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /adelev@/ }).click();
      await pp.getByRole('list', { name: 'Readiness checks' }).waitFor({ timeout: 15_000 });
      await pp.getByRole('button', { name: 'Provision passkey' }).waitFor();
      await shot(pp, 'user-detail-readiness');
    });

    await step('Automatic provisioning (Graph creationOptions → key → POST fido2Methods)', async () => {
      const before = fake.tenant.user(upn('adelev')).fido2Methods.length;
      await pp.getByRole('radio', { name: 'Automatic' }).check();
      await pp.getByRole('button', { name: 'Provision passkey' }).click();
      await pp.getByRole('status').filter({ hasText: /Passkey registered for/ }).waitFor({ timeout: 30_000 });
      const after = fake.tenant.user(upn('adelev')).fido2Methods.length;
      if (after !== before + 1) throw new Error(`the fake tenant has ${after} passkeys for Adele, expected ${before + 1}`);
      await pp.getByRole('heading', { name: `Passkeys (${after})` }).waitFor({ timeout: 10_000 }); // the detail refreshed
      await pp.bringToFront();
      await shot(pp, 'automatic-success');
    });

    await step('Guided provisioning (Temporary Access Pass, Microsoft\u2019s own pages)', async () => {
      const megan = fake.tenant.user(upn('meganb'));
      const before = megan.fido2Methods.length;
      // Catch the extension's overlay on Microsoft's pages while the job drives them (best effort).
      const overlayShots = new Map<string, string>(); // kind → file
      const watchers: Promise<void>[] = [];
      const watch = (page: Page) => {
        watchers.push(
          (async () => {
            for (let i = 0; i < 400 && !page.isClosed(); i++) {
              try {
                const url = page.url();
                const kind = url.includes('mysignins.microsoft.com') ? 'security-info' : /login\.microsoft(online)?\.com/.test(url) ? 'sign-in' : '';
                if (kind && !overlayShots.has(kind) && (await page.locator('passkey-provisioner-overlay').count()) > 0) {
                  await page.waitForTimeout(250); // let the panel render its current step
                  if (page.isClosed() || page.url() !== url) continue;
                  const file = join(SHOTS, `tmp-overlay-${kind}.png`);
                  await page.screenshot({ path: file });
                  overlayShots.set(kind, file);
                }
                if (overlayShots.size === 2) return;
              } catch {
                /* navigating or closed: try again */
              }
              await new Promise((r) => setTimeout(r, 100));
            }
          })(),
        );
      };
      h.context.on('page', watch);
      try {
        await pp.getByRole('searchbox', { name: /Search users/ }).fill('');
        await searchAndOpen(pp, 'megan', upn('meganb'));
        await pp.getByRole('list', { name: 'Readiness checks' }).waitFor({ timeout: 15_000 });
        await pp.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
        await pp.getByRole('button', { name: 'Provision passkey' }).click();
        await pp.getByRole('status').filter({ hasText: /Passkey registered for/ }).waitFor({ timeout: 60_000 });
      } finally {
        h.context.off('page', watch);
      }
      if (megan.fido2Methods.length !== before + 1) throw new Error(`Megan has ${megan.fido2Methods.length} passkeys, expected ${before + 1}`);
      await Promise.race([Promise.all(watchers), new Promise((r) => setTimeout(r, 2000))]);
      // Number the overlay screenshots in flow order, before the success screenshot.
      for (const kind of ['sign-in', 'security-info']) {
        const tmp = overlayShots.get(kind);
        if (!tmp) {
          console.log(`    (the overlay on the ${kind} page went by too fast to capture)`);
          continue;
        }
        const file = join(SHOTS, `${String(++n).padStart(2, '0')}-guided-overlay-${kind}.png`);
        renameSync(tmp, file);
        saved.push(file);
        console.log(`    📸 ${relative(ROOT, file)}`);
      }
      if (fake.tenant.user(upn('meganb')).tap) throw new Error('the Temporary Access Pass was not deleted');
      await pp.bringToFront();
      await pp.getByRole('heading', { name: `Passkeys (${before + 1})` }).waitFor({ timeout: 10_000 });
      await shot(pp, 'guided-success');
    });
  } catch (e) {
    if (popup && !popup.isClosed()) {
      const file = join(SHOTS, `failed-${current.replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/^-|-$/g, '')}.png`);
      await popup.screenshot({ path: file, fullPage: true }).then(
        () => console.log(`    📸 popup at the failure: ${relative(ROOT, file)}`),
        () => undefined,
      );
    }
    throw e;
  } finally {
    await h.close();
  }
  for (const f of readdirSync(SHOTS)) if (f.startsWith('tmp-')) rmSync(join(SHOTS, f));
  return saved;
}

async function main() {
  const t0 = Date.now();
  const fake = await startFakeCloud({ userCount: USERS });
  banner(fake);
  if (!headless) return interactive(fake);

  console.log(args.has('--headless') ? 'Headless walkthrough (--headless).' : 'No display found: running the scripted walkthrough headless.');
  const budget = setTimeout(() => {
    console.error(`\nDemo FAILED: the walkthrough took longer than ${WALKTHROUGH_BUDGET_MS / 1000} s.`);
    process.exit(1);
  }, WALKTHROUGH_BUDGET_MS);
  try {
    const saved = await walkthrough(fake);
    console.log(`\nDemo finished in ${((Date.now() - t0) / 1000).toFixed(1)} s. ${saved.length} screenshots in ${SHOTS}/:`);
    for (const f of saved) console.log(`  ${relative(SHOTS, f)}`);
  } catch (e) {
    const msg = e instanceof StepError ? `step "${e.step}" failed: ${e.message.slice(e.step.length + 2)}` : String(e instanceof Error ? e.stack : e);
    console.error(`\nDemo FAILED — ${msg}`);
    console.error('Screenshots so far are in', SHOTS);
    process.exitCode = 1;
  } finally {
    clearTimeout(budget);
    await fake.close();
  }
  process.exit(process.exitCode ?? 0);
}

main().catch((e) => {
  console.error('Demo FAILED:', e instanceof Error ? e.message : e);
  process.exit(1);
});
