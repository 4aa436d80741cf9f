import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import { graph } from './helpers.ts';

interface Page<T = Record<string, unknown>> {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: T[];
}
interface GErr {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
}
const EVENTUAL = { consistencylevel: 'eventual' };

describe('fake Graph: directory', () => {
  let fake: FakeCloud;
  let token: string;
  beforeAll(async () => {
    fake = await startFakeCloud();
    token = fake.tenant.issueAccessToken(fake.tenant.user('nestorw'));
  });
  afterAll(async () => {
    await fake.close();
  });

  it('generates 3000 users deterministically with the well-known fixtures', () => {
    expect(fake.tenant.users).toHaveLength(3000);
    const adele = fake.tenant.user('adelev@contoso.onmicrosoft.com');
    expect(adele.displayName).toBe('Adele Vance');
    expect(adele.fido2Methods).toHaveLength(1);
    expect(fake.tenant.user('pradeepg').fido2Methods).toHaveLength(10);
    expect(fake.tenant.user('miriamg').accountEnabled).toBe(false);
    const joni = fake.tenant.user('joni_fabrikam.com#EXT#@contoso.onmicrosoft.com');
    expect(joni.userType).toBe('Guest');
    expect(fake.tenant.users.filter((u) => u.userType === 'Guest').length).toBeGreaterThan(20);
    expect(fake.tenant.users.filter((u) => !u.accountEnabled).length).toBeGreaterThan(20);
    expect(new Set(fake.tenant.users.map((u) => u.userPrincipalName)).size).toBe(3000);
  });

  it('requires ConsistencyLevel: eventual for $search', async () => {
    const r = await graph(fake, token, '/v1.0/users?$search="displayName:adele"', {
      headers: { 'client-request-id': 'my-id' },
    });
    expect(r.status).toBe(400);
    const e = r.json<GErr>();
    expect(e.error.code).toBe('Request_UnsupportedQuery');
    expect(e.error.message).toBe(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
    expect(e.error.innerError['client-request-id']).toBe('my-id');
    expect(r.header('client-request-id')).toBe('my-id');
    expect(r.header('request-id')).toBe(e.error.innerError['request-id']);
    expect(r.header('x-ms-ags-diagnostic')).toContain('ServerInfo');
    expect(r.header('date')).toBeTruthy();
    expect(r.header('access-control-allow-origin')).toBe('chrome-extension://kdiehgkbondhaclbppmifhjboclgficg');
  });

  it('searches with tokenised prefix matching, OR clauses and $count', async () => {
    const q = encodeURIComponent('"displayName:adele v" OR "userPrincipalName:adele v" OR "mail:adele v"');
    const r = await graph(
      fake,
      token,
      `/v1.0/users?$search=${q}&$count=true&$select=id,displayName,userPrincipalName`,
      { headers: EVENTUAL },
    );
    expect(r.status).toBe(200);
    const body = r.json<Page<{ displayName: string; userPrincipalName: string }>>();
    expect(body['@odata.context']).toBe(
      'https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,userPrincipalName)',
    );
    expect(body.value.map((u) => u.userPrincipalName)).toContain('adelev@contoso.onmicrosoft.com');
    expect(body['@odata.count']).toBe(body.value.length);
    expect(Object.keys(body.value[0]!)).toEqual(['id', 'displayName', 'userPrincipalName']);

    const byUpn = await graph(fake, token, `/v1.0/users?$search=${encodeURIComponent('"userPrincipalName:meganb"')}`, {
      headers: EVENTUAL,
    });
    expect(byUpn.json<Page<{ displayName: string }>>().value.map((u) => u.displayName)).toEqual(['Megan Bowen']);
    const caseInsensitive = await graph(
      fake,
      token,
      `/v1.0/users?$search=${encodeURIComponent('"displayName:VANCE"')}`,
      { headers: EVENTUAL },
    );
    expect(
      caseInsensitive.json<Page<{ displayName: string }>>().value.some((u) => u.displayName === 'Adele Vance'),
    ).toBe(true);
    const guest = await graph(fake, token, `/v1.0/users?$search=${encodeURIComponent('"mail:joni@fabrikam"')}`, {
      headers: EVENTUAL,
    });
    expect(guest.json<Page<{ userPrincipalName: string }>>().value[0]!.userPrincipalName).toBe(
      'joni_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    );
    const unquoted = await graph(fake, token, '/v1.0/users?$search=displayName:adele', { headers: EVENTUAL });
    expect(unquoted.status).toBe(400);
  });

  it('answers a search over 3000 users in a few ms', async () => {
    const q = encodeURIComponent('"displayName:ma" OR "userPrincipalName:ma" OR "mail:ma"');
    await graph(fake, token, `/v1.0/users?$search=${q}&$count=true`, { headers: EVENTUAL }); // warm the token cache
    fake.requests.clear();
    for (let i = 0; i < 10; i++) {
      const r = await graph(fake, token, `/v1.0/users?$search=${q}&$count=true&$top=25`, { headers: EVENTUAL });
      expect(r.status).toBe(200);
    }
    const durations = fake.requests.entries.map((e) => e.durationMs).sort((a, b) => a - b);
    expect(durations[5]!).toBeLessThan(25);
  });

  it('pages through all users with @odata.nextLink (absolute, opaque $skiptoken)', async () => {
    const ids = new Set<string>();
    let url: string | undefined = 'https://graph.microsoft.com/v1.0/users?$select=id&$top=999';
    let pages = 0;
    while (url) {
      const r = await fake.fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(200);
      const body = r.json<Page<{ id: string }>>();
      for (const u of body.value) ids.add(u.id);
      url = body['@odata.nextLink'];
      if (url) {
        expect(url).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\?\$select=id&\$top=999&\$skiptoken=/);
        expect(url).not.toMatch(/skiptoken=\d+$/);
      }
      pages++;
    }
    expect(pages).toBe(4);
    expect(ids.size).toBe(3000);
    const def = await graph(fake, token, '/v1.0/users');
    expect(def.json<Page>().value).toHaveLength(100);
  });

  it('enforces $top 1–999 and refuses $skip', async () => {
    const big = await graph(fake, token, '/v1.0/users?$top=1000');
    expect(big.status).toBe(400);
    expect(big.json<GErr>().error.message).toBe(
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    );
    expect((await graph(fake, token, '/v1.0/users?$top=0')).status).toBe(400);
    const skip = await graph(fake, token, '/v1.0/users?$skip=10');
    expect(skip.status).toBe(400);
    expect((await graph(fake, token, '/v1.0/users?$count=true')).status).toBe(400);
  });

  it('filters with startswith / eq / or, rejects unsupported clauses, and orders by displayName', async () => {
    const f = encodeURIComponent("startswith(displayName,'Adele') or startswith(userPrincipalName,'meganb')");
    const r = await graph(fake, token, `/v1.0/users?$filter=${f}&$select=displayName`);
    expect(
      r
        .json<Page<{ displayName: string }>>()
        .value.map((u) => u.displayName)
        .sort(),
    ).toEqual(expect.arrayContaining(['Adele Vance', 'Megan Bowen']));
    const eq = await graph(
      fake,
      token,
      `/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'joni_fabrikam.com#EXT#@contoso.onmicrosoft.com'")}`,
    );
    expect(eq.json<Page>().value).toHaveLength(1);
    const byId = fake.tenant.user('leeg').id;
    expect(
      (await graph(fake, token, `/v1.0/users?$filter=${encodeURIComponent(`id eq '${byId}'`)}`)).json<Page>().value,
    ).toHaveLength(1);
    const contains = await graph(fake, token, `/v1.0/users?$filter=${encodeURIComponent("contains(displayName,'a')")}`);
    expect(contains.status).toBe(400);
    expect(contains.json<GErr>().error.code).toBe('Request_UnsupportedQuery');
    const unknownProp = await graph(fake, token, `/v1.0/users?$filter=${encodeURIComponent("city eq 'Paris'")}`);
    expect(unknownProp.json<GErr>().error.code).toBe('Request_UnsupportedQuery');
    const ends = `/v1.0/users?$filter=${encodeURIComponent("endswith(mail,'@fabrikam.com')")}`;
    expect((await graph(fake, token, ends)).status).toBe(400);
    const endsOk = await graph(fake, token, `${ends}&$count=true`, { headers: EVENTUAL });
    expect(endsOk.status).toBe(200);
    expect(endsOk.json<Page>()['@odata.count']).toBeGreaterThan(0);
    const ordered = await graph(fake, token, '/v1.0/users?$orderby=displayName&$top=50&$select=displayName');
    const names = ordered.json<Page<{ displayName: string }>>().value.map((u) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('reads single users by id or UPN with $select, and 404s unknown ones', async () => {
    const r = await graph(fake, token, '/v1.0/users/ADELEV@contoso.onmicrosoft.com?$select=id,accountEnabled,userType');
    expect(r.json<Record<string, unknown>>()).toMatchObject({ accountEnabled: true, userType: 'Member' });
    const byId = await graph(fake, token, `/beta/users/${fake.tenant.user('miriamg').id}`);
    expect(byId.json<Record<string, unknown>>()).toMatchObject({
      accountEnabled: false,
      userPrincipalName: 'miriamg@contoso.onmicrosoft.com',
    });
    const missing = await graph(fake, token, '/v1.0/users/nobody@contoso.onmicrosoft.com');
    expect(missing.status).toBe(404);
    expect(missing.json<GErr>().error.code).toBe('Request_ResourceNotFound');
    const badSelect = await graph(fake, token, '/v1.0/users/adelev@contoso.onmicrosoft.com?$select=shoeSize');
    expect(badSelect.status).toBe(400);
  });

  it('lists groups and members, checks membership', async () => {
    const g = await graph(
      fake,
      token,
      `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'Passkey pilot')")}`,
    );
    const pilot = g.json<Page<{ id: string; displayName: string }>>().value[0]!;
    expect(pilot.displayName).toBe('Passkey pilot');
    const s = await graph(fake, token, `/v1.0/groups?$search=${encodeURIComponent('"displayName:pilot"')}`, {
      headers: EVENTUAL,
    });
    expect(s.json<Page<{ id: string }>>().value.map((x) => x.id)).toContain(pilot.id);
    const members = await graph(fake, token, `/v1.0/groups/${pilot.id}/members?$select=id,userPrincipalName&$top=10`);
    const mp = members.json<Page<{ '@odata.type': string; userPrincipalName: string }>>();
    expect(mp.value[0]!['@odata.type']).toBe('#microsoft.graph.user');
    expect(mp['@odata.nextLink']).toBeTruthy();
    const all: string[] = [];
    let url: string | undefined =
      `https://graph.microsoft.com/v1.0/groups/${pilot.id}/members?$select=userPrincipalName&$top=10`;
    while (url) {
      const p: Page<{ userPrincipalName: string }> = (
        await fake.fetch(url, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      all.push(...p.value.map((u) => u.userPrincipalName));
      url = p['@odata.nextLink'];
    }
    expect(all).toEqual(
      expect.arrayContaining([
        'adelev@contoso.onmicrosoft.com',
        'meganb@contoso.onmicrosoft.com',
        'leeg@contoso.onmicrosoft.com',
        'diegos@contoso.onmicrosoft.com',
      ]),
    );
    expect(all.length).toBe(fake.tenant.fixedGroups.pilot!.members.length);

    const adele = fake.tenant.user('adelev');
    const check = await graph(fake, token, `/v1.0/users/${adele.id}/checkMemberGroups`, {
      body: { groupIds: [pilot.id, fake.tenant.fixedGroups.excluded!.id] },
    });
    expect(check.json<{ value: string[] }>().value).toEqual([pilot.id]);
    const memberOf = await graph(fake, token, `/v1.0/users/${fake.tenant.user('nestorw').id}/memberOf`);
    const types = memberOf.json<Page<{ '@odata.type': string; roleTemplateId?: string }>>().value;
    expect(
      types.some(
        (x) =>
          x['@odata.type'] === '#microsoft.graph.directoryRole' &&
          x.roleTemplateId === 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
      ),
    ).toBe(true);
  });

  it('serves the FIDO2 and TAP policy resources, and a 403 when policy reads are forbidden', async () => {
    const r = await graph(
      fake,
      token,
      '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/FIDO2',
    );
    expect(r.json<Record<string, unknown>>()).toMatchObject({
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
      id: 'Fido2',
      state: 'enabled',
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: false,
      keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
      includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false }],
      excludeTargets: [],
    });
    const tap = await graph(
      fake,
      token,
      '/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass',
    );
    expect(tap.json<Record<string, unknown>>()).toMatchObject({
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
      state: 'enabled',
      defaultLength: 8,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 10,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
    });
    fake.config.policyReadForbidden = true;
    try {
      const denied = await graph(
        fake,
        token,
        '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2',
      );
      expect(denied.status).toBe(403);
      expect(denied.json<GErr>().error.code).toBe('accessDenied');
    } finally {
      fake.config.policyReadForbidden = false;
    }
  });

  it('answers CORS preflight for the extension origin', async () => {
    const r = await fake.fetch('https://graph.microsoft.com/v1.0/users', {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,consistencylevel',
      },
    });
    expect(r.status).toBe(200);
    expect(r.header('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(r.header('access-control-allow-headers')).toBe('authorization,consistencylevel');
  });
});
