/**
 * Job state in chrome.storage.session: survives the popup closing and the service worker stopping,
 * never reaches disk. `job.current` is what pages show; `job.ceremony` is the live ceremony's data
 * (Graph's creation options, a credential awaiting its POST) and is removed when the job ends.
 */
import type { Job, JobPhase, JobStep } from '../../shared/protocol';
import type { CreationOptionsJSON, RegistrationJSON } from '../provisioning/creation-options';
import type { UserKeyPolicy } from '../../shared/policy';

export const JOB_KEY = 'job.current';
export const CEREMONY_KEY = 'job.ceremony';

export interface Ceremony {
  jobId: string;
  rpId: string;
  publicKey: CreationOptionsJSON;
  challengeExpires: number;
  /** The passkey profiles that apply to the user (shared/policy keyPolicyForUser): the pre-POST key check. */
  policy: UserKeyPolicy | null;
  retriedChallenge: boolean;
  /** A credential the key created whose POST has not succeeded yet (network loss): retried on request. */
  pendingCredential?: RegistrationJSON;
}

/**
 * The worker's copy of what is stored, so the hot path (a content script's report, the next job) does not wait on a
 * storage read. Every write goes through here and updates it first; after a worker restart it is read back once.
 * Copies in and out, so a caller changing its object changes neither.
 */
let mirror: { job: Job | null; ceremony: Ceremony | null } | undefined;

async function state() {
  if (!mirror) {
    const got = await chrome.storage.session.get([JOB_KEY, CEREMONY_KEY]);
    mirror ??= {
      job: (got[JOB_KEY] as Job | undefined) ?? null,
      ceremony: (got[CEREMONY_KEY] as Ceremony | undefined) ?? null,
    };
  }
  return mirror;
}
const copy = <T>(v: T): T => (v === null || v === undefined ? v : structuredClone(v));

export async function getJob(): Promise<Job | null> {
  return copy((await state()).job);
}

export async function putJob(job: Job): Promise<Job> {
  job.updatedAt = Date.now();
  (await state()).job = copy(job);
  await chrome.storage.session.set({ [JOB_KEY]: job });
  return job;
}

export async function dropJob(): Promise<void> {
  (await state()).job = null;
  await chrome.storage.session.remove(JOB_KEY);
}

export async function getCeremony(jobId: string): Promise<Ceremony | null> {
  const c = (await state()).ceremony;
  return c?.jobId === jobId ? copy(c) : null;
}

/** The job and its ceremony together (the content script's report needs both). */
export async function getJobAndCeremony(): Promise<{ job: Job | null; ceremony: Ceremony | null }> {
  const { job, ceremony: c } = await state();
  return { job: copy(job), ceremony: job && c?.jobId === job.id ? copy(c) : null };
}

/** The job and its ceremony in one write. */
export async function putJobWithCeremony(job: Job, c: Ceremony): Promise<Job> {
  job.updatedAt = Date.now();
  Object.assign(await state(), { job: copy(job), ceremony: copy(c) });
  await chrome.storage.session.set({ [JOB_KEY]: job, [CEREMONY_KEY]: c });
  return job;
}

export async function putCeremony(c: Ceremony): Promise<void> {
  (await state()).ceremony = copy(c);
  await chrome.storage.session.set({ [CEREMONY_KEY]: c });
}

export async function dropCeremony(): Promise<void> {
  (await state()).ceremony = null;
  await chrome.storage.session.remove(CEREMONY_KEY);
}

/** Marks `id` active; earlier steps done. Pure. */
export function advance(steps: JobStep[], id: string): JobStep[] {
  const i = steps.findIndex((s) => s.id === id);
  return steps.map((s, j) => ({
    ...s,
    state: j < i ? (s.state === 'skipped' ? 'skipped' : 'done') : j === i ? 'active' : 'pending',
  }));
}

export function finishSteps(steps: JobStep[], phase: JobPhase): JobStep[] {
  if (phase === 'succeeded') return steps.map((s) => ({ ...s, state: s.state === 'skipped' ? 'skipped' : 'done' }));
  return steps.map((s) => (s.state === 'active' ? { ...s, state: 'failed' } : s));
}
