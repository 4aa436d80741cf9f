import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import { HANDLED, html } from '../../fake-cloud/http.ts';
import { graph } from './helpers.ts';

interface BatchResponse {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: { value?: unknown[]; error?: { code: string } };
  }[];
}

describe('fake Graph: $batch, faults, latency, control endpoint', () => {
  let fake: FakeCloud;
  let admin: string;
  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 500 });
    admin = fake.tenant.issueAccessToken(fake.tenant.user('nestorw'));
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.faults.clear();
    fake.faults.latencyMs = 0;
  });

  const ids = () => ['adelev', 'meganb', 'leeg'].map((k) => fake.tenant.user(k).id);

  it('runs up to 20 inner requests with their own headers; an inner 429 carries Retry-After', async () => {
    const [a, m, l] = ids();
    fake.faults.add({ path: `/users/${m}/authentication/fido2Methods`, status: 429, retryAfter: 7, inBatch: 'only' });
    const r = await graph(fake, admin, '/v1.0/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${a}/authentication/fido2Methods` },
          { id: '2', method: 'GET', url: `/users/${m}/authentication/fido2Methods` },
          { id: '3', method: 'GET', url: `/users/${l}/authentication/temporaryAccessPassMethods` },
          {
            id: '4',
            method: 'GET',
            url: '/users?$search="displayName:adele"&$select=id',
            headers: { ConsistencyLevel: 'eventual' },
          },
          { id: '5', method: 'GET', url: '/users?$search="displayName:adele"' },
        ],
      },
    });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.json<BatchResponse>().responses.map((x) => [x.id, x]));
    expect(byId['1']!.status).toBe(200);
    expect(byId['1']!.body!.value).toHaveLength(1);
    expect(byId['2']!.status).toBe(429);
    expect(byId['2']!.headers['Retry-After']).toBe('7');
    expect(byId['2']!.body!.error!.code).toBe('TooManyRequests');
    expect(byId['3']!.status).toBe(200);
    expect(byId['4']!.status).toBe(200);
    expect(byId['5']!.status).toBe(400);
    // Inner requests are in the log, tagged with the batch
    const inner = fake.requests.filter({ inBatch: true });
    expect(inner.filter((e) => e.status === 429)).toHaveLength(1);
    expect(inner.find((e) => e.batch?.id === '2')!.path).toBe(`/v1.0/users/${m}/authentication/fido2Methods`);
  });

  it('fails dependents with 424, rejects more than 20 requests, and works on beta', async () => {
    const [a] = ids();
    const r = await graph(fake, admin, '/beta/$batch', {
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/users/nobody@contoso.onmicrosoft.com' },
          { id: 'b', method: 'GET', url: `/users/${a}`, dependsOn: ['a'] },
          { id: 'c', method: 'GET', url: `/users/${a}/authentication/methods` },
        ],
      },
    });
    const byId = Object.fromEntries(r.json<BatchResponse>().responses.map((x) => [x.id, x]));
    expect(byId['a']!.status).toBe(404);
    expect(byId['b']!.status).toBe(424);
    expect(byId['c']!.status).toBe(200);
    const many = await graph(fake, admin, '/v1.0/$batch', {
      body: { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' })) },
    });
    expect(many.status).toBe(400);
  });

  it('injects top-level faults (status, times, skip, Retry-After, Graph envelope with CORS) and drops connections', async () => {
    fake.faults.add({ host: 'graph.microsoft.com', path: /\/me$/, status: 503, times: 2, skip: 1, retryAfter: 2 });
    expect((await graph(fake, admin, '/v1.0/me')).status).toBe(200);
    const f1 = await graph(fake, admin, '/v1.0/me');
    expect(f1.status).toBe(503);
    expect(f1.header('retry-after')).toBe('2');
    expect(f1.header('access-control-allow-origin')).toBeTruthy();
    expect(f1.json<{ error: { code: string; innerError: { 'request-id': string } } }>().error.code).toBe(
      'serviceNotAvailable',
    );
    expect((await graph(fake, admin, '/v1.0/me')).status).toBe(503);
    expect((await graph(fake, admin, '/v1.0/me')).status).toBe(200);
    expect(fake.requests.count({ path: '/v1.0/me', status: 503 })).toBe(2);

    fake.faults.add({ path: '/v1.0/me', dropConnection: true });
    await expect(graph(fake, admin, '/v1.0/me')).rejects.toThrow();
    fake.faults.add({ host: 'login.microsoftonline.com', path: '/oauth2/v2.0/token', status: 500 });
    const tokenFault = await fake.fetch('https://login.microsoftonline.com/common/oauth2/v2.0/token', { form: {} });
    expect(tokenFault.status).toBe(500);
    expect(tokenFault.json<{ error_description: string }>().error_description).toMatch(/^AADSTS\d+: /);
  });

  it('adds latency globally and per rule', async () => {
    fake.faults.latencyMs = 60;
    let t = Date.now();
    await graph(fake, admin, '/v1.0/me');
    expect(Date.now() - t).toBeGreaterThanOrEqual(55);
    fake.faults.latencyMs = 0;
    fake.faults.add({ path: '/v1.0/me', latencyMs: 80 });
    t = Date.now();
    expect((await graph(fake, admin, '/v1.0/me')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(75);
  });

  it('is controllable over HTTPS at fake-control.local', async () => {
    const ctl = (path: string, init: { method?: string; body?: object } = {}) =>
      fake.fetch(`https://fake-control.local/__control${path}`, init);
    const state = (await ctl('/state')).json<{
      port: number;
      fixedUsers: Record<string, string>;
      resolverRules: string;
    }>();
    expect(state.port).toBe(fake.port);
    expect(state.fixedUsers.authAdmin).toBe('nestorw@contoso.onmicrosoft.com');
    expect(state.resolverRules).toBe(fake.resolverRules);

    const added = await ctl('/faults', {
      method: 'POST',
      body: {
        pathRegex: '/users/[^/]+/authentication/temporaryAccessPassMethods$',
        method: 'POST',
        status: 429,
        retryAfter: 3,
      },
    });
    expect(added.status).toBe(201);
    const t = await graph(fake, admin, `/v1.0/users/${ids()[0]}/authentication/temporaryAccessPassMethods`, {
      body: {},
    });
    expect(t.status).toBe(429);
    expect(t.header('retry-after')).toBe('3');

    await ctl('/config', { method: 'PATCH', body: { creationOptionsTimeout: 0 } });
    expect(fake.config.creationOptionsTimeout).toBe(0);
    await ctl('/policies/fido2', {
      method: 'PATCH',
      body: { keyRestrictions: { isEnforced: true, aaGuids: ['01020304-0506-0708-0102-030405060708'] } },
    });
    expect(fake.tenant.policies.fido2.keyRestrictions).toEqual({
      isEnforced: true,
      enforcementType: 'block',
      aaGuids: ['01020304-0506-0708-0102-030405060708'],
    });
    await ctl('/latency', { method: 'PUT', body: { ms: 5 } });
    expect(fake.faults.latencyMs).toBe(5);

    const tap = (await ctl('/users/christiec')).json<{ tap: { secret: string; isUsable: boolean } }>();
    expect(tap.tap).toMatchObject({ secret: 'Cc7xTAPq', isUsable: true });
    const v = (
      await ctl('/tap/validate', {
        method: 'POST',
        body: { upn: 'christiec@contoso.onmicrosoft.com', secret: 'Cc7xTAPq', consume: false },
      })
    ).json<{ result: string }>();
    expect(v.result).toBe('ok');

    const log = (await ctl(`/requests?host=graph.microsoft.com&path=temporaryAccessPassMethods`)).json<{
      count: number;
      entries: { status: number }[];
    }>();
    expect(log.entries.some((e) => e.status === 429)).toBe(true);

    await ctl('/reset', { method: 'POST' });
    expect(fake.config.creationOptionsTimeout).toBe(60000);
    expect(fake.faults.latencyMs).toBe(0);
    expect(fake.tenant.policies.fido2.keyRestrictions.isEnforced).toBe(false);
    admin = fake.tenant.issueAccessToken(fake.tenant.user('nestorw'));
  });

  it('lets pages plug in per host before the built-in routes', async () => {
    fake.use('mysignins.microsoft.com', (req) =>
      req.path === '/security-info' ? html(200, '<h1>Security info</h1>') : undefined,
    );
    fake.use('login.microsoft.com', (req) => {
      if (!req.path.endsWith('/fido/create')) return undefined;
      req.raw!.res.writeHead(200, { 'content-type': 'text/plain' }).end('raw');
      return HANDLED;
    });
    expect((await fake.fetch('https://mysignins.microsoft.com/security-info')).text).toContain('Security info');
    expect((await fake.fetch('https://mysignins.microsoft.com/other')).status).toBe(404);
    expect(
      (
        await fake.fetch('https://login.microsoft.com/7f3c9a4e-1d2b-4c5a-9e8f-0a1b2c3d4e5f/fido/create', {
          method: 'POST',
        })
      ).text,
    ).toBe('raw');
    expect((await fake.fetch('https://login.microsoft.com/common/v2.0/.well-known/openid-configuration')).status).toBe(
      200,
    );
  });
});
