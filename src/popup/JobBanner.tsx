import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { Job, JobPhase } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { useSessionValue } from './useSessionValue';
import { t, type MessageKey } from '../shared/i18n';
import { withPart } from './rich';

type FinishedPhase = 'succeeded' | 'failed' | 'cancelled';
const FINISHED = new Set<JobPhase>(['succeeded', 'failed', 'cancelled']);
/** The banner's sentence per phase of an active job ("Guided: Adele Vance — waiting for the key"); finished jobs
 * have no banner. */
const DOING: Record<Exclude<JobPhase, FinishedPhase>, MessageKey> = {
  preparing: 'popupJobPreparing',
  'waiting-for-key': 'popupJobWaitingForKey',
  registering: 'popupJobRegistering',
  verifying: 'popupJobVerifying',
  'signing-in': 'popupJobSigningIn',
  'security-info': 'popupJobSecurityInfo',
  'cleaning-up': 'popupJobCleaningUp',
};
/** While a job is active the popup asks the service worker now and then: a worker that died is replaced, and the
 * new one's reconciler ends a job its predecessor left in the middle of a call. */
const PING_MS = 4000;

/** The current job, in every view: who, where it is, and Cancel (and "Check again" while a guided key is registered). */
export function JobBanner() {
  const job = useSessionValue<Job | null>('job.current', null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const active = !!job && !FINISHED.has(job.phase);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void send('job.current', null).catch(() => undefined), PING_MS);
    return () => clearInterval(timer);
  }, [active, job?.id]);
  useEffect(() => setError(null), [job?.id]);
  if (!job || !active) return null;
  const fail = (e: unknown) => setError(AppError.from(e).toJSON());
  const checkable = job.mode === 'guided' && ['security-info', 'waiting-for-key', 'verifying'].includes(job.phase);
  return (
    <section class="job-banner" aria-label={t('popupCurrentJob')}>
      <div class="row spread">
        <span>
          {withPart(
            (name) =>
              t(
                job.cancelRequested ? 'popupJobCancelling' : DOING[job.phase as Exclude<JobPhase, FinishedPhase>],
                t(job.mode === 'guided' ? 'popupModeGuided' : 'popupModeAutomatic'),
                name,
              ),
            <strong>{job.user.displayName}</strong>,
          )}
        </span>
        <span class="row">
          {checkable && (
            <button
              disabled={job.phase === 'verifying'}
              onClick={() => send('job.verify', { jobId: job.id }).catch(fail)}
            >
              {t('popupCheckAgain')}
            </button>
          )}
          <button disabled={job.cancelRequested} onClick={() => send('job.cancel', { jobId: job.id }).catch(fail)}>
            {t('popupCancel')}
          </button>
        </span>
      </div>
      {error && <ErrorView error={error} />}
    </section>
  );
}
