import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobStep } from '../../src/shared/protocol';
import { testJob } from './support/job';

/** chrome.storage.session and .local as maps that outlive the "worker" (the module instance). */
const areas = { session: new Map<string, unknown>(), local: new Map<string, unknown>() };
let reads = 0;
const storageArea = (area: Map<string, unknown>) => ({
  get: async (keys: string | string[]) => {
    reads++;
    await new Promise((r) => setTimeout(r, 1)); // a real round trip: callers interleave
    return Object.fromEntries(
      [keys]
        .flat()
        .filter((k) => area.has(k))
        .map((k) => [k, structuredClone(area.get(k))]),
    );
  },
  set: async (items: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(items)) area.set(k, structuredClone(v));
  },
  remove: async (keys: string | string[]) => {
    for (const k of [keys].flat()) area.delete(k);
  },
});
(globalThis as unknown as { chrome: unknown }).chrome = {
  storage: { session: storageArea(areas.session), local: storageArea(areas.local) },
};

/** A fresh worker: the module (and its memory) starts again; storage stays. */
const worker = async () => {
  vi.resetModules();
  return import('../../src/background/jobs/store');
};

const job = testJob;
const ceremony = {
  jobId: 'j1',
  rpId: 'login.microsoft.com',
  publicKey: {} as never,
  challengeExpires: 1,
  policy: null,
  retriedChallenge: false,
};

beforeEach(() => {
  areas.session.clear();
  areas.local.clear();
  reads = 0;
});

describe('job state', () => {
  it('is read from storage once per worker, then served from memory', async () => {
    const store = await worker();
    await store.claimJob(job());
    await store.updateJob('j1', ['preparing'], (j) => ({ ...j, phase: 'waiting-for-key' }), ceremony);
    const before = reads;
    const { job: j, ceremony: c } = await store.getJobAndCeremony();
    expect(j?.phase).toBe('waiting-for-key');
    expect(c?.rpId).toBe('login.microsoft.com');
    expect(reads).toBe(before); // no storage read on the hot path
  });

  it('survives the worker stopping, and a browser restart through the durable copy (no ceremony there)', async () => {
    const old = await worker();
    await old.claimJob(job());
    await old.updateJob(
      'j1',
      'active',
      (j) => ({ ...j, phase: 'waiting-for-key', handles: { before: ['p1'] } }),
      ceremony,
    );
    const fresh = await worker();
    expect((await fresh.getJobAndCeremony()).ceremony?.jobId).toBe('j1');
    areas.session.clear(); // the browser restarts
    const restarted = await worker();
    const { job: j, ceremony: c } = await restarted.getJobAndCeremony();
    expect(j?.handles?.before).toEqual(['p1']);
    expect(c).toBeNull();
    expect(JSON.stringify([...areas.local.values()])).not.toContain('publicKey');
  });

  it('hands out copies: changing a returned object changes neither memory nor storage', async () => {
    const store = await worker();
    await store.claimJob(job());
    const got = (await store.getJob())!;
    got.phase = 'cancelled';
    expect((await store.getJob())!.phase).toBe('preparing');
    expect((areas.session.get('job.current') as Job).phase).toBe('preparing');
  });

  it('two starts reaching a cold worker together: exactly one claims', async () => {
    const store = await worker();
    const results = await Promise.allSettled([store.claimJob(job({ id: 'a' })), store.claimJob(job({ id: 'b' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(store.JobRunning);
    expect((await store.getJob())!.id).toBe(
      (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Job>).value.id,
    );
  });

  it('a job id is claimed once, even after it ended', async () => {
    const store = await worker();
    await store.claimJob(job());
    await store.updateJob('j1', 'active', (j) => ({ ...j, phase: 'failed' }));
    await expect(store.claimJob(job())).rejects.toBeInstanceOf(store.JobRunning);
    await expect(store.claimJob(job({ id: 'j2' }))).resolves.toMatchObject({ id: 'j2' });
  });

  it('a stale flow cannot overwrite a newer job, nor revive an ended one', async () => {
    const store = await worker();
    await store.claimJob(job());
    await store.updateJob('j1', 'active', (j) => ({ ...j, phase: 'cancelled' }));
    // the old flow's POST answers late
    expect(await store.updateJob('j1', ['registering'], (j) => ({ ...j, phase: 'succeeded' }))).toBeNull();
    expect(await store.updateJob('j1', 'active', (j) => ({ ...j, phase: 'waiting-for-key' }))).toBeNull();
    await store.claimJob(job({ id: 'j2', user: { id: 'v', displayName: 'V', userPrincipalName: 'v@x' } }));
    expect(await store.updateJob('j1', 'active', (j) => ({ ...j, phase: 'failed' }))).toBeNull();
    expect((await store.getJob())!).toMatchObject({ id: 'j2', phase: 'preparing' });
    expect((areas.local.get('job.durable') as Job).id).toBe('j2');
  });

  it('records the writing worker as owner (how the reconciler knows a flow lost its worker)', async () => {
    const store = await worker();
    const claimed = await store.claimJob(job());
    expect(claimed.owner).toBe(store.WORKER);
    const next = await worker();
    expect(next.WORKER).not.toBe(store.WORKER);
  });

  it('dismiss drops only an ended job, from both copies', async () => {
    const store = await worker();
    await store.claimJob(job());
    await store.dropJob('j1');
    expect(await store.getJob()).not.toBeNull();
    await store.updateJob('j1', 'active', (j) => ({ ...j, phase: 'succeeded' }), null);
    await store.dropJob('j1');
    expect(await store.getJob()).toBeNull();
    expect(areas.session.has('job.current') || areas.local.has('job.durable')).toBe(false);
  });

  it('gives a ceremony only to its own job', async () => {
    const store = await worker();
    await store.claimJob(job({ id: 'j2' }));
    await store.updateJob('j2', 'active', (j) => j, ceremony); // a ceremony left from j1
    expect((await store.getJobAndCeremony()).ceremony).toBeNull();
    expect(await store.getCeremony('j2')).toBeNull();
  });
});

describe('job steps', () => {
  const steps: JobStep[] = ['check', 'options', 'key', 'model', 'register'].map((id) => ({
    id,
    label: id,
    state: 'pending',
  }));
  it('advance: earlier steps done, this one active, later ones pending; skipped stays skipped', async () => {
    const { advance } = await worker();
    const s = advance(
      steps.map((x) => (x.id === 'options' ? { ...x, state: 'skipped' as const } : x)),
      'key',
    );
    expect(s.map((x) => x.state)).toEqual(['done', 'skipped', 'active', 'pending', 'pending']);
  });
  it('finish: all done on success; the active step failed otherwise', async () => {
    const { advance, finishSteps } = await worker();
    const s = advance(steps, 'model');
    expect(finishSteps(s, 'succeeded').map((x) => x.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(finishSteps(s, 'failed').map((x) => x.state)).toEqual(['done', 'done', 'done', 'failed', 'pending']);
  });
});
