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
  openedTab: boolean;
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
