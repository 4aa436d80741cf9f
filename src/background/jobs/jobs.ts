/** Job handlers for pages and content scripts; one job at a time, whatever the popup does. */
import { AppError } from '../../shared/errors';
import { t, type MessageKey } from '../../shared/i18n';
import type { Job, JobPhase, Mode } from '../../shared/protocol';
import { onContent, onPage } from '../router';
import {
  automaticSteps,
  ceremonyContext,
  ceremonyResult,
  endAutomatic,
  failJob,
  retryRegistration,
  startAutomatic,
  type AutomaticOptions,
} from './automatic';
import { outcomeOf } from './outcome';
import { closeKeyTab, keyTabClosed } from './ceremony-tab';
import { isActive } from './phases';
import { claimJob, dropJob, getJob, JobRunning, updateJob } from './store';
import {
  abandon,
  checkAgain,
  deliverTap,
  guidedControl,
  guidedFail,
  guidedHello,
  guidedProgress,
  guidedSteps,
  LOGIN_HOSTS,
  MYSIGNINS_HOST,
  retrySignIn,
  startGuided,
  watchGuidedTabs,
} from './guided';
import { armWatchdog } from './watchdog';

export const RP_HOSTS = ['login.microsoft.com', 'login.microsoftonline.com'];

export function newJob(
  userId: string,
  mode: Mode,
  id: string = crypto.randomUUID(),
  displayName = t('jobUnnamedUser'),
): Job {
  const now = Date.now();
  const steps = mode === 'guided' ? guidedSteps(displayName) : automaticSteps();
  return {
    id,
    mode,
    user: { id: userId, displayName, userPrincipalName: '' },
    phase: 'preparing',
    inflight: 'check',
    steps: steps.map((s, i) => ({ ...s, state: i === 0 ? 'active' : 'pending' })),
    startedAt: now,
    updatedAt: now,
    requestIds: [],
  };
}

/** "A job for … is still running (<phase>)." per phase a job can run in. */
const STILL_RUNNING: Partial<Record<JobPhase, MessageKey>> = {
  preparing: 'jobRunningPreparing',
  'waiting-for-key': 'jobRunningWaitingForKey',
  registering: 'jobRunningRegistering',
  'signing-in': 'jobRunningSigningIn',
  'security-info': 'jobRunningSecurityInfo',
  verifying: 'jobRunningVerifying',
  'cleaning-up': 'jobRunningCleaningUp',
};

export const jobRunning = (job: Job) =>
  new AppError({
    code: 'job-running',
    message: t(STILL_RUNNING[job.phase] ?? 'jobRunningPreparing', job.user.displayName),
    action: t('jobFinishOrCancel'),
  });

/**
 * One job at a time, whoever starts it (the popup or the queue): the check and the claim are one step in the
 * worker, so two starts arriving together (two popups, a cold worker) cannot both run.
 */
export async function startJobFor(
  userId: string,
  mode: Mode,
  opts: AutomaticOptions & { queue?: Job['queue']; jobId?: string; displayName?: string } = {},
): Promise<Job> {
  let job: Job;
  try {
    const name = opts.displayName?.slice(0, 256) || undefined;
    job = await claimJob({ ...newJob(userId, mode, opts.jobId, name), queue: opts.queue });
  } catch (e) {
    if (e instanceof JobRunning) throw jobRunning(e.job);
    throw e;
  }
  if (mode === 'guided') return startGuided(job);
  void armWatchdog(job.id); // wakes a worker if this one dies mid-call; not awaited on the hot path
  return startAutomatic(job, opts);
}

/**
 * Cancel. Where a call that creates something is in flight (a TAP or passkey POST), the job ends when Microsoft
 * answers — with the truth: a passkey that landed is reported registered, never "Nothing was registered".
 */
export async function cancelJob(jobId: string): Promise<Job | null> {
  const job = await getJob();
  if (!job || job.id !== jobId || !isActive(job)) return job;
  if (job.inflight === 'tap-post' || job.inflight === 'open-window' || job.inflight === 'passkey-post') {
    return updateJob(jobId, 'active', (j) => ({ ...j, cancelRequested: true }));
  }
  if (job.mode === 'guided') return abandon(job, null, 'cancelled');
  const cancelled = await endAutomatic(
    job,
    ['preparing', 'waiting-for-key'],
    'cancelled',
    undefined,
    t('jobNothingRegistered'),
  );
  // The key tab may still be asking the key: closing it ends that request (recorded first, so the watcher stays quiet).
  if (job.phase === 'waiting-for-key' && cancelled.phase === 'cancelled') await closeKeyTab();
  return cancelled;
}

export function registerJobHandlers() {
  onPage('job.start', (p) =>
    startJobFor(String(p.userId), p.mode === 'guided' ? 'guided' : 'automatic', {
      displayName: typeof p.displayName === 'string' ? p.displayName : undefined,
    }),
  );
  onPage('job.current', () => getJob());
  onPage('job.cancel', (p) => cancelJob(String(p.jobId)));
  onPage('job.retry', (p) => retryRegistration(String(p.jobId)));
  onPage('job.dismiss', async (p) => (await dropJob(String(p.jobId)), null));
  onPage('job.verify', (p) => checkAgain(String(p.jobId)));
  const GUIDED_HOSTS = [...LOGIN_HOSTS, MYSIGNINS_HOST];
  onContent('guided.hello', GUIDED_HOSTS, (_p, s) => guidedHello(s.tab.id!));
  onContent('guided.tap', LOGIN_HOSTS, (p, s) => deliverTap(s.tab.id!, String(p.jobId)));
  onContent('guided.progress', GUIDED_HOSTS, (p, s) => guidedProgress(s.tab.id!, String(p.jobId), p.step));
  onContent('guided.fail', GUIDED_HOSTS, async (p, s) => (await guidedFail(s.tab.id!, String(p.jobId), p.error), null));
  onContent('guided.control', GUIDED_HOSTS, (p, s) => guidedControl(s.tab.id!, String(p.jobId), p.action));
  onContent('guided.retrySignIn', LOGIN_HOSTS, (p, s) => retrySignIn(s.tab.id!, String(p.jobId)));
  watchGuidedTabs();
  onContent('ceremony.hello', RP_HOSTS, (_p, sender) =>
    ceremonyContext(sender.tab.id!, new URL(sender.url!).hostname, sender.documentId),
  );
  onContent('ceremony.result', RP_HOSTS, async (p, sender) => {
    const job = await ceremonyResult(sender.tab.id!, String(p.jobId), p.credential, p.error);
    return job ? outcomeOf(job) : null;
  });

  // The admin closed the key tab while the key was awaited: the job ends clearly, not silently. (A guided job's
  // tab is watched by watchGuidedTabs: its end deletes the pass and signs the user out.)
  chrome.tabs.onRemoved.addListener(async (tabId) => {
    await keyTabClosed(tabId);
    const job = await getJob();
    if (job && job.mode === 'automatic' && job.tabId === tabId && job.phase === 'waiting-for-key')
      await failJob(
        job,
        {
          code: 'tab-closed',
          message: t('jobTabClosed'),
          reason: t('jobNothingRegistered'),
          action: t('jobClickProvisionAgain'),
        },
        ['waiting-for-key'],
      );
  });
}
