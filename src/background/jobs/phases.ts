/**
 * The job state machine, pure (unit-tested): which phases are final, which moves are allowed, and the guard every
 * write passes — the job id and the phases the writer expects — so a stale flow can never overwrite a newer job or
 * revive one that ended.
 */
import type { Job, JobPhase } from '../../shared/protocol';

export const FINAL: ReadonlySet<JobPhase> = new Set(['succeeded', 'failed', 'cancelled']);
export const isFinal = (phase: JobPhase) => FINAL.has(phase);
export const isActive = (job: Pick<Job, 'phase'> | null | undefined) => !!job && !FINAL.has(job.phase);

/** Allowed moves; every active phase may also be written again (progress) and may end. */
const MOVES: Record<JobPhase, readonly JobPhase[]> = {
  preparing: ['waiting-for-key', 'signing-in', 'cleaning-up'],
  'waiting-for-key': ['registering', 'security-info', 'verifying', 'cleaning-up'],
  registering: ['waiting-for-key'], // an expired challenge: the key is asked once more
  'signing-in': ['security-info', 'waiting-for-key', 'verifying', 'cleaning-up'],
  'security-info': ['waiting-for-key', 'verifying', 'cleaning-up'],
  verifying: ['security-info', 'cleaning-up'],
  'cleaning-up': [],
  succeeded: [],
  failed: ['registering'], // only "Retry registration" of a retryable failure (see canMove)
  cancelled: [],
};

/** Whether `to` may follow `from`. Ended jobs stay ended, except a retryable failed POST the admin retries. */
export function canMove(from: Pick<Job, 'phase' | 'retryable'>, to: JobPhase): boolean {
  if (isFinal(from.phase)) return from.phase === 'failed' && to === 'registering' && from.retryable === true;
  return to === from.phase || isFinal(to) || MOVES[from.phase].includes(to);
}

/** What a writer expects: its job, in one of these phases ('active' = any phase that has not ended). */
export type Expect = readonly JobPhase[] | 'active';

/** Why a guarded write is refused, or null when it may go ahead. */
export function refusal(current: Job | null, jobId: string, expect: Expect, to: JobPhase): string | null {
  if (!current) return 'no job';
  if (current.id !== jobId) return 'another job';
  if (expect === 'active' ? !isActive(current) : !expect.includes(current.phase)) return `phase is ${current.phase}`;
  if (!canMove(current, to)) return `${current.phase} cannot become ${to}`;
  return null;
}

/**
 * Phases in which the job waits for an event (the key, a content script's report, the admin): any worker may take
 * them up. A job with `inflight` set waits on its owner's own call; if that owner is gone, the reconciler ends it.
 */
export function isOrphan(job: Job, worker: string): boolean {
  return isActive(job) && !!job.inflight && job.owner !== worker;
}
