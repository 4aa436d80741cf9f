/**
 * Launches Chromium with the real built extension (dist/) and Microsoft's hostnames mapped to the fake cloud.
 * Shared by the end-to-end tests, the demo and the bench. Keys are CDP virtual authenticators, one per page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Route, type Worker } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
export const EXTENSION_ID = 'kdiehgkbondhaclbppmifhjboclgficg';

export interface VirtualKeyOptions {
  /** false simulates a failed PIN / user verification */
  isUserVerified?: boolean;
  /** false: the key never gets touched (WebAuthn times out) */
  automaticPresenceSimulation?: boolean;
}

/** A CTAP2 USB security key with user verification (a PIN) that answers at once unless told otherwise. */
export const virtualKey = (o: VirtualKeyOptions = {}) => ({
  protocol: 'ctap2' as const,
  ctap2Version: 'ctap2_1' as const,
  transport: 'usb' as const,
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: o.isUserVerified ?? true,
  automaticPresenceSimulation: o.automaticPresenceSimulation ?? true,
});

export interface Harness {
  context: BrowserContext;
  extensionId: string;
  worker: () => Promise<Worker>;
  /** The popup, opened as a tab (there is no API to click the toolbar icon). */
  openPopup: () => Promise<Page>;
  /** The popup in a small window of its own: like the toolbar popup, it does not hide the active tab. */
  openPopupWindow: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  /** Replaces the connected key on every page (a new physical key), or on new pages from now on. */
  swapKey: (options?: VirtualKeyOptions) => Promise<void>;
  /** All text a page renders, closed shadow roots included (the extension's overlay), via CDP. */
  pageText: (page: Page) => Promise<string>;
  /** Clicks a button of the extension's overlay (closed shadow root: found through CDP, clicked with the mouse as
   *  the admin would). False when no such button is on the page. */
  clickOverlayButton: (page: Page, name: string) => Promise<boolean>;
  /** Credentials on the current virtual key of a page. */
  keyCredentials: (page: Page) => Promise<{ credentialId: string; rpId: string; userHandle: string }[]>;
  /** Stops the extension's service worker, as Chromium does when it idles; the next event starts a new one. */
  stopServiceWorker: () => Promise<void>;
  /** The cookies of the normal profile: what the admin's own tabs send. */
  cookies: () => Promise<{ name: string; value: string; domain: string; path: string }[]>;
  /** Closes the browser and starts it again on the same profile (a browser restart). */
  restart: () => Promise<Harness>;
  close: () => Promise<void>;
}

/** A CDP call to a page that is going away can hang: give up after a while. */
const withTimeout = <T>(p: Promise<T>, ms = 3000) =>
  Promise.race([p.catch(() => undefined), new Promise<undefined>((r) => setTimeout(r, ms))]);

/**
 * The page a request belongs to. A new tab's first navigation can come before Playwright has made its Page (the
 * request's frame() throws until then): ask again until it has, so the key is attached before the page can ask.
 */
