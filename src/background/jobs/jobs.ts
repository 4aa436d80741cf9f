/** Job handlers for pages and content scripts; one job at a time, whatever the popup does. */
import { AppError } from '../../shared/errors';
import type { Job, Mode } from '../../shared/protocol';
import { onContent, onPage } from '../router';
import { AUTOMATIC_STEPS, ceremonyContext, ceremonyResult, failJob, retryRegistration, startAutomatic } from './automatic';
import { dropCeremony, finishSteps, getCeremony, getJob, putJob, JOB_KEY } from './store';

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

export async function startJob(userId: string, mode: Mode): Promise<Job> {
  const current = await getJob();
  if (current && !FINISHED.has(current.phase))
    throw new AppError({ code: 'job-running', message: `A job for ${current.user.displayName} is still running.`, action: 'Finish or cancel it first.' });
  if (mode !== 'automatic')
    throw new AppError({ code: 'mode-unavailable', message: 'Guided mode is not available in this version.', action: 'Use Automatic mode.' });
  return startAutomatic(newJob(userId, mode));
}

export async function cancelJob(jobId: string): Promise<Job | null> {
  const job = await getJob();
  if (!job || job.id !== jobId || FINISHED.has(job.phase)) return job;
  const c = await getCeremony(job.id);
  if (job.tabId !== undefined && c?.openedTab) await chrome.tabs.remove(job.tabId).catch(() => undefined);
  await dropCeremony();
  return putJob({ ...job, phase: 'cancelled', prompt: undefined, retryable: false, steps: finishSteps(job.steps, 'cancelled') });
}

export function registerJobHandlers() {
  onPage('job.start', (p) => startJob(String(p.userId), p.mode === 'guided' ? 'guided' : 'automatic'));
  onPage('job.current', () => getJob());
  onPage('job.cancel', (p) => cancelJob(String(p.jobId)));
  onPage('job.retry', (p) => retryRegistration(String(p.jobId)));
  onPage('job.dismiss', async (p) => {
    const job = await getJob();
    if (job?.id === p.jobId && FINISHED.has(job.phase)) await chrome.storage.session.remove(JOB_KEY);
    return null;
  });
  onContent('ceremony.hello', RP_HOSTS, (_p, sender) => ceremonyContext(sender.tab.id!, new URL(sender.url!).hostname));
  onContent('ceremony.result', RP_HOSTS, async (p, sender) => {
    await ceremonyResult(sender.tab.id!, String(p.jobId), p.credential, p.error);
    return null;
  });

  // The admin closed the Microsoft tab while the key was awaited: the job ends clearly, not silently.
  chrome.tabs.onRemoved.addListener(async (tabId) => {
    const job = await getJob();
    if (job && job.tabId === tabId && job.phase === 'waiting-for-key')
      await failJob(job, { code: 'tab-closed', message: 'The Microsoft tab was closed before the key answered.', reason: 'Nothing was registered.', action: 'Click "Provision passkey" to start again.' });
  });
}

/** After a service worker restart nothing needs re-arming: state is in storage and the next event continues it. */
export async function resumeJobs() {}
