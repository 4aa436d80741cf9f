import { useEffect, useState } from 'preact/hooks';
import { send } from '../shared/messaging';
import { AppError, type AppErrorData } from '../shared/errors';
import type { Job, JobPhase } from '../shared/protocol';
import { ErrorView } from './ErrorView';
import { useSessionValue } from './useSessionValue';

const FINISHED = new Set<JobPhase>(['succeeded', 'failed', 'cancelled']);
const DOING: Record<JobPhase, string> = {
  preparing: 'checking with Microsoft',
  'waiting-for-key': 'waiting for the key',
  registering: 'registering the passkey with Microsoft',
  verifying: 'confirming the passkey with Microsoft Graph',
  'signing-in': 'signing in with the one-time pass',
  'security-info': 'on Microsoft\u2019s Security info page',
  'cleaning-up': 'deleting the pass and signing the user out',
  succeeded: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
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
    const t = setInterval(() => void send('job.current', null).catch(() => undefined), PING_MS);
    return () => clearInterval(t);
  }, [active, job?.id]);
  useEffect(() => setError(null), [job?.id]);
  if (!job || !active) return null;
  const fail = (e: unknown) => setError(AppError.from(e).toJSON());
  const checkable = job.mode === 'guided' && ['security-info', 'waiting-for-key', 'verifying'].includes(job.phase);
  return (
    <section class="job-banner" aria-label="Current job">
      <div class="row spread">
        <span>
          {job.mode === 'guided' ? 'Guided' : 'Automatic'}: <strong>{job.user.displayName}</strong> &mdash;{' '}
          {job.cancelRequested ? 'cancelling once Microsoft answers' : DOING[job.phase]}
        </span>
        <span class="row">
          {checkable && (
            <button
              disabled={job.phase === 'verifying'}
              onClick={() => send('job.verify', { jobId: job.id }).catch(fail)}
            >
              Check again
            </button>
          )}
          <button disabled={job.cancelRequested} onClick={() => send('job.cancel', { jobId: job.id }).catch(fail)}>
            Cancel
          </button>
        </span>
      </div>
      {error && <ErrorView error={error} />}
    </section>
  );
}
