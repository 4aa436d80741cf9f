import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCloud, type FakeCloud } from '../../fake-cloud/index.ts';
import { defaultPolicies } from '../../fake-cloud/policies.ts';
import { createCredential, graph, registrationBody } from './helpers.ts';

interface Options {
  '@odata.context': string;
  challengeTimeoutDateTime: string;
  publicKey: {
    rp: { id: string; name: string };
    user: { id: string; name: string; displayName: string };
    challenge: string;
    pubKeyCredParams: { type: string; alg: number }[];
    timeout: number;
    excludeCredentials: { id: string; type: string; transports: string[] }[];
    authenticatorSelection: Record<string, unknown>;
    attestation: string;
    extensions: Record<string, unknown>;
  };
}
interface GErr {
  error: { code: string; message: string };
}
const YUBIKEY_5_NFC = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';

describe('fake Graph: passkeys', () => {
  let fake: FakeCloud;
  let admin: string; // Authentication Administrator
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

  const optionsFor = async (upn: string, path = '/v1.0') => {
    const u = fake.tenant.user(upn);
    const r = await graph(fake, admin, `${path}/users/${u.id}/authentication/fido2Methods/creationOptions`);
    expect(r.status).toBe(200);
    return { user: u, options: r.json<Options>() };
  };

  it('returns creationOptions shaped like Graph’s (top-level, OF: user handle, excludeCredentials)', async () => {
    const before = Date.now();
    const { user, options } = await optionsFor('adelev');
    const pk = options.publicKey;
    expect(options['@odata.context']).toBe(
      'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.webauthnCredentialCreationOptions',
    );
    expect(pk.rp).toEqual({ id: 'login.microsoft.com', name: 'Microsoft' });
    const handle = Buffer.from(pk.user.id, 'base64url');
    expect(handle).toHaveLength(51);
    expect(handle.subarray(0, 3).toString()).toBe('OF:');
    expect(pk.user).toMatchObject({ name: 'adelev@contoso.onmicrosoft.com', displayName: 'Adele Vance' });
    expect(pk.challenge).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(pk.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -257]);
    expect(pk.timeout).toBe(60000);
    expect(pk.authenticatorSelection).toEqual({
      authenticatorAttachment: 'cross-platform',
      requireResidentKey: true,
      userVerification: 'required',
    });
    expect(pk.attestation).toBe('direct');
    expect(pk.extensions).toEqual({
      hmacCreateSecret: true,
      enforceCredentialProtectionPolicy: true,
      credentialProtectionPolicy: 'userVerificationOptional',
    });
    expect(pk.excludeCredentials).toEqual([
      { id: user.fido2Methods[0]!.credentialId, type: 'public-key', transports: ['usb', 'nfc'] },
    ]);
    const expires = Date.parse(options.challengeTimeoutDateTime);
    expect(expires - before).toBeGreaterThan(4 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(5 * 60_000 + 1000);
    expect(options.challengeTimeoutDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers 405 for the caller themselves and 403 for a privileged target of an Authentication Administrator', async () => {
    const self = await graph(fake, admin, '/v1.0/me/authentication/fido2Methods/creationOptions');
    expect(self.status).toBe(405);
    expect(self.json<GErr>().error).toMatchObject({
      code: 'methodNotAllowed',
      message: 'The method is not supported for this URL.',
    });
    const selfById = await graph(
      fake,
      admin,
      `/v1.0/users/${fake.tenant.user('nestorw').id}/authentication/fido2Methods/creationOptions`,
    );
    expect(selfById.status).toBe(405);
    const patti = await graph(
      fake,
      admin,
      `/v1.0/users/${fake.tenant.user('pattif').id}/authentication/fido2Methods/creationOptions`,
    );
    expect(patti.status).toBe(403);
    expect(patti.json<GErr>().error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    const lynne = fake.tenant.issueAccessToken(fake.tenant.user('lynner'));
    const noRole = await graph(
      fake,
      lynne,
      `/v1.0/users/${fake.tenant.user('adelev').id}/authentication/fido2Methods/creationOptions`,
    );
    expect(noRole.status).toBe(403);
    const guest = await graph(
      fake,
      admin,
      `/v1.0/users/${encodeURIComponent('joni_fabrikam.com#EXT#@contoso.onmicrosoft.com')}/authentication/fido2Methods/creationOptions`,
    );
    expect(guest.status).toBe(400);
  });

  it('supports the beta function form, its range, the query-string 405 wave, the value wrapper and suffix encoding', async () => {
    const id = fake.tenant.user('meganb').id;
    const beta = await graph(
      fake,
      admin,
      `/beta/users/${id}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=60)`,
    );
    expect(beta.status).toBe(200);
    const exp = Date.parse(beta.json<Options>().challengeTimeoutDateTime) - Date.now();
    expect(exp).toBeGreaterThan(59 * 60_000);
    expect(
      (
        await graph(
          fake,
          admin,
          `/beta/users/${id}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=4)`,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await graph(
          fake,
          admin,
          `/beta/users/${id}/authentication/fido2Methods/creationOptions(challengeTimeoutInMinutes=43201)`,
        )
      ).status,
    ).toBe(400);
    const qs = `/beta/users/${id}/authentication/fido2Methods/creationOptions?challengeTimeoutInMinutes=5`;
    expect((await graph(fake, admin, qs)).status).toBe(200);
    fake.config.queryStringCreationOptions405 = true;
    fake.config.wrapInValue = true;
    fake.config.excludeEncoding = 'suffix';
    try {
      const wave = await graph(fake, admin, qs);
      expect(wave.status).toBe(405);
      const wrapped = await graph(
        fake,
        admin,
        `/v1.0/users/${fake.tenant.user('pradeepg').id}/authentication/fido2Methods/creationOptions`,
      );
      const body = wrapped.json<{
        value: Options['publicKey'] extends never ? never : Omit<Options, '@odata.context'>;
      }>();
      const ids = body.value.publicKey.excludeCredentials.map((c) => c.id);
      expect(ids).toHaveLength(10);
      for (const [i, m] of fake.tenant.user('pradeepg').fido2Methods.entries()) {
        const std = Buffer.from(m.credentialId, 'base64url').toString('base64');
        const pad = std.length - std.replace(/=+$/, '').length;
        expect(ids[i]).toBe(m.credentialId + String(pad));
      }
      expect(new Set(ids.map((x) => x.at(-1)))).toEqual(new Set(['0', '1', '2']));
    } finally {
      fake.config.queryStringCreationOptions405 = false;
      fake.config.wrapInValue = false;
      fake.config.excludeEncoding = 'base64url';
    }
  });

  it('registers a passkey end to end (packed attestation verified by @simplewebauthn/server)', async () => {
    const { user, options } = await optionsFor('leeg');
    const cred = createCredential({ challenge: options.publicKey.challenge, aaguid: YUBIKEY_5_NFC });
    const r = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(cred, 'Lee’s YubiKey'),
    });
    expect(r.status).toBe(201);
    const m = r.json<Record<string, unknown>>();
    expect(m).toMatchObject({
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
      displayName: 'Lee’s YubiKey',
      aaGuid: YUBIKEY_5_NFC,
      model: 'YubiKey 5 Series with NFC',
      attestationLevel: 'attested',
      attestationCertificates: [],
      passkeyType: 'deviceBound',
    });
    expect(r.header('location')).toContain(`/users/${user.id}/authentication/fido2Methods/`);
    expect(user.fido2Methods.at(-1)!.credentialId).toBe(cred.id);
    const list = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`);
    expect(list.json<{ value: { id: string }[] }>().value.map((x) => x.id)).toContain(m.id);
    const all = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/methods`);
    expect(all.json<{ value: { '@odata.type': string }[] }>().value.map((x) => x['@odata.type'])).toEqual([
      '#microsoft.graph.passwordAuthenticationMethod',
      '#microsoft.graph.fido2AuthenticationMethod',
    ]);
    // The challenge is single-use
    const again = createCredential({ challenge: options.publicKey.challenge });
    expect(
      (
        await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
          body: registrationBody(again),
        })
      ).status,
    ).toBe(400);
    // Delete
    const del = await graph(
      fake,
      admin,
      `/v1.0/users/${user.id}/authentication/fido2Methods/${encodeURIComponent(String(m.id))}`,
      { method: 'DELETE' },
    );
    expect(del.status).toBe(204);
    expect(user.fido2Methods).toHaveLength(0);
  });

  it('accepts "none" attestation as notAttested, and refuses it when attestation is enforced', async () => {
    const { user, options } = await optionsFor('diegos');
    const none = createCredential({
      challenge: options.publicKey.challenge,
      fmt: 'none',
      aaguid: '00000000-0000-0000-0000-000000000000',
    });
    fake.tenant.policies.fido2.isAttestationEnforced = true;
    const refused = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(none),
    });
    expect(refused.status).toBe(400);
    expect(refused.json<GErr>().error.message).toMatch(/[Aa]ttestation/);
    fake.tenant.policies.fido2.isAttestationEnforced = false;
    const ok = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(none),
    });
    expect(ok.status).toBe(201);
    expect(ok.json<Record<string, unknown>>()).toMatchObject({ attestationLevel: 'notAttested', model: null });
  });

  it('refuses keys that the key restriction policy blocks or does not allow, naming the AAGUID', async () => {
    const { user, options } = await optionsFor('isaiahl');
    const cdp = '01020304-0506-0708-0102-030405060708';
    fake.tenant.policies.fido2.keyRestrictions = { isEnforced: true, enforcementType: 'block', aaGuids: [cdp] };
    const blocked = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge: options.publicKey.challenge, aaguid: cdp })),
    });
    expect(blocked.status).toBe(400);
    expect(blocked.json<GErr>().error.message).toContain(cdp);
    fake.tenant.policies.fido2.keyRestrictions = {
      isEnforced: true,
      enforcementType: 'allow',
      aaGuids: [YUBIKEY_5_NFC],
    };
    const notAllowed = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge: options.publicKey.challenge, aaguid: cdp })),
    });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.json<GErr>().error.message).toContain(cdp);
    const allowed = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge: options.publicKey.challenge, aaguid: YUBIKEY_5_NFC })),
    });
    expect(allowed.status).toBe(201);
    expect(allowed.json<Record<string, unknown>>().model).toBe('YubiKey 5 Series with NFC');
  });

  it('refuses an expired challenge and a challenge issued for another user', async () => {
    const { user, options } = await optionsFor('johannal');
    const other = await optionsFor('gradya');
    const foreign = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge: other.options.publicKey.challenge })),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json<GErr>().error.message).toMatch(/different user/);
    fake.tenant.advanceTime(5 * 60_000 + 1000);
    const expired = await graph(fake, admin, `/v1.0/users/${user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge: options.publicKey.challenge })),
    });
    expect(expired.status).toBe(400);
    expect(expired.json<GErr>().error.message).toMatch(/challenge has expired/);
  });

  it('validates the body: @odata.type, displayName length, wrong origin, missing UV, 10-key limit, self', async () => {
    const { user, options } = await optionsFor('meganb');
    const c = () => createCredential({ challenge: options.publicKey.challenge });
    const url = `/v1.0/users/${user.id}/authentication/fido2Methods`;
    const typed = { '@odata.type': '#microsoft.graph.fido2AuthenticationMethod', ...registrationBody(c()) };
    const t = await graph(fake, admin, url, { body: typed });
    expect(t.status).toBe(400);
    expect(t.json<GErr>().error.message).toMatch(/request is missing a fido2AuthenticationMethod entity/);
    expect((await graph(fake, admin, url, { body: registrationBody(c(), 'x'.repeat(31)) })).status).toBe(400);
    const wrongOrigin = await graph(fake, admin, url, {
      body: registrationBody(
        createCredential({ challenge: options.publicKey.challenge, origin: 'chrome-extension://abc' }),
      ),
    });
    expect(wrongOrigin.status).toBe(400);
    expect(wrongOrigin.json<GErr>().error.message).toMatch(/origin/);
    const noUv = await graph(fake, admin, url, {
      body: registrationBody(createCredential({ challenge: options.publicKey.challenge, uv: false })),
    });
    expect(noUv.status).toBe(400);

    const pradeep = await optionsFor('pradeepg');
    const full = await graph(fake, admin, `/v1.0/users/${pradeep.user.id}/authentication/fido2Methods`, {
      body: registrationBody(createCredential({ challenge: pradeep.options.publicKey.challenge })),
    });
    expect(full.status).toBe(400);
    expect(full.json<GErr>().error.message).toMatch(/maximum number of passkeys \(10\)/);

    const self = await graph(fake, admin, '/v1.0/me/authentication/fido2Methods', { body: registrationBody(c()) });
    expect(self.status).toBe(405);
  });

  it('applies the passkey policy: disabled, not targeted, self-service off', async () => {
    const id = fake.tenant.user('adelev').id;
    const url = `/v1.0/users/${id}/authentication/fido2Methods/creationOptions`;
    fake.tenant.policies.fido2.isSelfServiceRegistrationAllowed = false;
    const r = await graph(fake, admin, url);
    expect(r.status).toBe(400);
    expect(r.json<GErr>().error.message).toMatch(/Converged UserCredentialPolicy/);
    fake.tenant.policies = defaultPolicies();
    fake.tenant.policies.fido2.includeTargets = [{ targetType: 'group', id: fake.tenant.fixedGroups.pilot!.id }];
    expect((await graph(fake, admin, url)).status).toBe(200);
    expect(
      (
        await graph(
          fake,
          admin,
          `/v1.0/users/${fake.tenant.user('gradya').id}/authentication/fido2Methods/creationOptions`,
        )
      ).status,
    ).toBe(400);
    fake.tenant.policies.fido2.excludeTargets = [{ targetType: 'group', id: fake.tenant.fixedGroups.pilot!.id }];
    expect((await graph(fake, admin, url)).status).toBe(400);
  });
});
