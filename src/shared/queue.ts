/**
 * The provisioning station's queue: pure state transitions (unit-tested); the service worker persists the
 * state and runs one job at a time. Holds no secrets: users, statuses, credential ids created in the run.
 */
import type { Mode, UserSummary } from './protocol';

export type ItemStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface QueueItem {
  userId: string;
  userPrincipalName: string;
  displayName: string;
  status: ItemStatus;
  jobId?: string;
  error?: string;
  passkeyName?: string;
  startedAt?: number;
  finishedAt?: number;
}

export interface RunCredential {
  credentialId: string;
  userId: string;
  displayName: string;
}

export interface QueueState {
  runId: string;
  mode: Mode;
  status: 'idle' | 'running' | 'paused' | 'done';
  items: QueueItem[];
  /** Credentials created earlier in this run: excluded on later users so one key cannot take two users' passkeys. */
  runCredentials: RunCredential[];
  /** Why the queue paused by itself (e.g. the same key again). */
  notice?: string;
  /** Guided mode: the admin confirms a new key is in before each user. */
  awaitingKeyFor?: string;
}

export const emptyQueue = (runId: string): QueueState => ({
  runId,
  mode: 'automatic',
  status: 'idle',
  items: [],
  runCredentials: [],
});

export function addUsers(
  q: QueueState,
  users: UserSummary[],
): { queue: QueueState; added: number; duplicates: number } {
  const known = new Set(q.items.map((i) => i.userId));
  const fresh: QueueItem[] = [];
  let duplicates = 0;
  for (const u of users) {
    if (known.has(u.id)) {
      duplicates++;
      continue;
    }
    known.add(u.id);
    fresh.push({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, status: 'pending' });
  }
  return {
    queue: { ...q, items: [...q.items, ...fresh], status: q.status === 'done' ? 'idle' : q.status },
    added: fresh.length,
    duplicates,
  };
}

export const removeUser = (q: QueueState, userId: string): QueueState => ({
  ...q,
  items: q.items.filter((i) => i.userId !== userId || i.status === 'running'),
});

export const nextPending = (q: QueueState) => q.items.find((i) => i.status === 'pending');
export const current = (q: QueueState) => q.items.find((i) => i.status === 'running');

export function patchItem(q: QueueState, userId: string, patch: Partial<QueueItem>): QueueState {
  return { ...q, items: q.items.map((i) => (i.userId === userId ? { ...i, ...patch } : i)) };
}

export function retryFailed(q: QueueState): QueueState {
  return {
    ...q,
    status: q.status === 'done' ? 'idle' : q.status,
    items: q.items.map((i) =>
      i.status === 'failed' ? { ...i, status: 'pending', error: undefined, jobId: undefined } : i,
    ),
  };
}

export interface Progress {
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  skipped: number;
  pending: number;
  /** Estimated ms left, from the average of finished users; undefined until one finished. */
  etaMs?: number;
}

export function progress(q: QueueState): Progress {
  const count = (s: ItemStatus) => q.items.filter((i) => i.status === s).length;
  const finished = q.items.filter(
    (i) =>
      (i.status === 'succeeded' || i.status === 'failed') && i.startedAt !== undefined && i.finishedAt !== undefined,
  );
  const avg = finished.length
    ? finished.reduce((a, i) => a + (i.finishedAt! - i.startedAt!), 0) / finished.length
    : undefined;
  const pending = count('pending') + count('running');
  const p = {
    total: q.items.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    skipped: count('skipped'),
    pending,
  };
  return {
    ...p,
    done: p.succeeded + p.failed + p.skipped,
    etaMs: avg === undefined ? undefined : Math.round(avg * pending),
  };
}
