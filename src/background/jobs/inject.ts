/**
 * Content scripts go only into the tabs a job opened (chrome.scripting), never into every Microsoft page: the
 * admin's own sign-ins load nothing of ours and send the worker nothing. A script is injected when the job's tab
 * finishes loading a page it needs, or when the job starts naming a tab that has already loaded one (the tab may
 * load before the job naming it is written). The scripts run once per document however often they are injected
 * (src/content/once.ts), and still ask the worker for the job before doing anything.
 */
import { CONTENT_SCRIPTS, type ContentScript } from '../../shared/content-scripts';
import type { Job } from '../../shared/protocol';
import { ceremonyUrl } from './ceremony-tab';
import { LOGIN_HOSTS, MYSIGNINS_HOST } from './guided';
import { RP_HOSTS } from './jobs';
import { getJob, JOB_KEY } from './store';

const ENDED: Job['phase'][] = ['succeeded', 'failed', 'cancelled'];
const GUIDED_PHASES: Job['phase'][] = ['signing-in', 'security-info', 'waiting-for-key', 'verifying'];

/** The script a job wants in its own tab at all, whatever page the tab shows. Pure. */
export function wantedScript(job: Job | null | undefined): ContentScript | null {
  if (!job || job.tabId === undefined || ENDED.includes(job.phase)) return null;
  if (job.mode === 'automatic') return job.phase === 'waiting-for-key' ? 'ceremony' : null;
  // The sign-out pages around a guided job are driven by the service worker itself (read loosely: the record of that
  // sign-out step is being reshaped by the job engine).
  // The drivers act only while the window is the admin's (as guidedHello): not before the window opened, not while the
  // worker signs the user out.
  if (job.mode === 'guided') return job.guided && GUIDED_PHASES.includes(job.phase) ? 'guided' : null;
  return null;
}

/** The script for tab `tabId` showing `url`, given the current job: only the job's tab, only on its pages. Pure. */
export function scriptFor(job: Job | null | undefined, tabId: number, url: string | undefined): ContentScript | null {
  const script = wantedScript(job);
  if (!script || job!.tabId !== tabId || !url) return null;
  let at: URL;
  try {
    at = new URL(url);
  } catch {
    return null;
  }
  if (at.protocol !== 'https:') return null;
  if (script === 'ceremony')
    return RP_HOSTS.includes(at.hostname) && `${at.origin}${at.pathname}` === ceremonyUrl(at.hostname) ? script : null;
  const host = at.hostname === MYSIGNINS_HOST || LOGIN_HOSTS.includes(at.hostname);
  return host && !/\/logout$/.test(at.pathname) ? script : null;
}

/**
 * Whether a job write makes its tab newly need a script: the job names a new tab, or moves into a phase that wants
 * one. A new job in the tab the previous job used (the kept key tab) is not: the worker starts it in the greeted
 * document by a message, or loads the page again, and that load injects. Pure.
 */
export function newlyWanted(before: Job | null | undefined, after: Job | null | undefined): boolean {
  const script = wantedScript(after);
  if (!script) return false;
  if (!before || before.tabId !== after!.tabId) return true;
  return before.id === after!.id && wantedScript(before) !== script;
}

async function inject(tabId: number, url: string | undefined) {
  const script = scriptFor(await getJob(), tabId, url);
  if (!script) return;
  // A tab closed or navigated away meanwhile refuses the injection: the next page load tries again.
  await chrome.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPTS[script].file] }).catch(() => {});
}

/** Registered once at the top level of the service worker. */
export function injectIntoJobTabs() {
  chrome.tabs.onUpdated.addListener((tabId, info, tab) => {
    if (info.status === 'complete') void inject(tabId, tab.url);
  });
  chrome.storage.session.onChanged.addListener(async (changes) => {
    const change = changes[JOB_KEY];
    const job = change?.newValue as Job | undefined;
    if (!job?.tabId || !newlyWanted(change!.oldValue as Job | undefined, job)) return;
    const tab = await chrome.tabs.get(job.tabId).catch(() => null);
    // Still loading: the load's end injects.
    if (tab?.status === 'complete') await inject(job.tabId, tab.url);
  });
}
