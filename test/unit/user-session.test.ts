import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/background/settings-store', () => ({
  loadSettings: async () => ({ settings: { cloud: 'global' }, locked: [] }),
}));

interface Cookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  secure: boolean;
  storeId: string;
}
type Listener = (...a: unknown[]) => void;
const event = () => {
  const ls = new Set<Listener>();
  return {
    addListener: (l: Listener) => ls.add(l),
    removeListener: (l: Listener) => ls.delete(l),
    fire: (...a: unknown[]) => ls.forEach((l) => l(...a)),
  };
};

/** A browser: cookie stores, tabs, windows; `signOut` says what Microsoft's sign-out page does to the cookies. */
let jar: Cookie[];
let tabs: Map<number, { id: number; url: string; status: string }>;
let closedWindows: number[];
let signOut: 'works' | 'picker';
let removable: boolean;
let nextTab: number;
const cookiesChanged = event();
const tabUpdated = event();

const c = (domain: string, name: string, storeId = '0'): Cookie => ({
  name,
  value: 'v',
  domain,
  path: '/',
  secure: true,
  storeId,
});
const ESTS = () => c('login.microsoftonline.com', 'ESTSAUTH');
const MYSIGNINS = () => c('mysignins.microsoft.com', 'mysignins-session');

function load(tabId: number, url: string) {
  tabs.set(tabId, { id: tabId, url, status: 'complete' });
  if (/\/logout\?logout_hint=/.test(url) && signOut === 'works') {
    jar = jar.filter((k) => !(k.storeId === '0' && k.domain.startsWith('login.') && k.name.startsWith('ESTSAUTH')));
    cookiesChanged.fire({ removed: true });
  }
  tabUpdated.fire(tabId, { status: 'complete' });
}

(globalThis as unknown as { chrome: unknown }).chrome = {
  cookies: {
    getAll: async (f: { domain: string; storeId?: string }) =>
      jar.filter((k) => k.domain.replace(/^\./, '') === f.domain && k.storeId === (f.storeId ?? '0')),
    remove: async (d: { url: string; name: string; storeId: string }) => {
      if (!removable) return null;
      const host = new URL(d.url).hostname;
      jar = jar.filter((k) => !(k.domain === host && k.name === d.name && k.storeId === d.storeId));
      cookiesChanged.fire({ removed: true });
      return d;
    },
    getAllCookieStores: async () => [...new Set(['0', ...jar.map((k) => k.storeId)])].map((id) => ({ id, tabIds: [] })),
    onChanged: cookiesChanged,
  },
  tabs: {
    update: async (id: number, p: { url: string }) => {
      if (!tabs.has(id)) throw new Error('No tab with id');
      queueMicrotask(() => load(id, p.url));
      return tabs.get(id);
    },
    create: async (p: { url: string }) => {
      const id = nextTab++;
      tabs.set(id, { id, url: p.url, status: 'loading' });
      queueMicrotask(() => load(id, p.url));
      return { id };
    },
    get: async (id: number) => {
      const t = tabs.get(id);
      if (!t) throw new Error('No tab');
      return t;
    },
    remove: async (id: number) => {
      if (!tabs.delete(id)) throw new Error('No tab');
    },
    query: async () => [...tabs.values()],
    onUpdated: tabUpdated,
  },
  windows: {
    remove: async (id: number) => {
      closedWindows.push(id);
    },
  },
};

const { endUserSession, clearMicrosoftWebSession } = await import('../../src/background/jobs/user-session');
const UPN = 'lee@contoso.com';
const hintUrl = `https://login.microsoftonline.com/common/oauth2/v2.0/logout?logout_hint=${encodeURIComponent(UPN)}`;

beforeEach(() => {
  jar = [ESTS(), c('login.microsoftonline.com', 'fpc'), MYSIGNINS()];
  tabs = new Map([[7, { id: 7, url: 'https://mysignins.microsoft.com/security-info', status: 'complete' }]]);
  closedWindows = [];
  signOut = 'works';
  removable = true;
  nextTab = 100;
});
afterEach(() => vi.useRealTimers());

