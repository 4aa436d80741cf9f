/**
 * The Microsoft web session of a guided job's user, ended and verified. A normal window shares the admin's cookie
 * jar, so a page load is no proof: the cookies are read back, and whatever Microsoft's sign-out left is removed.
 * Idempotent: a new worker may call it again after the old one stopped mid-way, with or without the job's tab.
 */
import { CLOUDS } from '../../shared/clouds';
import { t } from '../../shared/i18n';
import { loadSettings } from '../settings-store';
import { cookieUrl, logoutUrl, sessionCookies, touchesSharedSignIn, type SessionHosts } from './session-cookies';

export interface SessionHandle {
  upn: string;
  incognito: boolean;
  tabId?: number;
  windowId?: number;
}

export interface SessionEnd {
  /** No session cookie is left where the user's could be (read back after sign-out and removal). */
  confirmed: boolean;
  /** Entra's shared session cookie had to be removed: the admin's own Microsoft web tabs must sign in again. */
  adminMustSignInAgain: boolean;
  /** What happened, for the admin. */
  detail?: string;
}

/** The manifest's sign-in and My Sign-ins hosts (the cloud's own login host is added). */
const LOGIN_HOSTS = ['login.microsoftonline.com', 'login.microsoft.com'];
const MYSIGNINS_HOST = 'mysignins.microsoft.com';
/** How long Microsoft's sign-out page may take to clear its cookies before they are removed by hand. */
const SIGN_OUT_MS = 8000;
const LOAD_MS = 20_000;

/** The session hosts, and the cloud's sign-in host (where its sign-out is). */
async function hosts(): Promise<SessionHosts & { signIn: string }> {
  const cloud = CLOUDS[(await loadSettings()).settings.cloud];
  return {
    signIn: cloud.loginHost,
    login: [...new Set([cloud.loginHost, ...LOGIN_HOSTS])],
    mySignIns: [MYSIGNINS_HOST],
  };
}

