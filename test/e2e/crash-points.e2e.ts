/**
 * The crash-point matrix: every step of the automatic, guided and queued flows that waits on Graph is held at the
 * fake cloud, the service worker is stopped while the call is in flight (as Chromium may at any time), the call is
 * released, and the job must still end with the truth on screen within 30 s, nothing of the user left behind
 * (no pass, no session, no job window) and the next job able to start. Generated from one list of steps.
 * Then: the admin closing the guided window or the key tab, Cancel and Skip during a slow POST, two popups starting
 * at once, and a browser restart in the middle of a guided job.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeCloud, FakeUser, FaultRule } from '../fake-cloud/index.ts';
import type { Harness } from '../support/browser.ts';
import { extensionStorage, searchAndOpen, signIn, signedInSession, freshMember } from '../support/pages.ts';
import { ADMIN, PASSWORD } from '../support/fixtures.ts';

type Flow = 'automatic' | 'guided' | 'queued';
interface CrashStep {
  flow: Flow;
  /** What the job waits on when the worker stops. */
  step: string;
  rule: FaultRule & { hold: 'request' | 'response' };
}

const GRAPH = 'graph.microsoft.com';
const LOGIN = 'login.microsoftonline.com';
/** The one list: a step added here joins the matrix. */
const STEPS: CrashStep[] = [
  {
    flow: 'automatic',
    step: 'creationOptions',
    rule: { host: GRAPH, method: 'GET', path: /creationOptions/, hold: 'request' },
  },
  {
    flow: 'automatic',
    step: 'passkey POST (request in flight)',
    rule: { host: GRAPH, method: 'POST', path: /fido2Methods$/, hold: 'request' },
  },
  {
    flow: 'automatic',
    step: 'passkey POST (registered, answer lost)',
    rule: { host: GRAPH, method: 'POST', path: /fido2Methods$/, hold: 'response' },
  },
  { flow: 'guided', step: 'readiness $batch', rule: { host: GRAPH, method: 'POST', path: /\$batch/, hold: 'request' } },
  {
    flow: 'guided',
    step: 'TAP POST (created, answer lost)',
    rule: { host: GRAPH, method: 'POST', path: /temporaryAccessPassMethods$/, hold: 'response' },
  },
  {
    flow: 'guided',
    // Not Graph: the job's window was just opened (after the pre-job clear of Microsoft cookies) and its first page
    // has not loaded yet.
    step: 'first Microsoft page of the job window',
    rule: { host: 'mysignins.microsoft.com', method: 'GET', path: /^\/security-info/, hold: 'request' },
  },
  {
    flow: 'guided',
    step: 'guided verification',
    rule: { host: GRAPH, method: 'GET', path: /fido2Methods$/, hold: 'request' },
  },
  {
    flow: 'guided',
    step: 'TAP DELETE at clean-up',
    rule: { host: GRAPH, method: 'DELETE', path: /temporaryAccessPassMethods\//, hold: 'request' },
  },
  {
    flow: 'guided',
    // Not Graph: the wait for Microsoft's own sign-out page of the user, the last step of every guided end.
    step: 'Microsoft sign-out page at clean-up',
    rule: { host: LOGIN, method: 'GET', path: /\/oauth2\/v2\.0\/logout\?/, hold: 'request' },
  },
  {
    flow: 'queued',
    // The readiness the detail view showed is reused for a minute (then only creationOptions is asked); later, both
    // come in one $batch: whichever the job asks first is held.
    step: 'readiness $batch / creationOptions',
    rule: { host: GRAPH, path: /\$batch|creationOptions/, hold: 'request' },
  },
  {
    flow: 'queued',
    step: 'passkey POST (registered, answer lost)',
    rule: { host: GRAPH, method: 'POST', path: /fido2Methods$/, hold: 'response' },
  },
];

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, r) => setTimeout(() => r(new Error(`timed out: ${what}`)), ms))]);

