import { describe, expect, it, vi } from 'vitest';
import { mapGraphError } from '../../src/background/graph/graph-errors';
import { runBatch, type BatchRequest, type BatchResponse } from '../../src/background/graph/batch';
import { searchClause, searchPath } from '../../src/background/directory/search';

describe('Graph error mapping', () => {
  const op = 'create a Temporary Access Pass for Adele Vance';
  it('403: says what happened, why and what to do, with the request id', () => {
    const e = mapGraphError({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      requestId: 'req-1',
      operation: op,
    });
    expect(e.message).toBe(`Could not ${op}. You do not have permission.`);
    expect(e.reason).toContain('Insufficient privileges');
    expect(e.action).toMatch(/Authentication Administrator/);
    expect(e.requestId).toBe('req-1');
  });
  it('405 explains the self-provisioning rule', () => {
    expect(
      mapGraphError({
        status: 405,
        code: 'methodNotAllowed',
        message: 'The method is not supported for this URL.',
        operation: op,
      }).action,
    ).toMatch(/own account/);
  });
  it('recognises the TAP policy errors', () => {
    expect(
      mapGraphError({
        status: 400,
        code: 'badRequest',
        message:
          'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].',
        operation: op,
      }).message,
    ).toMatch(/policy does not allow/);
    expect(
      mapGraphError({
        status: 400,
        code: 'badRequest',
        message: 'Invalid LifetimeInMinutes specified. The valid range between 60 and 480.',
        operation: op,
      }).message,
    ).toMatch(/lifetime/);
    expect(
      mapGraphError({
        status: 400,
        code: 'badRequest',
        message: 'Temporary Access Pass cannot be added to an external guest user.',
        operation: op,
      }).message,
    ).toMatch(/guest/);
  });
  it('marks an expired challenge so the job can retry once', () => {
    expect(
      mapGraphError({ status: 400, code: 'badRequest', message: 'The challenge has expired.', operation: op }).code,
    ).toBe('challenge-expired');
  });
  it('network loss and throttling', () => {
    expect(mapGraphError({ status: 0, code: 'network', message: 'Failed to fetch', operation: op }).message).toMatch(
      /could not be reached/,
    );
    expect(mapGraphError({ status: 429, code: 'TooManyRequests', operation: op }).message).toMatch(/throttling/);
    expect(mapGraphError({ status: 503, code: 'serviceNotAvailable', operation: op }).message).toMatch(
      /temporary problem/,
    );
  });
});

describe('$batch with inner retries', () => {
  const reqs: BatchRequest[] = [
    { id: 'a', method: 'GET', url: '/users/1' },
    { id: 'b', method: 'GET', url: '/users/1/authentication/fido2Methods' },
    { id: 'c', method: 'GET', url: '/x', dependsOn: ['b'] },
  ];
  it('re-sends only throttled requests, after the inner Retry-After', async () => {
    const sleep = vi.fn(async () => undefined);
    const calls: string[][] = [];
    const post = async (r: BatchRequest[]): Promise<BatchResponse[]> => {
      calls.push(r.map((x) => x.id));
      if (calls.length === 1)
        return [
          { id: 'a', status: 200, body: { ok: 'a' } },
          { id: 'b', status: 429, headers: { 'Retry-After': '2' } },
          { id: 'c', status: 424 },
        ];
      return r.map((x) => ({ id: x.id, status: 200, body: { ok: x.id } }));
    };
    const out = await runBatch(reqs, post, sleep);
    expect(calls).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(sleep).toHaveBeenCalledWith(2000);
    expect([...out.values()].map((r) => r.status)).toEqual([200, 200, 200]);
  });
  it('gives up after the retry budget and returns the 429', async () => {
    const post = async (r: BatchRequest[]) => r.map((x) => ({ id: x.id, status: 503 }));
    const out = await runBatch(reqs.slice(0, 1), post, async () => undefined, 2);
    expect(out.get('a')?.status).toBe(503);
  });
  it('refuses more than 20 requests', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: '/me' }));
    await expect(runBatch(many, async () => [])).rejects.toThrow(/at most 20/);
  });
});

describe('user search', () => {
  it('searches name, UPN and mail server-side and strips characters that would break the clause', () => {
    expect(searchClause(' ad"ele\\ ')).toBe('"displayName:ad ele" OR "userPrincipalName:ad ele" OR "mail:ad ele"');
    const p = new URL(`https://graph.microsoft.com/v1.0${searchPath('adele')}`);
    expect(p.searchParams.get('$search')).toContain('displayName:adele');
    expect(p.searchParams.get('$count')).toBe('true');
    expect(Number(p.searchParams.get('$top'))).toBeLessThanOrEqual(999);
  });
});
