/** Job handlers for pages and content scripts; one job at a time, whatever the popup does. */
import { AppError } from '../../shared/errors';
import type { Job, Mode } from '../../shared/protocol';
import { onContent, onPage } from '../router';
import {
  AUTOMATIC_STEPS,
  ceremonyContext,
  ceremonyResult,
  failJob,
  retryRegistration,
  startAutomatic,
  type AutomaticOptions,
} from './automatic';
import { outcomeOf } from './outcome';
import { closeKeyTab, keyTabClosed } from './ceremony-tab';
import { dropCeremony, dropJob, finishSteps, getJob, putJob } from './store';
import {
  abandon,
  deliverTap,
  guidedControl,
  guidedFail,
  guidedHello,
  guidedProgress,
  LOGIN_HOSTS,
  MYSIGNINS_HOST,
  retrySignIn,
  startGuided,
  verify,
  watchGuidedTabs,
} from './guided';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
export const RP_HOSTS = ['login.microsoft.com', 'login.microsoftonline.com'];

function newJob(userId: string, mode: Mode): Job {
  const now = Date.now();
  return {
    id: crypto.randomUUID(),
    mode,
    user: { id: userId, displayName: 'the user', userPrincipalName: '' },
    phase: 'preparing',
    steps: AUTOMATIC_STEPS.map((s) => ({ ...s })),
    startedAt: now,
    updatedAt: now,
    requestIds: [],
  };
}

/** One job at a time, whoever starts it (the popup or the queue). */
export async function startJobFor(
  userId: string,
  mode: Mode,
  opts: AutomaticOptions & { queue?: Job['queue'] } = {},
): Promise<Job> {
  const current = await getJob();
  if (current && !FINISHED.has(current.phase))
    throw new AppError({
      code: 'job-running',
      message: `A job for ${current.user.displayName} is still running.`,
      action: 'Finish or cancel it first.',
    });
  const job = { ...newJob(userId, mode), queue: opts.queue };
  return mode === 'guided' ? startGuided(job) : startAutomatic(job, opts);
}

export async function cancelJob(jobId: string): Promise<Job | null> {
  const job = await getJob();
  if (!job || job.id !== jobId || FINISHED.has(job.phase)) return job;
  if (job.mode === 'guided') return abandon(job, null, 'cancelled');
  await dropCeremony();
  const cancelled = await putJob({
    ...job,
    phase: 'cancelled',
    prompt: undefined,
    retryable: false,
    steps: finishSteps(job.steps, 'cancelled'),
  });
  // The key tab may still be asking the key: closing it ends that request (recorded first, so the watcher stays quiet).
  if (job.phase === 'waiting-for-key') await closeKeyTab();
  return cancelled;
}

export function registerJobHandlers() {
  onPage('job.start', (p) => startJobFor(String(p.userId), p.mode === 'guided' ? 'guided' : 'automatic'));
  onPage('job.current', () => getJob());
  onPage('job.cancel', (p) => cancelJob(String(p.jobId)));
  onPage('job.retry', (p) => retryRegistration(String(p.jobId)));
  onPage('job.dismiss', async (p) => {
    const job = await getJob();
    if (job?.id === p.jobId && FINISHED.has(job.phase)) await dropJob();
    return null;
  });
  onPage('job.verify', async (p) => {
    const job = await getJob();
    if (!job || job.id !== p.jobId || job.mode !== 'guided' || FINISHED.has(job.phase))
      throw new AppError({ code: 'nothing-to-verify', message: 'There is no guided job to check.' });
    return verify(job, 2);
  });
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

  // The admin closed the Microsoft tab while the key was awaited: the job ends clearly, not silently.
  chrome.tabs.onRemoved.addListener(async (tabId) => {
    await keyTabClosed(tabId);
    const job = await getJob();
    if (job && job.tabId === tabId && job.phase === 'waiting-for-key')
      await failJob(job, {
        code: 'tab-closed',
        message: 'The Microsoft tab was closed before the key answered.',
        reason: 'Nothing was registered.',
        action: 'Click "Provision passkey" to start again.',
      });
  });
}