describe('crash points', () => {
  let fake: FakeCloud;
  let h: Harness;
  let popup: Page;
  const used = new Set<string>();

  beforeAll(async () => {
    ({ fake, h, popup } = await signedInSession());
    console.log(`crash-point matrix: ${STEPS.length} steps (${STEPS.map((s) => `${s.flow}: ${s.step}`).join('; ')})`);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    fake.faults.clear();
    await h.swapKey({});
    // A case that failed must not hold up the next: its job is cancelled from the banner, like an admin would.
    const banner = popup.getByRole('region', { name: 'Current job' });
    if (await banner.isVisible()) {
      await banner
        .getByRole('button', { name: /Cancel/ })
        .click()
        .catch(() => undefined);
      await banner.waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
    }
  });

  const fresh = () => freshMember(fake, used);

  const section = (name: 'Users' | 'Queue' | 'History') =>
    popup.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

  async function open(u: FakeUser) {
    await popup.bringToFront();
    await section('Users');
    await searchAndOpen(popup, u.userPrincipalName.split('@')[0]!, u.userPrincipalName);
  }

  /** Opens the user (or queues the users) and returns the click that starts the job: a hold added in between
   * catches only the job's own calls, not the detail view's. */
  async function prepare(users: FakeUser[], flow: Flow): Promise<() => Promise<void>> {
    if (flow !== 'queued') {
      await open(users[0]!);
      await popup
        .getByRole('radio', { name: flow === 'guided' ? 'Guided (Temporary Access Pass)' : 'Automatic' })
        .check();
      return () => popup.getByRole('button', { name: /^Provision/ }).click();
    }
    for (const u of users) {
      await open(u);
      await popup.getByRole('button', { name: 'Add to queue' }).click();
      await popup.getByText('was added to the queue').waitFor();
    }
    await section('Queue');
    return () => popup.getByRole('button', { name: 'Start' }).click();
  }

  async function provision(u: FakeUser, mode: 'automatic' | 'guided') {
    await (
      await prepare([u], mode)
    )();
  }

  /** The outcome the popup shows for `u`: the detail view's job, or the queue item. */
  async function outcomeOnScreen(u: FakeUser, flow: Flow): Promise<'succeeded' | 'failed' | 'cancelled' | 'skipped'> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (flow === 'queued') {
        const item = popup
          .getByRole('list', { name: 'Queued users' })
          .getByRole('listitem')
          .filter({ hasText: u.userPrincipalName });
        const text = (await item.textContent().catch(() => '')) ?? '';
        const m = /· (succeeded|failed|skipped)/.exec(text);
        if (m) return m[1] as 'succeeded' | 'failed' | 'skipped';
      } else {
        // The job's own outcome (it names the user), not a transport error of the stopped worker.
        const progress = popup.getByLabel('Provisioning progress');
        if (
          await progress
            .getByRole('status')
            .filter({ hasText: `registered for ${u.displayName}` })
            .isVisible()
        )
          return 'succeeded';
        if (await progress.getByRole('status').filter({ hasText: 'Cancelled' }).isVisible()) return 'cancelled';
        if (
          await progress
            .getByRole('alert')
            .filter({ hasText: `Provisioning for ${u.displayName} failed` })
            .isVisible()
        )
          return 'failed';
      }
      if (Date.now() > deadline) {
        const { session, local } = await extensionStorage(h);
        throw new Error(
          `no outcome on screen for ${u.userPrincipalName} within 30 s; job: ${JSON.stringify(session['job.current'] ?? local['job.durable'])}`,
        );
      }
      await popup.waitForTimeout(250);
    }
  }

  /** Nothing of the user is left: the truth matches the outcome, no pass, no session, no job window, no job running. */
  async function expectNothingLeft(u: FakeUser, outcome: string, passkeysBefore: number) {
    const added = u.fido2Methods.length - passkeysBefore;
    expect(added).toBeGreaterThanOrEqual(0);
    expect(added).toBeLessThanOrEqual(1);
    expect(outcome === 'succeeded').toBe(added === 1);
    await expect.poll(() => u.tap, { timeout: 30_000 }).toBeNull();
    // No session of the user that the browser still holds (My Sign-ins keeps its server side until it expires).
    await expect
      .poll(async () => fake.pages.sessionsOf(u.userPrincipalName, await h.cookies()).length, { timeout: 30_000 })
      .toBe(0);
    await expect
      .poll(
        () =>
          h.context
            .pages()
            .filter((p) => /^https:\/\/(mysignins\.microsoft\.com|login\.microsoftonline\.com)\//.test(p.url())).length,
        { timeout: 30_000 },
      )
      .toBe(0);
    const { session, local } = await extensionStorage(h);
    expect(session['job.secret']).toBeUndefined();
    const job = (session['job.current'] ?? local['job.durable']) as { phase: string } | undefined;
    expect(['succeeded', 'failed', 'cancelled', undefined]).toContain(job?.phase);
  }

  async function stopWhileHeld(id: string, what: string) {
    await within(fake.faults.whenHeld(id), 45_000, `${what} was never called`).catch(async (e: Error) => {
      const { session } = await extensionStorage(h);
      const keyTab = h.context.pages().find((p) => p.url().startsWith('https://login.microsoft.com/'));
      const text = keyTab ? await h.pageText(keyTab) : 'no key tab';
      const creds = keyTab ? await h.keyCredentials(keyTab) : [];
      throw new Error(
        `${e.message}; key tab: ${text} (${creds.length} credentials); job: ${JSON.stringify(session['job.current'])}`,
      );
    });
    await h.stopServiceWorker();
    fake.faults.release(id);
  }

  it.each(STEPS.map((s) => [`${s.flow}: ${s.step}`, s] as const))(
    'worker stopped at %s: the truth on screen, nothing left',
    // The harness race this once covered (a key attached after the key tab's create()) is fixed in browser.ts
    // (pageOf); no case needed it in the runs since. One retry, with a new user, stays against a loaded CI machine:
    // a real failure fails twice.
    { timeout: 90_000, retry: 1 },
    async (_name, s) => {
      const u = fresh();
      const before = u.fido2Methods.length;
      const go = await prepare([u], s.flow);
      const id = fake.faults.add(s.rule);
      await go();
      await stopWhileHeld(id, s.step);
      const outcome = await outcomeOnScreen(u, s.flow);
      await expectNothingLeft(u, outcome, before);
      if (s.flow === 'queued') {
        await popup.getByRole('button', { name: 'Clear' }).click();
        await expect
          .poll(() => popup.getByRole('list', { name: 'Queued users' }).getByRole('listitem').count())
          .toBe(0);
      }
    },
  );

  it('the next job starts and registers after the matrix', async () => {
    const u = fresh();
    await provision(u, 'automatic');
    expect(await outcomeOnScreen(u, 'automatic')).toBe('succeeded');
    expect(u.fido2Methods).toHaveLength(1);
  });

  it('Cancel during a slow passkey POST: the job ends when Microsoft answers, with the truth', async () => {
    const u = fresh();
    const id = fake.faults.add({ host: GRAPH, method: 'POST', path: /fido2Methods$/, hold: 'response' });
    await provision(u, 'automatic');
    await within(fake.faults.whenHeld(id), 30_000, 'POST');
    const banner = popup.getByRole('region', { name: 'Current job' });
    await banner.getByRole('button', { name: /Cancel/ }).click();
    await banner.getByText('cancelling once Microsoft answers').waitFor();
    fake.faults.release(id);
    expect(await outcomeOnScreen(u, 'automatic')).toBe('succeeded'); // it landed: never "Nothing was registered"
    expect(await popup.getByText('Cancel came after the passkey was sent').isVisible()).toBe(true);
    expect(u.fido2Methods).toHaveLength(1);
  });

  it('Skip during a slow POST: the item is listed with the truth and its credential reaches the reuse guard', async () => {
    const [a, b] = [fresh(), fresh()];
    const go = await prepare([a, b], 'queued');
    const id = fake.faults.add({ host: GRAPH, method: 'POST', path: /fido2Methods$/, hold: 'response' });
    await go();
    await within(fake.faults.whenHeld(id), 30_000, 'POST');
    await popup.getByRole('button', { name: 'Skip' }).click();
    fake.faults.release(id);
    expect(await outcomeOnScreen(a, 'queued')).toBe('succeeded');
    expect(a.fido2Methods).toHaveLength(1);
    // the same key for the next user: refused by the reuse guard, which knows the first user's credential
    await popup
      .getByRole('alert')
      .filter({ hasText: `already holds the passkey of ${a.displayName}` })
      .waitFor({ timeout: 30_000 });
    expect(b.fido2Methods).toHaveLength(0);
    await popup.getByRole('button', { name: 'Skip' }).click();
    await expect.poll(() => outcomeOnScreen(b, 'queued')).toBe('skipped');
    await popup.getByRole('button', { name: 'Clear' }).click();
  });

  it('two popups clicking Provision at once: one job runs, the other is told who is running', async () => {
    const [a, b] = [fresh(), fresh()];
    const second = await h.openPopup();
    await open(a);
    const first = popup;
    popup = second;
    await open(b);
    popup = first;
    for (const p of [first, second]) await p.getByRole('button', { name: /^Provision/ }).waitFor();
    await h.stopServiceWorker(); // both starts reach a cold worker
    // Both clicks land before either start is answered (no waiting for the other popup's button to be disabled).
    const click = (p: Page) =>
      p.evaluate(() =>
        [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Provision'))!.click(),
      );
    await Promise.all([click(first), click(second)]);
    const refused = await Promise.race([
      first
        .getByRole('alert')
        .filter({ hasText: 'is still running' })
        .waitFor({ timeout: 30_000 })
        .then(() => first),
      second
        .getByRole('alert')
        .filter({ hasText: 'is still running' })
        .waitFor({ timeout: 30_000 })
        .then(() => second),
    ]);
    await expect.poll(() => a.fido2Methods.length + b.fido2Methods.length, { timeout: 30_000 }).toBe(1);
    expect(h.context.pages().filter((p) => p.url() === 'https://login.microsoft.com/robots.txt')).toHaveLength(1);
    expect(refused).toBeTruthy();
    await second.close();
  });

  it('closing the key tab while the key is awaited ends the job: nothing registered', async () => {
    await h.swapKey({ automaticPresenceSimulation: false });
    const u = fresh();
    await provision(u, 'automatic');
    await popup.getByText(`Insert the key for ${u.displayName}`).first().waitFor({ timeout: 30_000 });
    await h.context
      .pages()
      .find((p) => p.url() === 'https://login.microsoft.com/robots.txt')!
      .close();
    expect(await outcomeOnScreen(u, 'automatic')).toBe('failed');
    expect(await popup.getByRole('alert').textContent()).toMatch(/Nothing was registered/);
    expect(u.fido2Methods).toHaveLength(0);
  });

  /** Stages of the guided window at which the admin may close it. */
  const CLOSE_AT: { stage: string; hold?: FaultRule; untouchedKey?: boolean }[] = [
    {
      stage: 'sign-in',
      // The user name or the pass sent to the sign-in page (the window has committed a page by then).
      hold: { host: 'login.microsoftonline.com', method: 'POST', path: /\/login(\?|$)/, hold: 'request' },
    },
    { stage: 'waiting for the key', untouchedKey: true },
    { stage: 'verification', hold: { host: GRAPH, method: 'GET', path: /fido2Methods$/, hold: 'request' } },
  ];
  it.each(CLOSE_AT.map((c) => [c.stage, c] as const))(
    'closing the guided window at %s: pass deleted, user signed out, the truth on screen',
    { timeout: 90_000, retry: 1 },
    async (_stage, c) => {
      if (c.untouchedKey) await h.swapKey({ automaticPresenceSimulation: false });
      const u = fresh();
      const before = u.fido2Methods.length;
      const go = await prepare([u], 'guided');
      const id = c.hold ? fake.faults.add(c.hold) : undefined;
      // The job's window: any new page that is not the extension's own (its first load may be the held one).
      const windowOpened = h.context.waitForEvent('page', {
        predicate: (p) => !p.url().startsWith('chrome-extension://'),
        timeout: 30_000,
      });
      await go();
      const page = await windowOpened;
      if (id) await within(fake.faults.whenHeld(id), 45_000, c.stage);
      else {
        await popup.getByText(`Insert the key for ${u.displayName}`).first().waitFor({ timeout: 45_000 });
        // "Check again" asks Graph, which lists nothing new yet: the admin is told so, and the job goes on.
        await popup.getByRole('region', { name: 'Current job' }).getByRole('button', { name: 'Check again' }).click();
        await popup.getByText('Microsoft Graph does not list a new passkey yet').first().waitFor({ timeout: 30_000 });
      }
      await page.close();
      if (id) fake.faults.release(id);
      const outcome = await outcomeOnScreen(u, 'guided');
      await expectNothingLeft(u, outcome, before);
    },
  );

  it('a browser restart in the middle of a guided job: after sign-in the pass is deleted and the job ends', async () => {
    await h.swapKey({ automaticPresenceSimulation: false });
    const u = fresh();
    await provision(u, 'guided');
    await popup.getByText(`Insert the key for ${u.displayName}`).first().waitFor({ timeout: 45_000 });
    expect(u.tap).not.toBeNull();
    h = await h.restart();
    popup = await h.openPopup();
    // the job is shown before sign-in (from its durable copy), then ended once Graph can be asked
    await signIn(h, popup, ADMIN, PASSWORD);
    await expect.poll(() => u.tap, { timeout: 30_000 }).toBeNull();
    await expect
      .poll(async () => ((await extensionStorage(h)).local['job.durable'] as { phase: string }).phase, {
        timeout: 30_000,
      })
      .toBe('failed');
    await popup.getByRole('region', { name: 'Current job' }).waitFor({ state: 'hidden', timeout: 10_000 });
    // The browser restart dropped the user's session cookie (the fake still lists the session server-side): the
    // browser must hold no cookie of it.
    const stale = fake.pages.sessionFor(u.userPrincipalName)?.id;
    if (stale) expect((await h.context.cookies()).map((c) => c.value)).not.toContain(stale);
    const { local } = await extensionStorage(h);
    expect(JSON.stringify(local)).not.toMatch(/temporaryAccessPass"|"tap":/);
    expect(u.fido2Methods).toHaveLength(0);
  });

  it('a browser restart in the middle of a queue: no item stays running, Clear works, the next run starts', async () => {
    await h.swapKey({ automaticPresenceSimulation: false });
    const [a, b] = [fresh(), fresh()];
    await (
      await prepare([a], 'queued')
    )();
    await expect
      .poll(async () => ((await extensionStorage(h)).session['job.current'] as { phase?: string } | undefined)?.phase, {
        timeout: 30_000,
      })
      .toBe('waiting-for-key');
    h = await h.restart();
    popup = await h.openPopup();
    await signIn(h, popup, ADMIN, PASSWORD);
    await section('Queue');
    expect(await outcomeOnScreen(a, 'queued')).toBe('failed');
    expect(a.fido2Methods).toHaveLength(0);
    await popup.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => popup.getByRole('list', { name: 'Queued users' }).getByRole('listitem').count()).toBe(0);
    await h.swapKey({});
    await (
      await prepare([b], 'queued')
    )();
    expect(await outcomeOnScreen(b, 'queued')).toBe('succeeded');
    expect(b.fido2Methods).toHaveLength(1);
  });
});