describe('endUserSession (normal window)', () => {
  it('Microsoft signs the user out (hinted): verified, My Sign-ins cookie removed, the admin untouched', async () => {
    const r = await endUserSession({ upn: UPN, incognito: false, tabId: 7, windowId: 3 });
    expect(r).toMatchObject({ confirmed: true, adminMustSignInAgain: false });
    expect(r.detail).toContain('(verified)');
    expect(jar.map((k) => k.name)).toEqual(['fpc']); // not a session cookie: left alone
    expect(closedWindows).toEqual([3]);
  });

  it('the account picker (nothing signed out): the cookies are removed by hand and the admin told', async () => {
    signOut = 'picker';
    vi.useFakeTimers();
    const done = endUserSession({ upn: UPN, incognito: false, tabId: 7, windowId: 3 });
    await vi.advanceTimersByTimeAsync(30_000);
    const r = await done;
    expect(r).toMatchObject({ confirmed: true, adminMustSignInAgain: true });
    expect(r.detail).toMatch(/could not be confirmed.*removed.*sign in again/s);
    expect(jar.map((k) => k.name)).toEqual(['fpc']);
  });

  it('no tab (the window was closed, or a restart): the sign-out runs in a background tab that is closed after', async () => {
    const r = await endUserSession({ upn: UPN, incognito: false });
    expect(r.confirmed).toBe(true);
    expect([...tabs.keys()]).toEqual([7]); // tab 100 (the sign-out) is gone again
  });

  it('called again after a worker stopped mid-way: the stray sign-out tab is closed, the result the same', async () => {
    tabs.set(55, { id: 55, url: hintUrl, status: 'complete' });
    jar = [MYSIGNINS()]; // Entra's part was done before the stop
    const r = await endUserSession({ upn: UPN, incognito: false, tabId: 7, windowId: 3 });
    expect(r).toMatchObject({ confirmed: true, adminMustSignInAgain: false });
    expect(tabs.has(55)).toBe(false);
    expect(jar).toEqual([]);
    // …and once more, with nothing left to do.
    expect(await endUserSession({ upn: UPN, incognito: false })).toMatchObject({ confirmed: true });
  });

  it('cookies that cannot be removed: not confirmed, and the admin is told what to clear', async () => {
    signOut = 'picker';
    removable = false;
    vi.useFakeTimers();
    const done = endUserSession({ upn: UPN, incognito: false, tabId: 7 });
    await vi.advanceTimersByTimeAsync(30_000);
    const r = await done;
    expect(r.confirmed).toBe(false);
    expect(r.detail).toMatch(/may still be signed in.*login\.microsoftonline\.com.*mysignins\.microsoft\.com/s);
  });
});

describe('endUserSession (private window)', () => {
  it('closes the window; a private store kept alive by other private windows loses the user\u2019s session', async () => {
    jar = [
      ESTS(),
      c('login.microsoftonline.com', 'ESTSAUTH', '1'),
      c('mysignins.microsoft.com', 'mysignins-session', '1'),
    ];
    const r = await endUserSession({ upn: UPN, incognito: true, windowId: 9 });
    expect(closedWindows).toEqual([9]);
    expect(r).toMatchObject({ confirmed: true, adminMustSignInAgain: true });
    expect(jar).toEqual([ESTS()]); // the normal profile (the admin's) untouched
  });

  it('no private store left: confirmed, nobody else signed out', async () => {
    jar = [ESTS()];
    expect(await endUserSession({ upn: UPN, incognito: true, windowId: 9 })).toMatchObject({
      confirmed: true,
      adminMustSignInAgain: false,
    });
    expect(jar).toEqual([ESTS()]);
  });
});

describe('clearMicrosoftWebSession (before a normal-window job)', () => {
  it('removes every Microsoft web session and says the admin must sign in again', async () => {
    const r = await clearMicrosoftWebSession();
    expect(r).toMatchObject({ confirmed: true, adminMustSignInAgain: true });
    expect(jar.map((k) => k.name)).toEqual(['fpc']);
  });

  it('nothing to clear: nothing to say', async () => {
    jar = [];
    expect(await clearMicrosoftWebSession()).toEqual({
      confirmed: true,
      adminMustSignInAgain: false,
      detail: undefined,
    });
  });

  it('cookies that stay: not confirmed (the engine must not open a normal window then)', async () => {
    removable = false;
    expect((await clearMicrosoftWebSession()).confirmed).toBe(false);
  });
});
