/**
 * The key tab: one tab on https://{rp.id} where automatic-mode ceremonies run. It stays open after a job
 * (its overlay shows the outcome) and the next job starts in it by a message to the exact document that
 * greeted us, so provisioning user after user costs no new tab and no page load. Where that document is
 * gone, the tab is navigated again and its content script asks for the job as before.
 * The record (ids only, no secret) lives in storage.session.
 */
import { CHANNEL, type CeremonyContext, type TabPush } from '../../shared/protocol';

const KEY = 'ceremony.tab';

/** A page on the RP origin to run create() in: plain, same-origin, no Microsoft script of its own. */
const CEREMONY_PATH = '/robots.txt';
export const ceremonyUrl = (rpId: string) => `https://${rpId}${CEREMONY_PATH}`;

/** What is kept: the tab, the RP it serves and, once its script greeted a job, that document. */
interface KeyTabRecord {
  tabId: number;
  rpId: string;
  /** The document whose content script greeted us for a job: pushes go only there. */
  documentId?: string;
}
/** The record plus the window the tab is in now (asked of the tabs API, not stored). */
export type KeyTab = KeyTabRecord & { windowId: number };

const getRecord = async () => ((await chrome.storage.session.get(KEY))[KEY] as KeyTabRecord | undefined) ?? null;
const putRecord = (r: KeyTabRecord) => chrome.storage.session.set({ [KEY]: r });
const forgetKeyTab = () => chrome.storage.session.remove(KEY);

/** The kept tab, brought to the front (run alongside the Graph call that precedes it); null when there is none. */
export async function keptKeyTab(): Promise<KeyTab | null> {
  const kept = await getRecord();
  if (!kept) return null;
  try {
    // Only while it still shows our page: a tab the admin has since used for something else is left alone.
    const tab = await chrome.tabs.get(kept.tabId);
    const at = tab.url ? new URL(tab.url) : null;
    if (!at || at.hostname !== kept.rpId || at.pathname !== CEREMONY_PATH) {
      await forgetKeyTab();
      return null;
    }
    await chrome.tabs.update(kept.tabId, { active: true });
    await chrome.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
    return { ...kept, windowId: tab.windowId };
  } catch {
    return null; // closed meanwhile
  }
}

/** A new key tab loading `url`; its content script will ask for the job. */
export async function openKeyTab(rpId: string, url: string): Promise<KeyTab> {
  const tab = await chrome.tabs.create({ url, active: true });
  await putRecord({ tabId: tab.id!, rpId });
  return { tabId: tab.id!, rpId, windowId: tab.windowId };
}

/**
 * Starts the ceremony in the kept tab's document; when it cannot take it (gone, or never greeted), loads the page
 * again and its script asks. A tab just opened needs neither: its script asks once it loads.
 */
export async function beginInKeptTab(tab: KeyTab, url: string, ctx: CeremonyContext): Promise<void> {
  if (tab.documentId) {
    const push: TabPush<'ceremony.begin'> = { channel: CHANNEL, push: 'ceremony.begin', payload: ctx };
    const accepted = await chrome.tabs.sendMessage(tab.tabId, push, { documentId: tab.documentId }).catch(() => false);
    if (accepted === true) return;
  }
  await chrome.tabs.update(tab.tabId, { url });
}

/** A content script in the key tab greeted us for the running job: remember its document. */
export async function keyTabGreeted(tabId: number, documentId: string | undefined) {
  const kept = await getRecord();
  if (kept?.tabId === tabId && documentId) await putRecord({ tabId, rpId: kept.rpId, documentId });
}

export async function closeKeyTab() {
  const kept = await getRecord();
  await forgetKeyTab();
  if (kept) await chrome.tabs.remove(kept.tabId).catch(() => undefined);
}

export async function keyTabClosed(tabId: number) {
  if ((await getRecord())?.tabId === tabId) await forgetKeyTab();
}
