/**
 * The recorder writes every attempt, also one that ends before the user is resolved (Graph's 403 or 429 on the
 * first call): the audit-relevant refusals are in the history, with what is known of the user and the request id.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRecord } from '../../src/shared/history';
import type { Job } from '../../src/shared/protocol';

const stored = new Map<string, HistoryRecord>();
vi.mock('../../src/background/history/history-store', () => ({
  getRecord: async (id: string) => stored.get(id),
  putRecord: async (r: HistoryRecord) => void stored.set(r.id, structuredClone(r)),
  markInterrupted: async () => 0,
}));

type Listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => Promise<void>;
const listeners: Listener[] = [];
(globalThis as unknown as { chrome: unknown }).chrome = {
  storage: {
    session: {
      get: async () => ({
        'auth.state': { status: 'signed-in', account: { upn: 'nestorw@contoso.onmicrosoft.com' } },
      }),
      onChanged: { addListener: (l: Listener) => listeners.push(l) },
    },
  },
};
const { watchJobsForHistory } = await import('../../src/background/history/recorder');
watchJobsForHistory();
const write = async (job: Job) => {
  for (const l of listeners) await l({ 'job.current': { newValue: job } });
};

/** A job as the engine writes it before Graph has named the user. */
const unresolved = (over: Partial<Job>): Job => ({
  id: crypto.randomUUID(),
  mode: 'automatic',
  user: { id: '0b1c2d3e-aaaa-4bbb-8ccc-123456789abc', displayName: 'the user', userPrincipalName: '' },
  phase: 'preparing',
  steps: [],
  startedAt: 1000,
  updatedAt: 1000,
  requestIds: [],
  ...over,
});

/** First-call failures an auditor must see. */
const EARLY_FAILURES = [
  { status: 403, code: 'graph:Authorization_RequestDenied', requestId: 'rid-403' },
  { status: 429, code: 'graph:TooManyRequests', requestId: 'rid-429' },
  { status: 404, code: 'graph:Request_ResourceNotFound', requestId: 'rid-404' },
];

describe('history of attempts that fail before the user is resolved', () => {
  beforeEach(() => stored.clear());

  it.each(EARLY_FAILURES)('records the $status refusal as failed, with its request id', async (f) => {
    const job = unresolved({});
    await write(job); // the first step
    await write({
      ...job,
      phase: 'failed',
      updatedAt: 2000,
      requestIds: [f.requestId],
      error: { code: f.code, message: `Graph answered ${f.status}.`, requestId: f.requestId },
    });
    const r = stored.get(job.id)!;
    expect(r).toMatchObject({
      outcome: 'failed',
      userId: job.user.id,
      userPrincipalName: '',
      userDisplayName: '', // no placeholder name in the audit trail
      errorCode: f.code,
      requestIds: [f.requestId],
      admin: 'nestorw@contoso.onmicrosoft.com',
      finishedAt: 2000,
    });
  });

  it('names the user by the UPN a queue started the job with', async () => {
    const job = unresolved({
      user: { id: 'meganb@contoso.onmicrosoft.com', displayName: 'the user', userPrincipalName: '' },
    });
    await write({ ...job, phase: 'failed', error: { code: 'graph:TooManyRequests', message: 'Throttled.' } });
    expect(stored.get(job.id)).toMatchObject({
      userPrincipalName: 'meganb@contoso.onmicrosoft.com',
      outcome: 'failed',
    });
  });

  it('fills in the user once resolved, in the same record', async () => {
    const job = unresolved({});
    await write(job);
    expect(stored.get(job.id)?.outcome).toBe('running');
    const user = { id: job.user.id, displayName: 'Megan Bowen', userPrincipalName: 'meganb@contoso.onmicrosoft.com' };
    await write({ ...job, user, phase: 'succeeded', updatedAt: 3000 });
    expect(stored.size).toBe(1);
    expect(stored.get(job.id)).toMatchObject({ userDisplayName: 'Megan Bowen', outcome: 'succeeded' });
  });
});
