/**
 * Writes every job to the audit trail as it changes: a record exists from the first step, so nothing is lost, not
 * even an attempt refused before the user was resolved.
 */
import type { HistoryRecord, Outcome } from '../../shared/history';
import { describeError } from '../../shared/errors';
import type { AuthState, Job } from '../../shared/protocol';
import { DURABLE_KEY, JOB_KEY } from '../jobs/store';
import { getRecord, markInterrupted, putRecord } from './history-store';

const OUTCOME: Partial<Record<Job['phase'], Outcome>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

export function recordFromJob(job: Job, admin: string, previous?: HistoryRecord): HistoryRecord {
  const p = job.result?.passkey;
  // Before Graph resolved the user (an attempt refused with 403, or throttled, on its first call) only the id the
  // job was started with is known: a queue starts by UPN, the popup by object id. No placeholder name is recorded.
  const resolved = !!job.user.userPrincipalName;
  return {
    id: job.id,
    time: job.startedAt,
    finishedAt: OUTCOME[job.phase] ? job.updatedAt : undefined,
    admin: previous?.admin || admin,
    userId: job.user.id,
    userPrincipalName: resolved ? job.user.userPrincipalName : job.user.id.includes('@') ? job.user.id : '',
    userDisplayName: resolved ? job.user.displayName : '',
    mode: job.mode,
    outcome:
      job.phase === 'failed' && job.error?.code === 'job-interrupted'
        ? 'interrupted'
        : (OUTCOME[job.phase] ?? 'running'),
    keyModel: p?.model ?? job.result?.modelName ?? null,
    aaguid: p?.aaGuid ?? null,
    passkeyName: p?.displayName ?? null,
    attestationLevel: p?.attestationLevel ?? null,
    requestIds: [...new Set(job.requestIds)],
    // Error text is built from our mapped errors, which never carry a pass or token.
    error: job.error ? describeError(job.error) : undefined,
    errorCode: job.error?.code,
    queueRunId: job.queue?.runId,
  };
}

/** The last record written per job in this worker's life: step-by-step progress that changes nothing recorded is not written again. */
const written = new Map<string, { record: HistoryRecord; json: string }>();

async function signedInAdmin(): Promise<string> {
  const auth = (await chrome.storage.session.get('auth.state'))['auth.state'] as AuthState | undefined;
  return auth?.status === 'signed-in' ? auth.account.upn : '';
}

export function watchJobsForHistory() {
  chrome.storage.session.onChanged.addListener(async (changes) => {
    const job = changes[JOB_KEY]?.newValue as Job | undefined;
    // Every attempt, also one that ends before the user is resolved (403, 429 on the first Graph call).
    if (!job?.id || !job.user?.id) return;
    // The admin is read once per job: a record written before already names them.
    const previous = written.get(job.id)?.record ?? (await getRecord(job.id));
    const record = recordFromJob(job, previous?.admin || (await signedInAdmin()), previous);
    const json = JSON.stringify(record);
    if (written.get(job.id)?.json === json) return;
    written.clear(); // one job at a time: only the current one needs remembering
    written.set(job.id, { record, json });
    await putRecord(record);
  });
}

export async function sweepInterrupted() {
  // The durable copy outlives a browser restart: its job is ended by the reconciler, with the truth, not here.
  const job = (await chrome.storage.local.get(DURABLE_KEY))[DURABLE_KEY] as Job | undefined;
  await markInterrupted(job && !OUTCOME[job.phase] ? job.id : null);
}
