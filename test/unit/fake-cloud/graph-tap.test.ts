import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import { defaultPolicies } from '../../fake-cloud/policies.ts';
import { graph } from './helpers.ts';

interface Tap {
  id: string;
  temporaryAccessPass: string | null;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  isUsable: boolean;
  methodUsabilityReason: string;
}
interface GErr {
  error: { code: string; message: string };
}

describe('fake Graph: Temporary Access Pass', () => {
  let fake: FakeCloud;
  let admin: string;
  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 100 });
    admin = fake.tenant.issueAccessToken(fake.tenant.user('nestorw'));
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.tenant.policies = defaultPolicies();
  });
  const tapUrl = (key: string) =>
    `/v1.0/users/${encodeURIComponent(fake.tenant.user(key).id)}/authentication/temporaryAccessPassMethods`;

  it('creates a TAP whose secret is only returned once, replaces it, and deletes it', async () => {
    const r = await graph(fake, admin, tapUrl('meganb'), { body: { isUsableOnce: true, lifetimeInMinutes: 60 } });
    expect(r.status).toBe(201);
    const tap = r.json<Tap>();
    expect(tap.temporaryAccessPass).toMatch(/^\S{8}$/);
    expect(tap).toMatchObject({
      lifetimeInMinutes: 60,
      isUsableOnce: true,
      isUsable: true,
      methodUsabilityReason: 'EnabledByPolicy',
    });
    const list = await graph(fake, admin, tapUrl('meganb'));
    const listed = list.json<{ value: Tap[] }>().value;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.temporaryAccessPass).toBeNull();
    expect(listed[0]!.id).toBe(tap.id);

    const second = (await graph(fake, admin, tapUrl('meganb'), { body: {} })).json<Tap>();
    expect(second.id).not.toBe(tap.id);
    expect(second.lifetimeInMinutes).toBe(60);
    expect(second.isUsableOnce).toBe(false);
    expect((await graph(fake, admin, tapUrl('meganb'))).json<{ value: Tap[] }>().value.map((t) => t.id)).toEqual([
      second.id,
    ]);
    expect((await graph(fake, admin, `${tapUrl('meganb')}/${tap.id}`)).status).toBe(404);

    const del = await graph(fake, admin, `${tapUrl('meganb')}/${second.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(fake.tenant.user('meganb').tap).toBeNull();
  });

  it('reports NotYetValid, Expired and OneTimeUsed, and validateTap() consumes a one-time pass', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const later = (
      await graph(fake, admin, tapUrl('leeg'), { body: { startDateTime: future, lifetimeInMinutes: 60 } })
    ).json<Tap>();
    expect(later).toMatchObject({ isUsable: false, methodUsabilityReason: 'NotYetValid' });
    expect(fake.tenant.validateTap('leeg@contoso.onmicrosoft.com', later.temporaryAccessPass!).result).toBe(
      'not-yet-valid',
    );

    const once = (
      await graph(fake, admin, tapUrl('leeg'), { body: { isUsableOnce: true, lifetimeInMinutes: 10 } })
    ).json<Tap>();
    expect(fake.tenant.validateTap('leeg@contoso.onmicrosoft.com', 'wrong-secret').result).toBe('not-found');
    expect(fake.tenant.validateTap('LEEG@contoso.onmicrosoft.com', once.temporaryAccessPass!).result).toBe('ok');
    expect(fake.tenant.validateTap('leeg@contoso.onmicrosoft.com', once.temporaryAccessPass!).result).toBe('used');
    const used = (await graph(fake, admin, tapUrl('leeg'))).json<{ value: Tap[] }>().value[0]!;
    expect(used.methodUsabilityReason).toBe('OneTimeUsed');

    const multi = (await graph(fake, admin, tapUrl('leeg'), { body: { lifetimeInMinutes: 10 } })).json<Tap>();
    fake.tenant.advanceTime(11 * 60_000);
    expect(fake.tenant.validateTap('leeg@contoso.onmicrosoft.com', multi.temporaryAccessPass!).result).toBe('expired');
    expect((await graph(fake, admin, tapUrl('leeg'))).json<{ value: Tap[] }>().value[0]!.methodUsabilityReason).toBe(
      'Expired',
    );
    // The fixture with an expired TAP
    expect(fake.tenant.validateTap('henriettam@contoso.onmicrosoft.com', 'Hm3xTAPz').result).toBe('expired');
  });

  it('refuses lifetimes outside the policy, multi-use when the policy forces one-time, guests and policy-disabled users', async () => {
    const bad = await graph(fake, admin, tapUrl('diegos'), { body: { lifetimeInMinutes: 481 } });
    expect(bad.status).toBe(400);
    expect(bad.json<GErr>().error.message).toBe(
      'Invalid LifetimeInMinutes specified. The valid range between 10 and 480.',
    );
    fake.tenant.policies.temporaryAccessPass.minimumLifetimeInMinutes = 60;
    expect(
      (await graph(fake, admin, tapUrl('diegos'), { body: { lifetimeInMinutes: 30 } })).json<GErr>().error.message,
    ).toBe('Invalid LifetimeInMinutes specified. The valid range between 60 and 480.');
    fake.tenant.policies.temporaryAccessPass.isUsableOnce = true;
    expect(
      (await graph(fake, admin, tapUrl('diegos'), { body: { isUsableOnce: false, lifetimeInMinutes: 60 } })).status,
    ).toBe(400);
    const forcedOnce = (await graph(fake, admin, tapUrl('diegos'), { body: { lifetimeInMinutes: 60 } })).json<Tap>();
    expect(forcedOnce.isUsableOnce).toBe(true);

    const guest = await graph(
      fake,
      admin,
      `/v1.0/users/${encodeURIComponent('joni_fabrikam.com#EXT#@contoso.onmicrosoft.com')}/authentication/temporaryAccessPassMethods`,
      { body: {} },
    );
    expect(guest.status).toBe(400);
    expect(guest.json<GErr>().error.message).toBe('Temporary Access Pass cannot be added to an external guest user.');

    fake.tenant.policies.temporaryAccessPass.state = 'disabled';
    const off = await graph(fake, admin, tapUrl('diegos'), { body: {} });
    expect(off.status).toBe(400);
    expect(off.json<GErr>().error.message).toBe(
      'Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [TemporaryAccessPass].',
    );
    fake.tenant.policies = defaultPolicies();
    fake.tenant.policies.temporaryAccessPass.excludeTargets = [
      { targetType: 'group', id: fake.tenant.fixedGroups.pilot!.id },
    ];
    expect((await graph(fake, admin, tapUrl('diegos'), { body: {} })).status).toBe(400);
  });

  it('enforces roles and self: no TAP for yourself, Authentication Administrators cannot touch admins', async () => {
    const self = await graph(fake, admin, '/v1.0/me/authentication/temporaryAccessPassMethods', { body: {} });
    expect(self.status).toBe(fake.config.selfTapError.status);
    const priv = await graph(fake, admin, tapUrl('pattif'), { body: {} });
    expect(priv.status).toBe(403);
    expect(priv.json<GErr>().error.code).toBe('Authorization_RequestDenied');
    const patti = fake.tenant.issueAccessToken(fake.tenant.user('pattif'));
    expect((await graph(fake, patti, tapUrl('nestorw'), { body: {} })).status).toBe(201);
    const reader = fake.tenant.issueAccessToken(fake.tenant.user('alexw'));
    expect((await graph(fake, reader, tapUrl('adelev'))).status).toBe(200);
    expect((await graph(fake, reader, tapUrl('adelev'), { body: {} })).status).toBe(403);
    const noScope = fake.tenant.issueAccessToken(fake.tenant.user('nestorw'), ['User.Read']);
    expect((await graph(fake, noScope, tapUrl('adelev'), { body: {} })).status).toBe(403);
  });
});
