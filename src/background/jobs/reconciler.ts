/**
 * The reconciler: on every worker start, on each job's watchdog alarm and after the admin signs in, it drives a job
 * whose owner is gone to an end, with the truth. A job waiting for an event (the key, the guided window) is left to
 * go on while its tab or window is there. A job whose worker died in the middle of a call is ended from its durable
 * handles: Graph is asked whether the passkey landed (against the ids saved before the POST), the job's passes are
 * deleted (listed when the POST's answer was lost), the user's session ended, the window closed. After a browser
 * restart the tab and window ids of the old session mean nothing and are dropped first. Then the queue is settled.
 */
import type { AppErrorData } from '../../shared/errors';
import { t, type MessageKey } from '../../shared/i18n';
import type { Job, JobInflight } from '../../shared/protocol';
import { getAuthState } from '../auth/session';
import { Trace } from '../graph/client';
import { reconcileQueue } from '../station/station';
import { endAutomatic, failJob, findNewPasskey, registered } from './automatic';
import { abandon, guidedOverdue, settleGuided } from './guided';
import { isActive, isOrphan } from './phases';
import { getJob, JOB_KEY, updateJob, WORKER } from './store';
import { clearOtherWatchdogs } from './watchdog';

/** "The job for … was interrupted while <what it was doing>." per call a worker can die in. */
const INTERRUPTED: Record<JobInflight, MessageKey> = {
  check: 'jobInterruptedCheck',
  options: 'jobInterruptedOptions',
  'tap-post': 'jobInterruptedTapPost',
  'open-window': 'jobInterruptedOpenWindow',
  'passkey-post': 'jobInterruptedPasskeyPost',
  verify: 'jobInterruptedVerify',
  cleanup: 'jobInterruptedCleanup',
};

export function interrupted(job: Job, reason?: string): AppErrorData {
  return {
    code: 'job-interrupted',
    message: t(job.inflight ? INTERRUPTED[job.inflight] : 'jobInterrupted', job.user.displayName),
    reason: reason ?? t('jobStoppedReason'),
    action: t('jobStartAgain'),
  };
}

/** Jobs this worker found without their owner (kept for its life: an end may wait for the admin's sign-in). */
const orphans = new Set<string>();

/** The session copy is gone but the durable one is there: the browser restarted (or the extension was updated). */
async function browserRestarted(job: Job): Promise<boolean> {
  const s = await chrome.storage.session.get(JOB_KEY);
  return (s[JOB_KEY] as Job | undefined)?.id !== job.id;
}

/** Whether the tab or window an event-driven job waits on is still there. */
async function surfaceAlive(job: Job): Promise<boolean> {
  if (job.mode === 'automatic' && job.phase === 'waiting-for-key')
    return (
      job.tabId !== undefined &&
      (await chrome.tabs.get(job.tabId).then(
        () => true,
        () => false,
      ))
    );
  if (job.mode === 'guided' && ['signing-in', 'security-info', 'waiting-for-key', 'verifying'].includes(job.phase))
    return (
      job.windowId !== undefined &&
      (await chrome.windows.get(job.windowId).then(
        () => true,
        () => false,
      ))
    );
  return true;
}

const signedIn = async () => (await getAuthState()).status === 'signed-in';

let running: Promise<void> | null = null;
let again = false;

/** Runs the reconciler; calls made while it runs coalesce into one more pass. */
export function reconcile(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      try {
        await reconcileOnce();
      } catch {
        // Graph or a tab API failed mid-way: every step is safe to repeat, and the next alarm or start runs it again.
      }
    } while (again);
  })().finally(() => (running = null));
  return running;
}

async function reconcileOnce() {
  let job = await getJob();
  if (!job || !isActive(job)) {
    await clearOtherWatchdogs(null);
    await reconcileQueue();
    return;
  }
  await clearOtherWatchdogs(job.id);
  if (await browserRestarted(job)) {
    // Tab and window ids of the previous browser session could name someone else's tab now.
    orphans.add(job.id);
    job = (await updateJob(job.id, 'active', (j) => ({ ...j, tabId: undefined, windowId: undefined }))) ?? job;
  }
  if (isOrphan(job, WORKER)) orphans.add(job.id);
  const lost = orphans.has(job.id) || (!job.inflight && !(await surfaceAlive(job)));
  if (!lost) {
    if (job.mode === 'guided') await guidedOverdue(job);
    return;
  }
  await endLost(job);
  await reconcileQueue();
}

async function endLost(job: Job): Promise<void> {
  const orphan = orphans.has(job.id);
  if (job.mode === 'automatic') {
    if (job.phase === 'waiting-for-key' && !job.inflight) {
      await failJob(
        job,
        {
          code: 'tab-closed',
          message: t('jobKeyTabGone', job.user.displayName),
          reason: t('jobNothingRegistered'),
          action: t('jobClickProvisionAgain'),
        },
        ['waiting-for-key'],
      );
      return;
    }
    if (job.inflight !== 'passkey-post') {
      await failJob(job, interrupted(job, t('jobNothingRegistered')), ['preparing', 'waiting-for-key']);
      return;
    }
    // The POST may have landed: Graph decides (after the admin's sign-in when there is no token).
    if (!(await signedIn())) return;
    const trace = new Trace();
    let landed;
    try {
      landed = await findNewPasskey(job, trace);
    } catch {
      return; // Graph unreachable: the next alarm asks again
    }
    if (landed) await registered(job, landed, job.handles?.credentialId ?? '', trace);
    else if (job.cancelRequested)
      await endAutomatic(job, ['registering'], 'cancelled', undefined, t('jobNothingRegistered'));
    else await failJob(job, interrupted(job, t('jobNotListed')), ['registering']);
    return;
  }
  // Guided: every end deletes the pass and ends the user's session, which needs Graph and the admin's token.
  if (job.handles?.tapPosted && !(await signedIn())) return;
  if (job.phase === 'cleaning-up') {
    await settleGuided(job);
    return;
  }
  const error = orphan
    ? interrupted(job)
    : {
        code: 'window-closed',
        message: t('jobWindowClosed'),
        reason: t('jobWindowClosedReason'),
        action: t('jobClickProvisionAgain'),
      };
  await abandon(job, job.cancelRequested ? null : error, job.cancelRequested ? 'cancelled' : 'failed');
}

/** Wires the reconciler: now (a worker start), on job watchdogs, and when the admin signs in. */
export function watchForLostJobs(isWatchdog: (name: string) => boolean) {
  chrome.alarms.onAlarm.addListener((a) => void (isWatchdog(a.name) && reconcile()));
  chrome.storage.session.onChanged.addListener((changes) => {
    const auth = changes['auth.state']?.newValue as { status?: string } | undefined;
    if (auth?.status === 'signed-in') void reconcile();
  });
  void reconcile();
}

export const reconcilerOrphans = () => [...orphans];
