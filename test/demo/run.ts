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
const hasDisplay =
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) ||
  process.platform === 'darwin' ||
  process.platform === 'win32';
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
  console.log(
    '     (the virtual security key answers by itself; other targets: megan, lee, diego, isaiah, johanna, grady)',
  );
  console.log('Ctrl+C or closing the browser ends the demo.');
  await new Promise<never>(() => undefined);
}

// ---------------------------------------------------------------------------------------------------------
// Headless walkthrough with screenshots
// ---------------------------------------------------------------------------------------------------------

/** The popup's error, if it shows one (a failed job, a refused start). */
async function popupAlert(popup: Page): Promise<string | null> {
  const alert = popup.getByRole('alert').first();
  if (!(await alert.isVisible().catch(() => false))) return null;
  const text = await alert.innerText().catch(() => '');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' · ');
}

/** A page the extension opens; fails fast when the popup reports an error instead. */
async function waitForPage(h: Harness, popup: Page, url: RegExp, timeout: number, what: string): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const page = h.context.pages().find((p) => !p.isClosed() && url.test(p.url()));
    if (page) return page;
    const alert = await popupAlert(popup);
    if (alert) throw new Error(`the extension reported an error before ${what} opened: ${alert}`);
    if (Date.now() > deadline) throw new Error(`${what} did not open within ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The job's success status in the popup, or its error. */
async function waitForRegistered(popup: Page, timeout: number) {
  const ok = popup.getByRole('status').filter({ hasText: /Passkey registered for/ });
  await ok.or(popup.getByRole('alert')).first().waitFor({ timeout });
  if (!(await ok.isVisible())) throw new Error(`the extension reported: ${await popupAlert(popup)}`);
}

class StepError extends Error {
  constructor(
    public step: string,
    cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`, { cause });
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

  const h: Harness = await step('Launch headless Chromium with the extension', () =>
    launch({ resolverRules: fake.resolverRules, headless: true }),
  );
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
      const authWindow = h.context.waitForEvent('page', {
        predicate: (p) => p.url().includes('/oauth2/v2.0/authorize'),
        timeout: 20_000,
      });
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
      await pp
        .getByRole('list', { name: 'Search results' })
        .getByRole('button', { name: /adelev@/ })
        .waitFor({ timeout: 15_000 });
      await pp.getByText(/\d+\+? users? found/).waitFor();
      await shot(pp, 'search-results');
    });

    await step('User detail with readiness (Adele Vance)', async () => {
      await pp
        .getByRole('list', { name: 'Search results' })
        .getByRole('button', { name: /adelev@/ })
        .click();
      await pp.getByRole('list', { name: 'Readiness checks' }).waitFor({ timeout: 15_000 });
      await pp.getByRole('button', { name: 'Provision passkey' }).waitFor();
      await shot(pp, 'user-detail-readiness');
    });

    // The virtual key normally answers at once. To photograph the extension's "touch the key" overlay, the
    // provisioning steps start with a key that waits for a touch, then "touch" it by connecting one that answers.
    const touchKey = () => h.swapKey({});
    const keyWaitingForTouch = () => h.swapKey({ automaticPresenceSimulation: false });

    await step('Automatic provisioning (Graph creationOptions → key → POST fido2Methods)', async () => {
      const before = fake.tenant.user(upn('adelev')).fido2Methods.length;
      await keyWaitingForTouch();
      await pp.getByRole('radio', { name: 'Automatic' }).check();
      await pp.getByRole('button', { name: 'Provision passkey' }).click();
      const ceremony = await waitForPage(
        h,
        pp,
        /^https:\/\/login\.microsoft\.com\/robots\.txt/,
        20_000,
        'the ceremony tab on https://login.microsoft.com',
      );
      await ceremony.locator('passkey-provisioner-overlay').waitFor({ state: 'attached', timeout: 15_000 });
      await ceremony.waitForTimeout(500);
      await shot(ceremony, 'automatic-touch-the-key', false);
      await touchKey();
      await waitForRegistered(pp, 30_000);
      const after = fake.tenant.user(upn('adelev')).fido2Methods.length;
      if (after !== before + 1)
        throw new Error(`the fake tenant has ${after} passkeys for Adele, expected ${before + 1}`);
      await pp.getByRole('heading', { name: `Passkeys (${after})` }).waitFor({ timeout: 10_000 }); // the detail refreshed
      // The key tab stays, saying what was registered, ready for the next user's key.
      await ceremony.waitForTimeout(300);
      await shot(ceremony, 'automatic-key-tab-outcome', false);
      await pp.bringToFront();
      await shot(pp, 'automatic-success');
    });

    await step('Guided provisioning (Temporary Access Pass, Microsoft\u2019s own pages)', async () => {
      const megan = fake.tenant.user(upn('meganb'));
      const before = megan.fido2Methods.length;
      await keyWaitingForTouch();
      // Best effort: the overlay on Security info while the job clicks through it (it moves on within a second).
      let securityInfoShot: string | undefined;
      let watcher: Promise<void> = Promise.resolve();
      const watch = (page: Page) => {
        watcher = (async () => {
          const tmp = join(SHOTS, 'tmp-overlay-security-info.png');
          for (let i = 0; i < 300 && !page.isClosed() && !page.url().includes('/fido/create'); i++) {
            try {
              const url = page.url();
              if (
                url.includes('mysignins.microsoft.com/security-info') &&
                (await page.locator('passkey-provisioner-overlay').count()) > 0
              ) {
                await page.waitForTimeout(250); // let the panel render its current step
                if (page.url() !== url) continue;
                await page.screenshot({ path: tmp, timeout: 5000 });
                if (page.url() === url) {
                  securityInfoShot = tmp;
                  return;
                }
              }
            } catch {
              /* navigating or closed: try again */
            }
            await new Promise((r) => setTimeout(r, 100));
          }
        })();
      };
      h.context.on('page', watch);
      try {
        await pp.getByRole('searchbox', { name: /Search users/ }).fill('');
        await searchAndOpen(pp, 'megan', upn('meganb'));
        await pp.getByRole('list', { name: 'Readiness checks' }).waitFor({ timeout: 15_000 });
        await pp.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
        await pp.getByRole('button', { name: 'Provision passkey' }).click();
        const fido = await waitForPage(
          h,
          pp,
          /^https:\/\/login\.microsoft\.com\/[^/]+\/fido\/create/,
          45_000,
          'Microsoft\u2019s fido/create page in the guided window',
        );
        await Promise.race([watcher, new Promise((r) => setTimeout(r, 5000))]);
        if (securityInfoShot) {
          const file = join(SHOTS, `${String(++n).padStart(2, '0')}-guided-overlay-security-info.png`);
          renameSync(securityInfoShot, file);
          saved.push(file);
          console.log(`    📸 ${relative(ROOT, file)}`);
        } else console.log('    (the overlay on Security info went by too fast to capture)');
        await fido.locator('passkey-provisioner-overlay').waitFor({ state: 'attached', timeout: 15_000 });
        await fido.waitForTimeout(500);
        await shot(fido, 'guided-overlay-touch-the-key', false);
        await touchKey();
        await waitForRegistered(pp, 60_000);
      } finally {
        h.context.off('page', watch);
      }
      if (megan.fido2Methods.length !== before + 1)
        throw new Error(`Megan has ${megan.fido2Methods.length} passkeys, expected ${before + 1}`);
      if (megan.tap) throw new Error('the Temporary Access Pass was not deleted');
      await pp.bringToFront();
      await pp.getByRole('heading', { name: `Passkeys (${before + 1})` }).waitFor({ timeout: 10_000 });
      await shot(pp, 'guided-success');
    });
  } catch (e) {
    if (popup && !popup.isClosed()) {
      const file = join(
        SHOTS,
        `failed-${current
          .replace(/[^a-z0-9]+/gi, '-')
          .toLowerCase()
          .replace(/^-|-$/g, '')}.png`,
      );
      await popup.screenshot({ path: file, fullPage: true }).then(
        () => console.log(`    📸 popup at the failure: ${relative(ROOT, file)}`),
        () => undefined,
      );
    }
    // Microsoft pages still open (e.g. a guided window) tell where a flow stopped.
    let i = 0;
    for (const p of h.context.pages()) {
      if (p.isClosed() || !/^https:/.test(p.url())) continue;
      const file = join(SHOTS, `failed-page-${++i}.png`);
      console.log(`    open page: ${p.url()}`);
      await p.screenshot({ path: file }).then(
        () => console.log(`    📸 ${relative(ROOT, file)}`),
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

  console.log(
    args.has('--headless')
      ? 'Headless walkthrough (--headless).'
      : 'No display found: running the scripted walkthrough headless.',
  );
  const budget = setTimeout(() => {
    console.error(`\nDemo FAILED: the walkthrough took longer than ${WALKTHROUGH_BUDGET_MS / 1000} s.`);
    process.exit(1);
  }, WALKTHROUGH_BUDGET_MS);
  try {
    const saved = await walkthrough(fake);
    console.log(
      `\nDemo finished in ${((Date.now() - t0) / 1000).toFixed(1)} s. ${saved.length} screenshots in ${SHOTS}/:`,
    );
    for (const f of saved) console.log(`  ${relative(SHOTS, f)}`);
  } catch (e) {
    const msg =
      e instanceof StepError
        ? `step "${e.step}" failed: ${e.message.slice(e.step.length + 2)}`
        : String(e instanceof Error ? e.stack : e);
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
