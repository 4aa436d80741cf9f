import { describe, expect, it } from 'vitest';
import {
  addUsers,
  current,
  emptyQueue,
  nextPending,
  patchItem,
  progress,
  removeUser,
  retryFailed,
  type QueueState,
} from '../../src/shared/queue';
import { parseUpnCsv } from '../../src/shared/csv-import';

const user = (n: string) => ({ id: `id-${n}`, displayName: n, userPrincipalName: `${n}@contoso.com` });

describe('the queue', () => {
  it('adds users once, reporting duplicates, and reopens a finished run', () => {
    let q: QueueState = { ...emptyQueue('run1'), status: 'done' };
    const r = addUsers(q, [user('a'), user('b'), user('a')]);
    expect(r).toMatchObject({ added: 2, duplicates: 1 });
    expect(r.queue.status).toBe('idle');
    q = addUsers(r.queue, [user('b'), user('c')]).queue;
    expect(q.items.map((i) => i.displayName)).toEqual(['a', 'b', 'c']);
    expect(q.items.every((i) => i.status === 'pending')).toBe(true);
  });

  it('runs pending users in order, and never removes the one running', () => {
    let q = addUsers(emptyQueue('r'), [user('a'), user('b')]).queue;
    expect(nextPending(q)?.displayName).toBe('a');
    q = patchItem(q, 'id-a', { status: 'running', startedAt: 0 });
    expect(current(q)?.displayName).toBe('a');
    expect(nextPending(q)?.displayName).toBe('b');
    expect(removeUser(q, 'id-a').items).toHaveLength(2);
    expect(removeUser(q, 'id-b').items.map((i) => i.displayName)).toEqual(['a']);
  });

  it('retries only the failed users, clearing their error', () => {
    let q = addUsers(emptyQueue('r'), [user('a'), user('b'), user('c')]).queue;
    q = patchItem(q, 'id-a', { status: 'succeeded' });
    q = patchItem(q, 'id-b', { status: 'failed', error: 'boom', jobId: 'j' });
    q = patchItem({ ...q, status: 'done' }, 'id-c', { status: 'skipped' });
    const r = retryFailed(q);
    expect(r.items.map((i) => i.status)).toEqual(['succeeded', 'pending', 'skipped']);
    expect(r.items[1]).not.toHaveProperty('error', 'boom');
    expect(r.status).toBe('idle');
  });

  it('counts progress and estimates the time left from finished users', () => {
    let q = addUsers(emptyQueue('r'), [user('a'), user('b'), user('c'), user('d')]).queue;
    expect(progress(q)).toMatchObject({ total: 4, done: 0, pending: 4, etaMs: undefined });
    q = patchItem(q, 'id-a', { status: 'succeeded', startedAt: 0, finishedAt: 10_000 });
    q = patchItem(q, 'id-b', { status: 'failed', startedAt: 10_000, finishedAt: 30_000 });
    q = patchItem(q, 'id-c', { status: 'running', startedAt: 30_000 });
    expect(progress(q)).toEqual({ total: 4, done: 2, succeeded: 1, failed: 1, skipped: 0, pending: 2, etaMs: 30_000 });
  });
});

describe('CSV of user principal names', () => {
  it('finds the UPN column by its header anywhere in the row', () => {
    const r = parseUpnCsv(
      'name,UserPrincipalName,dept\nMegan,meganb@contoso.com,Sales\n"Gu, Lee",leeg@contoso.com,"R&D, West"\n',
    );
    expect(r.upns).toEqual([
      { line: 2, upn: 'meganb@contoso.com' },
      { line: 3, upn: 'leeg@contoso.com' },
    ]);
    expect(r.errors).toEqual([]);
  });
  it('takes a bare list (no header), with a byte-order mark and CRLF line ends', () => {
    const r = parseUpnCsv('\uFEFFmeganb@contoso.com\r\nleeg@contoso.com\r\n');
    expect(r.upns.map((u) => u.upn)).toEqual(['meganb@contoso.com', 'leeg@contoso.com']);
  });
  it('assumes an unknown header names the first column', () => {
    expect(parseUpnCsv('Account\nmeganb@contoso.com').upns).toEqual([{ line: 2, upn: 'meganb@contoso.com' }]);
  });
  it('reports each bad row by its line and keeps the rest', () => {
    const r = parseUpnCsv(
      ['upn', 'meganb@contoso.com', 'not-an-upn', '', ' ', 'MeganB@contoso.com', 'leeg@contoso.com'].join('\n'),
    );
    expect(r.upns.map((u) => u.line)).toEqual([2, 7]);
    expect(r.errors).toEqual([
      { line: 3, message: '"not-an-upn" is not a user principal name (name@domain).' },
      { line: 6, message: 'MeganB@contoso.com is already on line 2.' },
    ]);
  });
  it('says when a row has no UPN in the named column', () => {
    expect(parseUpnCsv('name,upn\nMegan,\n').errors).toEqual([
      { line: 2, message: 'No user principal name in this row.' },
    ]);
  });
});
