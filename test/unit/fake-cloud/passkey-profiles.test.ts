/** The fake's passkey profiles: the policy resource in v1.0 and beta, and POST fido2Methods deciding like Entra. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import { defaultPolicies, DEFAULT_PROFILE_ID } from '../../fake-cloud/policies.ts';
import { YUBIKEY_5_AAGUIDS } from '../../fake-cloud/tenant.ts';
import { createCredential, graph, registrationBody } from './helpers.ts';

const CDP = '01020304-0506-0708-0102-030405060708';
const YUBI = YUBIKEY_5_AAGUIDS[1]!;
const POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2';

describe('fake Graph: passkey profiles', () => {
  let fake: FakeCloud;
  let admin: string;
  beforeAll(async () => {
    fake = await startFakeCloud({ userCount: 300 });
    admin = fake.tenant.issueAccessToken(fake.tenant.user('nestorw'));
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.tenant.policies = defaultPolicies();
  });

  async function register(nick: string, aaguid: string, fmt?: 'none') {
    const user = fake.tenant.user(nick);
    const o = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods/creationOptions`);
    if (o.status !== 200) return { status: o.status, message: o.json<{ error: { message: string } }>().error.message };
    const challenge = o.json<{ publicKey: { challenge: string } }>().publicKey.challenge;
    const r = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge, aaguid, ...(fmt ? { fmt } : {}) })),
    });
    return { status: r.status, message: r.status >= 400 ? r.json<{ error: { message: string } }>().error.message : '' };
  }

  it.each(['v1.0', 'beta'])('shows the profiles and each target’s allowedPasskeyProfiles in %s', async (v) => {
    const profiles = fake.tenant.usePasskeyProfiles('three-profiles');
    const r = await graph(fake, admin, `/${v}${POLICY}`);
    expect(r.status).toBe(200);
    const body = r.json<{
      passkeyProfiles: { id: string; name: string; passkeyTypes: string; attestationEnforcement: string }[];
      defaultPasskeyProfile: string;
      includeTargets: { id: string; allowedPasskeyProfiles: string[] }[];
    }>();
    expect(body.passkeyProfiles.map((p) => [p.name, p.passkeyTypes, p.attestationEnforcement])).toEqual([
      ['Default passkey profile', 'deviceBound,synced', 'disabled'],
      ['Frontline keys', 'deviceBound', 'registrationOnly'],
      ['Phones only', 'synced', 'disabled'],
    ]);
    expect(body.defaultPasskeyProfile).toBe(DEFAULT_PROFILE_ID);
    expect(body.includeTargets[0]!.allowedPasskeyProfiles).toEqual([profiles.frontline!.id]);
  });

  it('auto-enabled tenant: the default profile takes any key, attested or not', async () => {
    fake.tenant.usePasskeyProfiles('auto-enabled');
    expect(await register('adelev', CDP, 'none')).toMatchObject({ status: 201 });
  });

  it('three profiles: each user gets the profiles of their groups; exclusion wins', async () => {
    fake.tenant.usePasskeyProfiles('three-profiles');
    const cases: [nick: string, aaguid: string, status: number, message?: RegExp][] = [
      ['meganb', CDP, 400, /Frontline keys.*AAGUID/], // pilot: YubiKey 5 only
      ['meganb', YUBI, 201],
      ['isaiahl', YUBI, 400, /Phones only.*device-bound/], // Sales: synced only
      ['johannal', CDP, 201], // Engineering: default profile
      ['leeg', CDP, 201], // pilot and Manufacturing: two profiles, the default one takes it
      ['gradya', CDP, 400, /UserCredentialPolicy/], // excluded: creationOptions already refused
    ];
    for (const [nick, aaguid, status, message] of cases) {
      const r = await register(nick, aaguid);
      expect(r.status, nick).toBe(status);
      if (message) expect(r.message).toMatch(message);
    }
    expect(fake.tenant.user('meganb').fido2Methods.map((m) => m.aaGuid)).toEqual([YUBI]);
  });

  it('a profile enforcing attestation refuses "none"', async () => {
    fake.tenant.usePasskeyProfiles('three-profiles');
    const r = await register('diegos', YUBI, 'none');
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/enforces attestation/);
  });

  it('switches profiles on through the control endpoint (for the demo and bench processes)', async () => {
    const ctl = (body: object) =>
      fake.fetch('https://fake-control.local/__control/passkey-profiles', { method: 'POST', body });
    expect((await ctl({ scenario: 'nope' })).status).toBe(400);
    expect((await ctl({ scenario: 'auto-enabled' })).status).toBe(200);
    expect(fake.tenant.policies.fido2.passkeyProfiles?.map((p) => p.id)).toEqual([DEFAULT_PROFILE_ID]);
  });
});
