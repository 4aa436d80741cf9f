/**
 * Guided mode over the page-variant matrix: for each look × language pair of `guidedMatrix()` (every named look in at
 * least three languages, every language on at least three looks), a fresh user is provisioned in guided mode in one
 * browser session, and the fake must end with a verified passkey for that user, the TAP deleted and the user signed
 * out. A new look or language joins the matrix by itself (test/fake-cloud/pages/look.ts, i18n-langs.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud } from '../fake-cloud/index.ts';
import type { FakeUser } from '../fake-cloud/tenant.ts';
import type { Harness } from '../support/browser.ts';
import { extensionStorage, searchAndOpen, signedInSession, freshMember } from '../support/pages.ts';
import { guidedMatrix, LANGS, LOOK_NAMES, VIEWS } from '../fake-cloud/pages/variants.ts';
import { resolveLook } from '../fake-cloud/pages/look.ts';

/** `GUIDED_MATRIX_FILTER=kitchen-sink` (a regex over "look × lang") runs a part of the matrix while debugging. */
const FILTER = process.env.GUIDED_MATRIX_FILTER ? new RegExp(process.env.GUIDED_MATRIX_FILTER) : null;
const CASES = guidedMatrix().filter((c) => !FILTER || FILTER.test(`${c.look} × ${c.lang}`));
/** How long one combination may take before it counts as stalled (a good run takes about 10 s here). */
const COMBO_TIMEOUT_MS = 45_000;
const VIRTUAL_AAGUID = '01020304-0506-0708-0102-030405060708';
const MICROSOFT = /^https:\/\/(login\.microsoft(online)?\.com|mysignins\.microsoft\.com)\//;

describe(`guided mode over the page-variant matrix (${CASES.length} look × language pairs)`, () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;
  const used = new Set<string>();
  const results: { combo: string; ok: boolean; ms: number; detail?: string }[] = [];

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession({ userCount: 200 }));
    console.log(
      `guided matrix: ${CASES.length} of ${LOOK_NAMES.length} looks × ${LANGS.length} languages (${VIEWS.length} views per look)`,
    );
  });
  afterAll(async () => {
    if (results.length)
      console.log(
        `guided matrix results: ${results.filter((r) => r.ok).length}/${results.length} passed\n${results
          .map(
            (r) =>
              `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.combo} (${(r.ms / 1000).toFixed(1)} s)${r.detail ? ` — ${r.detail}` : ''}`,
          )
          .join('\n')}`,
      );
    await h?.close();
    await fake?.close();
  });

  const freshUser = () => freshMember(fake, used);

  /** What the popup and the job window say, for a failure message. */
  async function situation(): Promise<string> {
    const prompt = await popup
      .locator('[aria-label="Provisioning progress"] .note')
      .first()
      .textContent({ timeout: 500 })
      .catch(() => '');
    const alert = await popup
      .getByRole('alert')
      .first()
      .textContent({ timeout: 500 })
      .catch(() => '');
    const job = h.context.pages().find((p) => MICROSOFT.test(p.url()));
    const heading = job
      ? await job
          .locator('[role=heading], h1, h2, [aria-modal=true] [id$=-title]')
          .last()
          .textContent({ timeout: 500 })
          .catch(() => '')
      : '';
    // what the extension's overlay tells the admin on the page (it may ask for a decision)
    const overlay = job
      ? await job
          .evaluate(() => {
            const o = document.querySelector('passkey-provisioner-overlay');
            return (o?.shadowRoot?.textContent ?? o?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
          })
          .catch(() => '')
      : '';
    return [
      alert && `popup error: ${alert.trim()}`,
      overlay && `overlay: ${overlay}`,
      prompt && `popup says: ${prompt.trim()}`,
      job && `page ${new URL(job.url()).host}${new URL(job.url()).pathname} "${heading?.trim()}"`,
    ]
      .filter(Boolean)
      .join(' | ');
  }

  /** Waits for the overlay's question "is this <user>?" on My Sign-ins and answers yes, as the admin would. */
  async function confirmIdentity(user: FakeUser) {
    const yes = `Yes, this is ${user.displayName}`;
    await expect
      .poll(
        async () => {
          const page = h.context.pages().find((p) => /^https:\/\/mysignins\.microsoft\.com\//.test(p.url()));
          return !!page && (await h.clickOverlayButton(page, yes).catch(() => false));
        },
        { timeout: 30_000, message: `the overlay never asked "${yes}?"` },
      )
      .toBe(true);
  }

  for (const c of CASES) {
    const combo = `${c.look} × ${c.lang}`;
    it(combo, async () => {
      const t0 = Date.now();
      // the previous job's window is gone (its clean-up signs the user out) before the pages change look
      await expect
        .poll(() => h.context.pages().filter((p) => MICROSOFT.test(p.url())).length, { timeout: 30_000 })
        .toBe(0);
      fake.pages.resetConfig();
      fake.pages.configure({ look: c.look, locale: c.lang });
      const user = freshUser();
      const before = user.fido2Methods.length;
      try {
        await popup.bringToFront();
        await searchAndOpen(popup, user.userPrincipalName.split('@')[0]!, user.userPrincipalName);
        await popup.getByRole('radio', { name: 'Guided (Temporary Access Pass)' }).check();
        await popup.getByRole('button', { name: /^Provision/ }).click();
        // A page that names nobody: the overlay asks the admin, who confirms (the pages are the user's).
        if (resolveLook(c.look).identity === 'none') await confirmIdentity(user);
        const done = popup.getByRole('status').filter({ hasText: 'registered' });
        const failed = popup.getByRole('alert');
        await expect
          .poll(async () => (await done.count()) + (await failed.count()), { timeout: COMBO_TIMEOUT_MS })
          .toBeGreaterThan(0)
          .catch(() => undefined);
        if (!(await done.count())) {
          const why = await situation();
          await popup
            .getByRole('button', { name: 'Cancel' })
            .click({ timeout: 2_000 })
            .catch(() => undefined);
          results.push({ combo, ok: false, ms: Date.now() - t0, detail: why || 'stalled' });
          throw new Error(`${combo}: no passkey after ${(Date.now() - t0) / 1000} s: ${why || 'stalled'}`);
        }
        // the outcome, in the fake: a verified passkey for this user, the TAP gone, the user signed out
        expect(user.fido2Methods.length).toBe(before + 1);
        expect(user.fido2Methods.at(-1)!.aaGuid).toBe(VIRTUAL_AAGUID);
        expect(fake.pages.registrations.filter((r) => r.userId === user.id).map((r) => r.status)).toContain(
          'registered',
        );
        await expect.poll(() => user.tap, { timeout: 15_000 }).toBeNull();
        // No session of the user the browser still holds (My Sign-ins keeps its server side until it expires).
        await expect
          .poll(async () => fake.pages.sessionsOf(user.userPrincipalName, await h.cookies()), { timeout: 15_000 })
          .toEqual([]);
        const { session } = await extensionStorage(h);
        expect(session['job.secret']).toBeUndefined();
        results.push({ combo, ok: true, ms: Date.now() - t0 });
      } finally {
        fake.pages.resetConfig();
      }
    });
  }
});
