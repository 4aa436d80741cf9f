/**
 * Ends the user's Microsoft web session in the admin's profile after a guided job (placeholder: the sign-out helper
 * owns this module; this version keeps the earlier behaviour — load Entra's logout page and wait for it).
 * Idempotent, and callable with no tab (the reconciler after a restart opens a background tab of its own).
 */
import { CLOUDS } from '../../shared/clouds';
import { loadSettings } from '../settings-store';

export interface SessionHandle {
  upn: string;
  incognito: boolean;
  tabId?: number;
  windowId?: number;
}

const LOAD_TIMEOUT_MS = 15_000;

function loaded(tabId: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      chrome.tabs.onUpdated.removeListener(listener);
      chrome.tabs.onRemoved.removeListener(gone);
      resolve(ok);
    };
    const listener = (id: number, info: { status?: string }) =>
      id === tabId && info.status === 'complete' && done(true);
    const gone = (id: number) => id === tabId && done(false);
    const timer = setTimeout(() => done(false), LOAD_TIMEOUT_MS);
    chrome.tabs.onUpdated.addListener(listener);
    chrome.tabs.onRemoved.addListener(gone);
  });
}

export async function endUserSession(h: SessionHandle): Promise<{ confirmed: boolean; detail?: string }> {
  // An incognito window's cookies go with its last window; nothing of the user is in the admin's profile.
  if (h.incognito) return { confirmed: true };
  const host = CLOUDS[(await loadSettings()).settings.cloud].loginHost;
  const url = `https://${host}/common/oauth2/v2.0/logout?logout_hint=${encodeURIComponent(h.upn)}`;
  if (h.tabId !== undefined) {
    const done = loaded(h.tabId);
    const moved = await chrome.tabs.update(h.tabId, { url }).then(
      () => true,
      () => false,
    );
    if (moved && (await done)) return { confirmed: true };
  }
  const tab = await chrome.tabs.create({ url, active: false });
  const ok = await loaded(tab.id!);
  await chrome.tabs.remove(tab.id!).catch(() => undefined);
  return ok ? { confirmed: true } : { confirmed: false, detail: 'The Microsoft sign-out page did not load.' };
}