async function pageOf(route: Route): Promise<Page | undefined> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return route.request().frame().page();
    } catch {
      if (Date.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

interface Attached {
  cdp: CDPSession;
  authenticatorId: string;
}

export interface LaunchOptions {
  resolverRules: string;
  headless?: boolean;
  slowMo?: number;
  key?: VirtualKeyOptions | false;
  /** Reuse a profile (see Harness.restart). */
  userDataDir?: string;
  /**
   * Allow the extension in Incognito, as the admin would on its details page. Chromium has no switch for it: the
   * extension is loaded through CDP `Extensions.loadUnpacked({ enableInIncognito: true })` (needs
   * --enable-unsafe-extension-debugging), and private windows' pages get their virtual key through the
   * browser-level CDP session (Playwright does not report pages of a browser context it did not create).
   */
  incognito?: boolean;
  /**
   * The browser's UI language (what chrome.i18n.getUILanguage() answers). On Linux Chromium ignores --lang and reads
   * the LANGUAGE environment variable; languages other than English need Debian's chromium-l10n. Default: English,
   * whatever the machine's locale, so the UI contract's English names hold.
   */
  language?: string;
}

export async function launch(opts: LaunchOptions): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'pp-profile-'));
  const args = [
    ...(opts.incognito
      ? ['--enable-unsafe-extension-debugging']
      : [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`]),
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=ExtensionDisableUnsupportedDeveloper',
    `--host-resolver-rules=${opts.resolverRules}`,
    '--ignore-certificate-errors',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    slowMo: opts.slowMo,
    args,
    env: { ...process.env, LANGUAGE: opts.language ?? 'en' },
    viewport: { width: 1100, height: 800 },
    ...(opts.incognito ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
  });

  let keyOptions: VirtualKeyOptions | false = opts.key ?? {};
  const attached = new Map<Page, Attached>();
  /** The key attached to each page as it opened (swapKey replaces it later). */
  const firstKey = new Map<Page, Promise<void>>();
  const attach = async (page: Page) => {
    if (keyOptions === false) return;
    try {
      const cdp = attached.get(page)?.cdp ?? (await context.newCDPSession(page));
      await cdp.send('WebAuthn.enable', { enableUI: false });
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: virtualKey(keyOptions),
      });
      attached.set(page, { cdp, authenticatorId });
    } catch {
      // pages of other extensions or already closed: no key there
    }
  };
  const keyFor = (page: Page) => {
    let p = firstKey.get(page);
    if (!p) firstKey.set(page, (p = attach(page)));
    return p;
  };
  context.on('page', (p) => {
    p.on('close', () => {
      attached.delete(p);
      firstKey.delete(p);
    });
    void keyFor(p);
  });
  for (const p of context.pages()) await keyFor(p);
  // Chromium's virtual environment serves only WebAuthn requests made after WebAuthn.enable, and the extension's
  // key tab asks as soon as it loads: hold its document until the page's key is attached (like a key already in).
  await context.route(/^https:\/\/login\.microsoft(online)?\.com\/robots\.txt/, async (route) => {
    const page = await pageOf(route);
    if (page) await withTimeout(keyFor(page), 15_000);
    await route.continue();
  });

  if (opts.incognito) {
    const browserCdp = await context.browser()!.newBrowserCDPSession();
    await browserCdp.send('Extensions.loadUnpacked', { path: DIST, enableInIncognito: true });
    await keysForPrivateWindows(browserCdp, () => keyOptions);
    // Loaded after start: wake the service worker so Playwright sees it.
    const wake = await context.newPage();
    await wake.goto(`chrome-extension://${EXTENSION_ID}/src/popup/index.html`).catch(() => undefined);
    await wake.close();
  }

  const worker = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const w = context.serviceWorkers().find((sw) => sw.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
      if (w) return w;
      if (Date.now() > deadline) throw new Error('The extension service worker did not start.');
      await Promise.race([context.waitForEvent('serviceworker', { timeout: 1000 }).catch(() => undefined)]);
    }
  };
  await worker();

  return {
    context,
    extensionId: EXTENSION_ID,
    worker,
    openPopup: async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/src/popup/index.html`);
      return page;
    },
    openPopupWindow: async () => {
      const url = `chrome-extension://${EXTENSION_ID}/src/popup/index.html`;
      const opened = context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 });
      await (
        await worker()
      ).evaluate(
        `chrome.windows.create({ url: ${JSON.stringify(url)}, type: 'popup', width: 420, height: 640, focused: true })`,
      );
      const page = await opened;
      await page.waitForLoadState('domcontentloaded');
      return page;
    },
    openOptions: async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
      return page;
    },
    swapKey: async (options = {}) => {
      keyOptions = options;
      for (const [page, a] of [...attached]) {
        attached.delete(page);
        if (page.isClosed()) continue;
        await withTimeout(a.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: a.authenticatorId }));
        await withTimeout(attach(page));
      }
    },
    clickOverlayButton: async (page, name) => {
      const cdp = attached.get(page)?.cdp ?? (await context.newCDPSession(page));
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      type Node = {
        nodeType: number;
        nodeName: string;
        backendNodeId: number;
        nodeValue?: string;
        children?: Node[];
        shadowRoots?: Node[];
      };
      const text = (n: Node): string =>
        n.nodeType === 3 ? (n.nodeValue ?? '') : [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(text).join('');
      let found: Node | undefined;
      const walk = (n: Node, inOverlay: boolean) => {
        const here = inOverlay || n.nodeName === 'PASSKEY-PROVISIONER-OVERLAY';
        if (here && n.nodeName === 'BUTTON' && text(n).trim() === name) found ??= n;
        for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c, here);
      };
      walk(root as Node, false);
      if (!found) return false;
      await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: found.backendNodeId });
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: found.backendNodeId });
      const [x1, y1, , , x3, y3] = model.content as number[];
      await page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
      return true;
    },
    pageText: async (page) => {
      const cdp = attached.get(page)?.cdp ?? (await context.newCDPSession(page));
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      type Node = { nodeType: number; nodeName: string; nodeValue?: string; children?: Node[]; shadowRoots?: Node[] };
      const out: string[] = [];
      const walk = (n: Node) => {
        if (n.nodeType === 3 && n.nodeValue?.trim()) out.push(n.nodeValue.trim());
        if (n.nodeName === 'STYLE' || n.nodeName === 'SCRIPT') return;
        for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
      };
      walk(root as Node);
      return out.join(' ');
    },
    keyCredentials: async (page) => {
      const a = attached.get(page);
      if (!a) return [];
      const { credentials } = await a.cdp.send('WebAuthn.getCredentials', { authenticatorId: a.authenticatorId });
      return credentials.map((c: { credentialId: string; rpId?: string; userHandle?: string }) => ({
        credentialId: c.credentialId,
        rpId: c.rpId ?? '',
        userHandle: c.userHandle ?? '',
      }));
    },
    stopServiceWorker: async () => {
      const page =
        context.pages().find((p) => p.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) ??
        (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    cookies: async () =>
      (await context.cookies()).map(({ name, value, domain, path }) => ({ name, value, domain, path })),
    restart: async () => {
      await context.close().catch(() => undefined);
      return launch({ ...opts, userDataDir });
    },
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A virtual key in every page of a private window. Those pages live in a browser context Playwright did not create,
 * so they are reached through the browser's CDP session: attach (non-flattened) and talk via sendMessageToTarget.
 */
async function keysForPrivateWindows(cdp: CDPSession, options: () => VirtualKeyOptions | false): Promise<void> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const normal = new Set(targetInfos.map((t) => t.browserContextId));
  const pending = new Map<number, () => void>();
  let seq = 0;
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const id = (JSON.parse(e.message) as { id?: number }).id;
    if (id !== undefined) pending.get(id)?.();
  });
  const call = (sessionId: string, method: string, params: object) =>
    withTimeout(
      new Promise<void>((resolve) => {
        const id = ++seq;
        pending.set(id, resolve);
        void cdp
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch(() => resolve());
      }),
    );
  cdp.on('Target.targetCreated', ({ targetInfo: t }) => {
    const key = options();
    if (t.type !== 'page' || normal.has(t.browserContextId) || key === false) return;
    void (async () => {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      await call(sessionId, 'WebAuthn.enable', { enableUI: false });
      await call(sessionId, 'WebAuthn.addVirtualAuthenticator', { options: virtualKey(key) });
    })().catch(() => undefined);
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
}
