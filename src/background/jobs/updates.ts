/**
 * A store update restarts the extension: it waits while a job is active (a pass, a window, the admin at the key)
 * and is applied as soon as no job is. The flag lives in session storage, so a worker restart keeps it.
 */
import { isActive } from './phases';
import { getJob, JOB_KEY } from './store';

const PENDING = 'update.pending';
let pending: boolean | undefined;

async function applyIfIdle() {
  pending ??= !!(await chrome.storage.session.get(PENDING))[PENDING];
  if (!pending || isActive(await getJob())) return;
  chrome.runtime.reload();
}

export function deferUpdatesWhileJobsRun() {
  chrome.runtime.onUpdateAvailable.addListener(() => {
    pending = true;
    void chrome.storage.session.set({ [PENDING]: true }).then(applyIfIdle);
  });
  chrome.storage.session.onChanged.addListener((changes) => {
    if (changes[JOB_KEY] && pending !== false) void applyIfIdle();
  });
}
