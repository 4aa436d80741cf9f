import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobStep } from '../../src/shared/protocol';

/** chrome.storage.session as a map that outlives the "worker" (the module instance). */
const area = new Map<string, unknown>();
let reads = 0;
(globalThis as unknown as { chrome: unknown }).chrome = {
  storage: {
    session: {
      get: async (keys: string | string[]) => {
        reads++;
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
    },
  },
};

/** A fresh worker: the module (and its memory) starts again; storage stays. */
const worker = async () => {
  vi.resetModules();
  return import('../../src/background/jobs/store');
};

const job = (over: Partial<Job> = {}): Job => ({
  id: 'j1',
  mode: 'automatic',
  user: { id: 'u', displayName: 'U', userPrincipalName: 'u@x' },
  phase: 'preparing',
  steps: [],
  startedAt: 0,
  updatedAt: 0,
  requestIds: [],
  ...over,
});
const ceremony = {
  jobId: 'j1',
  rpId: 'login.microsoft.com',
  publicKey: {} as never,
  challengeExpires: 1,
  policy: null,
  retriedChallenge: false,
};

beforeEach(() => {
  area.clear();
  reads = 0;
});

describe('job state', () => {
  it('is read from storage once per worker, then served from memory', async () => {
    const store = await worker();
    await store.putJobWithCeremony(job({ phase: 'waiting-for-key' }), ceremony);
    const before = reads;
    const { job: j, ceremony: c } = await store.getJobAndCeremony();
    expect(j?.phase).toBe('waiting-for-key');
    expect(c?.rpId).toBe('login.microsoft.com');
    expect(reads).toBe(before); // no storage read on the hot path
  });

  it('survives the worker stopping: a new worker reads what the old one wrote', async () => {
    const old = await worker();
    await old.putJobWithCeremony(job({ phase: 'waiting-for-key' }), ceremony);
    const fresh = await worker();
    const { job: j, ceremony: c } = await fresh.getJobAndCeremony();
    expect(j?.phase).toBe('waiting-for-key');
    expect(c?.jobId).toBe('j1');
  });

  it('hands out copies: changing a returned or stored object changes neither memory nor storage', async () => {
    const store = await worker();
    const mine = job({ phase: 'registering' });
    await store.putJob(mine);
    mine.phase = 'failed';
    const got = (await store.getJob())!;
    got.phase = 'cancelled';
    expect((await store.getJob())!.phase).toBe('registering');
    expect((area.get('job.current') as Job).phase).toBe('registering');
  });

  it('drops the ceremony and the job from memory and storage alike', async () => {
    const store = await worker();
    await store.putJobWithCeremony(job(), ceremony);
    await store.dropCeremony();
    expect((await store.getJobAndCeremony()).ceremony).toBeNull();
    expect(area.has('job.ceremony')).toBe(false);
    await store.dropJob();
    expect(await store.getJob()).toBeNull();
    expect(area.has('job.current')).toBe(false);
  });

  it('gives a ceremony only to its own job', async () => {
    const store = await worker();
    await store.putJobWithCeremony(job({ id: 'j2' }), ceremony); // a ceremony left from j1
    expect((await store.getJobAndCeremony()).ceremony).toBeNull();
    expect(await store.getCeremony('j2')).toBeNull();
    expect(await store.getCeremony('j1')).not.toBeNull();
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
