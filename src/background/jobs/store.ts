/**
 * Job state. `job.current` in chrome.storage.session is what pages show; the same job (ids and words, never a
 * secret) is kept in storage.local as `job.durable`, so a browser restart or an extension update still knows which
 * pass, window, session and passkey a job may have left behind. `job.ceremony` (Graph's options, a credential
 * awaiting its POST) stays in session storage only and is removed when the job ends.
 *
 * Every write of a job is guarded (`updateJob`): the job id and the phases the writer expects are checked against
 * the worker's copy and the copy changed in the same synchronous step, so two flows can never both win.
 */
import type { Job, JobPhase, JobStep } from '../../shared/protocol';
import type { CreationOptionsJSON, RegistrationJSON } from '../provisioning/creation-options';
import type { UserKeyPolicy } from '../../shared/policy';
import { isActive, refusal, type Expect } from './phases';

export const JOB_KEY = 'job.current';
export const DURABLE_KEY = 'job.durable';
export const CEREMONY_KEY = 'job.ceremony';

/** This service worker's life: a job in flight owned by another worker has lost its owner. */
export const WORKER = crypto.randomUUID();

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
 * storage read. Every write goes through here and updates it first; after a worker restart it is read back once
 * (session storage, or after a browser restart the durable copy). Copies in and out.
 */
interface Mirror {
  job: Job | null;
  ceremony: Ceremony | null;
}
let loading: Promise<Mirror> | undefined;

function state(): Promise<Mirror> {
  loading ??= (async () => {
    const [s, l] = await Promise.all([
      chrome.storage.session.get([JOB_KEY, CEREMONY_KEY]),
      chrome.storage.local.get(DURABLE_KEY),
    ]);
    return {
      job: ((s[JOB_KEY] ?? l[DURABLE_KEY]) as Job | undefined) ?? null,
      ceremony: (s[CEREMONY_KEY] as Ceremony | undefined) ?? null,
    };
  })();
  return loading;
}
const copy = <T>(v: T): T => (v === null || v === undefined ? v : structuredClone(v));

/** Both copies of the job (and the ceremony when given), issued together; storage keeps each area's call order. */
function write(job: Job | null, ceremony?: Ceremony | null): Promise<unknown> {
  const session: Record<string, unknown> = {};
  const out: Promise<unknown>[] = [];
  if (job) session[JOB_KEY] = job;
  if (ceremony) session[CEREMONY_KEY] = ceremony;
  if (Object.keys(session).length) out.push(chrome.storage.session.set(session));
  if (ceremony === null) out.push(chrome.storage.session.remove(CEREMONY_KEY));
  if (job) out.push(chrome.storage.local.set({ [DURABLE_KEY]: job }));
  return Promise.all(out);
}

export async function getJob(): Promise<Job | null> {
  return copy((await state()).job);
}

export class JobRunning extends Error {
  constructor(readonly job: Job) {
    super('job-running');
  }
}

/**
 * Starts `job` unless another job is active: check and claim in one synchronous step on the worker's copy, so two
 * starts reaching a cold worker together cannot both run (the loser gets JobRunning with the job that won).
 */
export async function claimJob(job: Job): Promise<Job> {
  const s = await state();
  // The same id twice (a queue's start repeated) is refused too: a job runs once, even if it already ended.
  if (isActive(s.job) || s.job?.id === job.id) throw new JobRunning(copy(s.job!));
  const stored = { ...job, owner: WORKER, updatedAt: Date.now() };
  s.job = copy(stored);
  s.ceremony = null;
  await write(stored, null);
  return stored;
}

/**
 * The guarded write: `change` gets the current job and returns its next state; it is written only when the current
 * job is `jobId` in a phase of `expect` and the move is allowed. Null when refused (the caller's flow is stale).
 * `ceremony` is written alongside (null removes it). The check and the copy's change happen without an await between.
 * Resolves once both copies are written.
 */
export async function updateJob(
  jobId: string,
  expect: Expect,
  change: (job: Job) => Job,
  ceremony?: Ceremony | null,
): Promise<Job | null> {
  const done = await commitJob(jobId, expect, change, ceremony);
  if (!done) return null;
  await done.written;
  return done.job;
}

const written = new Set<() => void>();
/** Resolves at the next write of a job in this worker (or after `ms`): for a report that came a moment early. */
export function nextJobWrite(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (written.delete(done), clearTimeout(timer), resolve());
    const timer = setTimeout(done, ms);
    written.add(done);
  });
}

/** `updateJob` for the hot path: resolves as soon as the write is decided and issued (storage keeps call order). */
export async function commitJob(
  jobId: string,
  expect: Expect,
  change: (job: Job) => Job,
  ceremony?: Ceremony | null,
): Promise<{ job: Job; written: Promise<unknown> } | null> {
  const s = await state();
  const current = s.job;
  if (!current || current.id !== jobId) return null;
  const next = change(copy(current));
  if (refusal(current, jobId, expect, next.phase)) return null;
  next.updatedAt = Date.now();
  next.owner = WORKER;
  s.job = copy(next);
  if (ceremony !== undefined) s.ceremony = copy(ceremony);
  for (const w of [...written]) w();
  return { job: copy(next), written: write(next, ceremony) };
}

/** Removes an ended job from both copies (the popup's "dismiss"). */
export async function dropJob(jobId: string): Promise<void> {
  const s = await state();
  if (!s.job || s.job.id !== jobId || isActive(s.job)) return;
  s.job = null;
  await Promise.all([chrome.storage.session.remove(JOB_KEY), chrome.storage.local.remove(DURABLE_KEY)]);
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

/** Replaces the ceremony of `jobId` (only while that job is the current one). */
export async function putCeremony(c: Ceremony): Promise<void> {
  const s = await state();
  if (s.job?.id !== c.jobId) return;
  s.ceremony = copy(c);
  await chrome.storage.session.set({ [CEREMONY_KEY]: c });
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