async function readSessionCookies(h: SessionHosts, storeId?: string): Promise<chrome.cookies.Cookie[]> {
  const lists = await Promise.all(
    [...h.login, ...h.mySignIns].map((domain) =>
      chrome.cookies.getAll(storeId ? { domain, storeId } : { domain }).catch(() => []),
    ),
  );
  const seen = new Set<string>();
  return sessionCookies(lists.flat(), h).filter((c) => {
    const key = `${c.storeId}|${c.domain}|${c.path}|${c.name}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

async function removeAll(cookies: chrome.cookies.Cookie[]): Promise<void> {
  await Promise.all(
    cookies.map((c) =>
      chrome.cookies.remove({ url: cookieUrl(c), name: c.name, storeId: c.storeId }).catch(() => null),
    ),
  );
}

/** Resolves true once `done()` holds (checked on every cookie change and tab load), false after `ms`. */
function until(done: () => Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (v: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chrome.cookies.onChanged.removeListener(check);
      chrome.tabs.onUpdated.removeListener(check);
      resolve(v);
    };
    const check = () =>
      void done().then(
        (ok) => ok && finish(true),
        () => undefined,
      );
    const timer = setTimeout(() => finish(false), ms);
    chrome.cookies.onChanged.addListener(check);
    chrome.tabs.onUpdated.addListener(check);
    check();
  });
}

const tabComplete = (tabId: number) =>
  until(
    () =>
      chrome.tabs.get(tabId).then(
        (t) => t.status === 'complete',
        () => true, // closed: nothing more will load
      ),
    LOAD_MS,
  );

/** Microsoft's own sign-out for this account, in the job's tab if it is still there, else in a background tab. */
async function visitSignOut(h: SessionHandle, loginHost: string): Promise<number | undefined> {
  const url = logoutUrl(loginHost, h.upn);
  if (h.tabId !== undefined) {
    const ok = await chrome.tabs.update(h.tabId, { url }).then(
      () => true,
      () => false,
    );
    if (ok) {
      await tabComplete(h.tabId);
      return undefined;
    }
  }
  const tab = await chrome.tabs.create({ url, active: false }).catch(() => undefined);
  if (tab?.id !== undefined) await tabComplete(tab.id);
  return tab?.id;
}

/** Tabs left on this user's sign-out page by a worker that stopped mid-way. */
async function strayTabs(loginHost: string, upn: string): Promise<number[]> {
  const hint = `logout_hint=${encodeURIComponent(upn)}`;
  const tabs = await chrome.tabs.query({ url: `https://${loginHost}/*` }).catch(() => []);
  return tabs.filter((t) => t.id !== undefined && t.url?.includes(hint)).map((t) => t.id!);
}

async function close(h: SessionHandle, extraTabs: number[]): Promise<void> {
  if (h.windowId !== undefined) await chrome.windows.remove(h.windowId).catch(() => undefined);
  const tabs = [...extraTabs, ...(h.tabId !== undefined ? [h.tabId] : [])];
  await Promise.all(tabs.map((id) => chrome.tabs.remove(id).catch(() => undefined)));
}

/**
 * Ends the user's Microsoft web session when a guided job ends, however it ends. Normal window: Microsoft's
 * sign-out with `logout_hint`, then the cookies are read back; any session cookie left on the sign-in or My Sign-ins
 * hosts is removed (Entra's can hold other accounts: then the admin must sign in again on the web). Incognito:
 * the window is closed, and the private cookie store is cleaned if other private windows keep it alive.
 */
export async function endUserSession(h: SessionHandle): Promise<SessionEnd> {
  const where = await hosts();
  if (h.incognito) return endIncognito(h, where);
  const stray = await strayTabs(where.signIn, h.upn);
  const created = await visitSignOut(h, where.signIn);
  // Signed out of Entra once its session cookies are gone (the account picker leaves them in place).
  const signedOut = await until(async () => !touchesSharedSignIn(await readSessionCookies(where), where), SIGN_OUT_MS);
  await close(h, [...stray, ...(created !== undefined ? [created] : [])]);
  // Entra's sign-out does not reliably end My Sign-ins' own session: its cookies go in any case.
  const left = await readSessionCookies(where);
  await removeAll(left);
  const confirmed = !(await readSessionCookies(where)).length;
  const shared = !signedOut && touchesSharedSignIn(left, where);
  const upn = h.upn;
  return {
    confirmed,
    adminMustSignInAgain: shared,
    detail: !confirmed
      ? t('jobCookiesLeft', upn, [...where.login, ...where.mySignIns].join(', '))
      : signedOut
        ? t('jobSignedOutVerified', upn)
        : t('jobSignOutUnconfirmed', upn) + (shared ? ` ${t('jobAdminSignInAgain')}` : ''),
  };
}

/** Cookie stores of private windows ("0" is the normal profile's). */
async function privateStores(): Promise<string[]> {
  const stores = await chrome.cookies.getAllCookieStores().catch(() => []);
  return stores.filter((s) => s.id !== '0').map((s) => s.id);
}

async function endIncognito(h: SessionHandle, where: SessionHosts): Promise<SessionEnd> {
  await close(h, []);
  // The private store lives on while other private windows are open: leave nothing of the user there either.
  let shared = false;
  for (const storeId of await privateStores()) {
    const left = await readSessionCookies(where, storeId);
    shared ||= touchesSharedSignIn(left, where);
    await removeAll(left);
  }
  const leftPrivate = (await Promise.all((await privateStores()).map((s) => readSessionCookies(where, s)))).flat();
  return {
    confirmed: leftPrivate.length === 0,
    adminMustSignInAgain: shared,
    detail:
      leftPrivate.length === 0
        ? t('jobPrivateClosed', h.upn) + (shared ? ` ${t('jobPrivateOthersSignedOut')}` : '')
        : t('jobPrivateStillSignedIn', h.upn),
  };
}

/**
 * Before a normal-window job: the browser must hold no Microsoft web session, or Entra could sign in silently as
 * the admin. Removes the session cookies of the sign-in and My Sign-ins hosts and reads them back.
 */
export async function clearMicrosoftWebSession(): Promise<SessionEnd> {
  const where = await hosts();
  const left = await readSessionCookies(where);
  await removeAll(left);
  const confirmed = !(await readSessionCookies(where)).length;
  const shared = touchesSharedSignIn(left, where);
  return {
    confirmed,
    adminMustSignInAgain: shared,
    detail: !confirmed ? t('jobClearFailed') : shared ? t('jobClearedShared') : undefined,
  };
}
