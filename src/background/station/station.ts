/**
 * The provisioning station: the queue (persisted in storage.local — users and statuses only, never a
 * secret — so it survives the popup, the worker and a browser restart), its runner, group and CSV import,
 * passkey management and the history view.
 */
import { CLOUDS } from '../../shared/clouds';
import { parseUpnCsv } from '../../shared/csv-import';
import { AppError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type { Job, Mode, UserSummary } from '../../shared/protocol';
import {
  addUsers,
  current,
  emptyQueue,
  nextPending,
  patchItem,
  removeUser,
  retryFailed,
  type QueueState,
} from '../../shared/queue';
import { USER_SELECT } from '../directory/search';
import { batch, graph, Trace } from '../graph/client';
import { getRecord, listRecords } from '../history/history-store';
import { onPage } from '../router';
import { loadSettings } from '../settings-store';
import { cancelJob, jobRunning, startJobFor } from '../jobs/jobs';
import { isActive } from '../jobs/phases';
import { getJob, JOB_KEY } from '../jobs/store';

const QUEUE_KEY = 'queue';
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export async function getQueue(): Promise<QueueState> {
  return (
    ((await chrome.storage.local.get(QUEUE_KEY))[QUEUE_KEY] as QueueState | undefined) ??
    emptyQueue(crypto.randomUUID())
  );
}
const putQueue = async (q: QueueState) => (await chrome.storage.local.set({ [QUEUE_KEY]: q }), q);

/** Serialises queue updates: storage events and page requests can arrive together. */
let chain: Promise<unknown> = Promise.resolve();
function update<T>(fn: (q: QueueState) => Promise<[QueueState, T]> | [QueueState, T]): Promise<T> {
  const run = chain.then(async () => {
    const [q, out] = await fn(await getQueue());
    await putQueue(q);
    return out;
  });
  chain = run.catch(() => undefined);
  return run;
}
const updateQueue = (fn: (q: QueueState) => Promise<QueueState> | QueueState) =>
  update(async (q) => {
    const n = await fn(q);
    return [n, n] as [QueueState, QueueState];
  });

const pick = (u: UserSummary): UserSummary => ({
  id: u.id,
  displayName: u.displayName,
  userPrincipalName: u.userPrincipalName,
  mail: u.mail ?? null,
  accountEnabled: u.accountEnabled,
  userType: u.userType ?? null,
});

async function groupMembers(groupId: string): Promise<UserSummary[]> {
  const out: UserSummary[] = [];
  let path: string | undefined =
    `/groups/${encodeURIComponent(groupId)}/members/microsoft.graph.user?$select=${USER_SELECT}&$top=999`;
  while (path) {
    const page: { value: UserSummary[]; '@odata.nextLink'?: string } = await graph({
      path,
      headers: { ConsistencyLevel: 'eventual' },
      operation: t('stationOpListGroupMembers'),
    });
    out.push(...page.value.map(pick));
    path = page['@odata.nextLink'];
  }
  return out;
}

async function resolveUpns(
  upns: { line: number; upn: string }[],
): Promise<{ users: UserSummary[]; errors: { line: number; message: string }[] }> {
  const users: UserSummary[] = [];
  const errors: { line: number; message: string }[] = [];
  for (let i = 0; i < upns.length; i += 20) {
    const chunk = upns.slice(i, i + 20);
    const res = await batch(
      chunk.map((u, j) => ({
        id: String(j),
        method: 'GET' as const,
        url: `/users/${encodeURIComponent(u.upn)}?$select=${USER_SELECT}`,
      })),
      t('stationOpLookUpCsvUsers'),
      new Trace(),
    );
    chunk.forEach((u, j) => {
      const r = res.get(String(j));
      if (r && r.status === 200) users.push(pick(r.body as UserSummary));
      else if (r?.status === 404) errors.push({ line: u.line, message: t('stationCsvUnknownUser', u.upn) });
      else errors.push({ line: u.line, message: t('stationCsvLookupFailed', u.upn, r?.status ?? '?') });
    });
  }
  return { users, errors };
}

/**
 * Starts the next pending user, unless paused or waiting for the admin's "new key" confirmation (guided). The item
 * is written "running" with the job's id before the job starts: a worker that stops in between leaves an item whose
 * job never existed (the reconciler puts it back to pending), never a user run twice.
 */
async function runNext(q: QueueState): Promise<QueueState> {
  if (q.status !== 'running' || current(q)) return q;
  const next = nextPending(q);
  if (!next) return { ...q, status: 'done', awaitingKeyFor: undefined };
  if (q.mode === 'guided' && q.awaitingKeyFor !== next.userId && q.items.some((i) => i.status === 'succeeded'))
    return {
      ...q,
      awaitingKeyFor: next.userId,
      notice: t('stationInsertNewKey', next.displayName),
    };
  const previous = q.runCredentials.at(-1);
  const jobId = crypto.randomUUID();
  q = patchItem({ ...q, awaitingKeyFor: undefined, notice: undefined }, next.userId, {
    status: 'running',
    jobId,
    startedAt: Date.now(),
    error: undefined,
  });
  await putQueue(q);
  let job: Job;
  try {
    job = await startJobFor(next.userId, q.mode, {
      jobId,
      displayName: next.displayName,
      queue: { runId: q.runId, previousKeyOwner: previous?.displayName },
      extraExclude: q.runCredentials.map((c) => c.credentialId),
    });
  } catch (e) {
    const now = await getJob();
    if (now?.id === jobId) return FINISHED.has(now.phase) ? settle(q, now) : q; // started after all
    return {
      ...patchItem(q, next.userId, { status: 'pending', jobId: undefined, startedAt: undefined }),
      status: 'paused',
      notice: AppError.from(e).message,
    };
  }
  return FINISHED.has(job.phase) ? settle(q, job) : q;
}

/**
 * After a worker or browser restart: the running item's job is settled from what is known — the current job, or the
 * audit record of one that ended unseen; an item whose job never started goes back to pending. Then the queue runs on.
 */
export async function reconcileQueue(): Promise<void> {
  await updateQueue(async (q) => {
    const item = current(q);
    if (!item) return q.status === 'running' ? runNext(q) : q;
    const job = await getJob();
    if (job && job.id === item.jobId) return isActive(job) ? q : runNext(settle(q, job));
    const record = item.jobId ? await getRecord(item.jobId).catch(() => undefined) : undefined;
    if (!record) {
      q = patchItem(q, item.userId, { status: 'pending', jobId: undefined, startedAt: undefined });
      return runNext(q);
    }
    const status =
      record.outcome === 'succeeded' ? 'succeeded' : record.outcome === 'cancelled' ? 'skipped' : ('failed' as const);
    q = patchItem(q, item.userId, {
      status,
      finishedAt: record.finishedAt ?? Date.now(),
      error: status === 'failed' ? (record.error ?? t('stationInterrupted')) : undefined,
      passkeyName: record.passkeyName ?? undefined,
    });
    return runNext(q);
  });
}

/** A queued job ended: record it on its item and move on (or pause when the same key came back). */
function settle(q: QueueState, job: Job): QueueState {
  const item = q.items.find((i) => i.jobId === job.id);
  if (!item || item.status !== 'running') return q;
  if (job.error?.code === 'key-reused') {
    return {
      ...patchItem(q, item.userId, { status: 'pending', jobId: undefined, error: job.error.message }),
      status: 'paused',
      notice: job.error.message,
    };
  }
  const status = job.phase === 'succeeded' ? 'succeeded' : job.phase === 'cancelled' ? 'skipped' : 'failed';
  q = patchItem(q, item.userId, {
    status,
    finishedAt: Date.now(),
    error: job.error?.message,
    passkeyName: job.result?.passkey.displayName,
  });
  if (job.result?.credentialId)
    q = {
      ...q,
      runCredentials: [
        ...q.runCredentials,
        { credentialId: job.result.credentialId, userId: item.userId, displayName: item.displayName },
      ],
    };
  return q;
}

export function registerStation() {
  onPage('queue.get', () => getQueue());
  onPage('queue.add', (p) =>
    update((q) => {
      const r = addUsers(q, (p.users ?? []).map(pick));
      return [r.queue, r];
    }),
  );
  onPage('queue.addGroup', async (p) => {
    const members = await groupMembers(String(p.groupId));
    return update((q) => {
      const r = addUsers(q, members);
      return [r.queue, r];
    });
  });
  onPage('queue.importCsv', async (p) => {
    const parsed = parseUpnCsv(String(p.text ?? '').slice(0, 2_000_000));
    const { users, errors } = await resolveUpns(parsed.upns);
    const all = [...parsed.errors, ...errors].sort((a, b) => a.line - b.line);
    return update((q) => {
      const r = addUsers(q, users);
      return [r.queue, { ...r, errors: all }];
    });
  });
  onPage('queue.remove', (p) => updateQueue((q) => removeUser(q, String(p.userId))));
  onPage('queue.clear', () =>
    updateQueue(async (q) => {
      const running = current(q);
      const job = await getJob();
      if (running && job?.id === running.jobId && isActive(job))
        throw new AppError({
          code: 'queue-running',
          message: t('stationClearRunning'),
          action: t('stationClearAction'),
        });
      return emptyQueue(crypto.randomUUID());
    }),
  );
  onPage('queue.start', (p) =>
    updateQueue(async (q) => {
      const mode: Mode = p.mode === 'guided' ? 'guided' : 'automatic';
      const job = await getJob();
      if (job && isActive(job)) throw jobRunning(job);
      const fresh =
        q.status === 'done' || q.status === 'idle'
          ? {
              ...q,
              runId: q.status === 'done' ? crypto.randomUUID() : q.runId,
              runCredentials: q.status === 'done' ? [] : q.runCredentials,
            }
          : q;
      return runNext({ ...fresh, mode, status: 'running', notice: undefined });
    }),
  );
  onPage('queue.pause', () =>
    updateQueue((q) =>
      q.status === 'running' ? { ...q, status: 'paused', notice: current(q) ? t('stationPausing') : undefined } : q,
    ),
  );
  onPage('queue.resume', () =>
    updateQueue((q) => (q.status === 'paused' ? runNext({ ...q, status: 'running', notice: undefined }) : q)),
  );
  onPage('queue.keyReady', () => updateQueue((q) => (q.awaitingKeyFor ? runNext({ ...q, notice: undefined }) : q)));
  onPage('queue.retryFailed', () =>
    updateQueue((q) => (q.status === 'done' ? runNext({ ...retryFailed(q), status: 'running' }) : retryFailed(q))),
  );
  onPage('queue.skip', () =>
    updateQueue(async (q) => {
      const running = current(q);
      const job = await getJob();
      if (running?.jobId && job?.id === running.jobId && isActive(job)) {
        await cancelJob(running.jobId); // settles through the job watcher (as "skipped", or the truth if it landed)
        return q;
      }
      if (running) {
        // Its job is gone (a restart) or ended unseen: settle the item now and go on.
        q =
          job && job.id === running.jobId
            ? settle(q, job)
            : patchItem(q, running.userId, { status: 'skipped', finishedAt: Date.now() });
        return runNext(q);
      }
      const next = nextPending(q);
      return next
        ? runNext(
            patchItem({ ...q, awaitingKeyFor: undefined }, next.userId, { status: 'skipped', finishedAt: Date.now() }),
          )
        : q;
    }),
  );

  onPage('groups.search', async (p) => {
    const q = String(p.query ?? '')
      .replace(/["\\]/g, ' ')
      .trim();
    if (!q) return [];
    const r = await graph<{ value: { id: string; displayName: string }[] }>({
      path: `/groups?$search=${encodeURIComponent(`"displayName:${q}"`)}&$select=id,displayName&$top=15`,
      headers: { ConsistencyLevel: 'eventual' },
      operation: t('stationOpSearchGroups'),
    });
    return r.value.map((g) => ({ id: g.id, displayName: g.displayName }));
  });
  onPage('history.list', async (f) => ({
    records: await listRecords(f ?? {}),
    adminCenter: CLOUDS[(await loadSettings()).settings.cloud].adminCenter,
  }));
  onPage('passkeys.delete', async (p) => {
    await graph({
      method: 'DELETE',
      path: `/users/${encodeURIComponent(String(p.userId))}/authentication/fido2Methods/${encodeURIComponent(String(p.passkeyId))}`,
      operation: t('stationOpDeletePasskey'),
    });
    return null;
  });
  onPage('tap.revoke', async (p) => {
    await graph({
      method: 'DELETE',
      path: `/users/${encodeURIComponent(String(p.userId))}/authentication/temporaryAccessPassMethods/${encodeURIComponent(String(p.tapId))}`,
      operation: t('stationOpRevokeTap'),
    });
    return null;
  });

  // A queued job changed: settle it and start the next one. Storage events wake the worker like any event.
  chrome.storage.session.onChanged.addListener((changes) => {
    const job = changes[JOB_KEY]?.newValue as Job | undefined;
    if (!job?.queue || !FINISHED.has(job.phase)) return;
    // Record the outcome first (the progress the admin sees, kept if the worker stops), then start the next user.
    void updateQueue((q) => (q.runId === job.queue!.runId ? settle(q, job) : q)).then((q) =>
      q.runId === job.queue!.runId ? updateQueue(runNext) : q,
    );
  });
}
