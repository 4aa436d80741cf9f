/**
 * Job state in chrome.storage.session: survives the popup closing and the service worker stopping,
 * never reaches disk. `job.current` is what pages show; `job.ceremony` is the live ceremony's data
 * (Graph's creation options, a credential awaiting its POST) and is removed when the job ends.
 */
import type { Job, JobPhase, JobStep } from '../../shared/protocol';
import type { CreationOptionsJSON, RegistrationJSON } from '../provisioning/creation-options';
import type { KeyRestrictions } from '../../shared/policy';

export const JOB_KEY = 'job.current';
export const CEREMONY_KEY = 'job.ceremony';

export interface Ceremony {
  jobId: string;
  rpId: string;
  publicKey: CreationOptionsJSON;
  challengeExpires: number;
  policy: { keyRestrictions?: KeyRestrictions; isAttestationEnforced?: boolean } | null;
  retriedChallenge: boolean;
  /** A credential the key created whose POST has not succeeded yet (network loss): retried on request. */
  pendingCredential?: RegistrationJSON;
}

export async function getJob(): Promise<Job | null> {
  return ((await chrome.storage.session.get(JOB_KEY))[JOB_KEY] as Job | undefined) ?? null;
}

export async function putJob(job: Job): Promise<Job> {
  job.updatedAt = Date.now();
  await chrome.storage.session.set({ [JOB_KEY]: job });
  return job;
}

export async function getCeremony(jobId: string): Promise<Ceremony | null> {
  const c = (await chrome.storage.session.get(CEREMONY_KEY))[CEREMONY_KEY] as Ceremony | undefined;
  return c?.jobId === jobId ? c : null;
}

/** The job and its ceremony in one read (the content script's report needs both). */
export async function getJobAndCeremony(): Promise<{ job: Job | null; ceremony: Ceremony | null }> {
  const got = await chrome.storage.session.get([JOB_KEY, CEREMONY_KEY]);
  const job = (got[JOB_KEY] as Job | undefined) ?? null;
  const c = (got[CEREMONY_KEY] as Ceremony | undefined) ?? null;
  return { job, ceremony: job && c?.jobId === job.id ? c : null };
}

/** The job and its ceremony in one write. */
export async function putJobWithCeremony(job: Job, c: Ceremony): Promise<Job> {
  job.updatedAt = Date.now();
  await chrome.storage.session.set({ [JOB_KEY]: job, [CEREMONY_KEY]: c });
  return job;
}

export const putCeremony = (c: Ceremony) => chrome.storage.session.set({ [CEREMONY_KEY]: c });
export const dropCeremony = () => chrome.storage.session.remove(CEREMONY_KEY);

/** Marks `id` active; earlier steps done. Pure. */
export function advance(steps: JobStep[], id: string): JobStep[] {
  const i = steps.findIndex((s) => s.id === id);
  return steps.map((s, j) => ({ ...s, state: j < i ? (s.state === 'skipped' ? 'skipped' : 'done') : j === i ? 'active' : 'pending' }));
}

export function finishSteps(steps: JobStep[], phase: JobPhase): JobStep[] {
  if (phase === 'succeeded') return steps.map((s) => ({ ...s, state: s.state === 'skipped' ? 'skipped' : 'done' }));
  return steps.map((s) => (s.state === 'active' ? { ...s, state: 'failed' } : s));
}
