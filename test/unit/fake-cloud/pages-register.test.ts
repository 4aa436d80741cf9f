import { describe, expect, it } from 'vitest';
import { CDP_VIRTUAL_AAGUID, type FakeCloud, type FakeFetchResponse } from '../../fake-cloud/index.ts';
import { createCredential, graph } from './helpers.ts';
import {
  configOf,
  decodeEntities,
  fakeCloudPerFile,
  headingOf,
  Jar,
  MYSIGNINS,
  pageForm,
  signInToMySignIns,
} from './pages-helpers.ts';

let fake: FakeCloud;
fakeCloudPerFile((f) => (fake = f));

interface NewMethod {
  provisionUrl: string;
  requestData: Record<string, string>;
}

async function newMethod(jar: Jar, ctx: string, type = 18): Promise<NewMethod> {
  const r = await jar.api('/api/authenticationmethods/new', { Type: type }, ctx);
  const body = r.json<{ ErrorCode: number; Data: string; VerificationState: number }>();
  if (body.ErrorCode) throw new Error(`new: ${r.text}`);
  expect(body.VerificationState).toBe(1);
  return JSON.parse(body.Data) as NewMethod;
}

/** The top-level form POST Security info makes (§6.4). */
function openFidoCreate(jar: Jar, m: NewMethod): Promise<FakeFetchResponse> {
  const rd = m.requestData;
  const fields = [
    'correlationId',
    'canary',
    'ExcludeNextGenCredentialsJSON',
    'memberName',
    'postBackUrl',
    'serverChallenge',
    'userDisplayName',
    'userIconUrl',
    'userId',
    'authenticator',
  ];
  return jar.fetch(`${m.provisionUrl}?cid=${rd.correlationId}`, {
    headers: { origin: MYSIGNINS },
    form: Object.fromEntries(fields.map((f) => [f, rd[f] ?? ''])),
  });
}

/** What the fido/create page posts after navigator.credentials.create (§6.6), built with a software authenticator. */
function postBack(
  jar: Jar,
  page: FakeFetchResponse,
  o: { challenge?: string; uv?: boolean; fmt?: 'packed' | 'none'; error?: string } = {},
) {
  const form = pageForm(page.text);
  const fido = configOf(page.text).oFido as { serverChallenge: string };
  const att = createCredential({
    challenge: o.challenge ?? Buffer.from(fido.serverChallenge, 'utf8').toString('base64url'),
    aaguid: CDP_VIRTUAL_AAGUID,
    uv: o.uv,
    fmt: o.fmt,
  });
  const fields = o.error
    ? { ...form.fields, error_code: o.error }
    : {
        ...form.fields,
        authenticator: 'cross-platform',
        transports: 'usb',
        aaguid: CDP_VIRTUAL_AAGUID,
        credentialDeviceType: 'singleDevice',
        credentialBackedUp: 'false',
        attestationParseError: 'false',
        clientDataJson: att.clientDataJSON,
        attestationObject: att.attestationObject,
        credentialId: att.id,
        clientExtensionResults: Buffer.from('{"hmacCreateSecret":true}').toString('base64url'),
        i19: '1234',
      };
  return {
    res: jar.fetch(form.action, { headers: { origin: 'https://login.microsoft.com' }, form: fields }),
    credentialId: att.id,
  };
}

function redirectUrlOf(htmlText: string): string {
  return decodeEntities(/<div id="redirectUrl" data-content="([^"]*)">/.exec(htmlText)?.[1] ?? '');
}

describe('Security info → fido/create → newfido → name → stored passkey', () => {
  it('registers a passkey for the signed-in user, visible in Graph and on Security info', async () => {
    const { jar, session } = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    const christie = fake.tenant.user('withTap');
    const m = await newMethod(jar, session.sessionCtxV2);
    expect(m.provisionUrl).toBe(`https://login.microsoft.com/${fake.tenant.tenantId}/fido/create`);
    expect(m.requestData).toMatchObject({
      memberName: christie.userPrincipalName,
      userDisplayName: 'Christie Cline',
      userId: christie.userHandle,
      ExcludeNextGenCredentialsJSON: '[]',
    });
    expect(m.requestData.postBackUrl).toMatch(
      /^https:\/\/mysignins\.microsoft\.com\/api\/post\/newfido\?mysignins-region=EU&cid=/,
    );

    const page = await openFidoCreate(jar, m);
    expect(page.status).toBe(200);
    expect(headingOf(page.text)).toBe('Setting up your passkey...');
    expect(page.text).toContain(
      'Your device is opening a security window. Follow the instructions to finish setting up your passkey.',
    );
    expect(page.text).toMatch(/<input type="button" id="idBtn_Back"[^>]*value="Cancel">/);
    expect(page.text).toMatch(/<input type="button" id="idSIButton9"[^>]*value="Next">/);
    expect(pageForm(page.text).action).toBe(m.requestData.postBackUrl);
    expect(configOf(page.text).oFido).toMatchObject({
      serverChallenge: m.requestData.serverChallenge,
      userId: christie.userHandle,
      memberName: christie.userPrincipalName,
    });
    expect(page.text).toContain('navigator.credentials.create');

    const { res, credentialId } = postBack(jar, page);
    const done = await res;
    expect(done.status).toBe(200);
    const canary = m.requestData.canary!;
    expect(redirectUrlOf(done.text)).toBe(
      `https://mysignins.microsoft.com/security-info#fidoProvisionSuccess=${encodeURIComponent(canary)}`,
    );
    const context = JSON.parse(
      decodeEntities(/<div id="context" data-content="([^"]*)">/.exec(done.text)![1]!),
    ) as Record<string, unknown>;
    expect(context).toMatchObject({
      Type: 18,
      Canary: canary,
      CredentialId: credentialId,
      AAGuid: CDP_VIRTUAL_AAGUID,
      DefaultName: 'Virtual Authenticator (CDP)',
    });
    expect(christie.fido2Methods).toHaveLength(0); // stored only once named

    const tooLong = await jar.api(
      '/api/authenticationmethods/verify',
      { Type: 18, VerificationData: JSON.stringify({ Name: 'x'.repeat(31), Canary: canary }) },
      session.sessionCtxV2,
    );
    expect(tooLong.json()).toMatchObject({ ErrorName: 'InvalidName' });

    const v = await jar.api(
      '/api/authenticationmethods/verify',
      {
        Type: 18,
        VerificationData: JSON.stringify({
          Name: 'Christie’s key',
          Canary: canary,
          CredentialId: credentialId,
          PostInfo: '',
        }),
      },
      session.sessionCtxV2,
    );
    expect(v.json()).toMatchObject({
      VerificationState: 2,
      ErrorCode: 0,
      DataUpdates: { FidoDevices: [{ CredentialId: credentialId, DisplayName: 'Christie’s key' }] },
    });
    expect(christie.fido2Methods).toHaveLength(1);

    const token = fake.tenant.issueAccessToken(fake.tenant.fixed.authAdmin!);
    const list = await graph(fake, token, `/v1.0/users/${christie.userPrincipalName}/authentication/fido2Methods`);
    expect(list.json<{ value: Record<string, unknown>[] }>().value).toEqual([
      expect.objectContaining({
        displayName: 'Christie’s key',
        aaGuid: CDP_VIRTUAL_AAGUID,
        model: 'Virtual Authenticator (CDP)',
        attestationLevel: 'attested',
      }),
    ]);

    const rows = await jar.get(`${MYSIGNINS}/security-info?partial=methods`);
    expect(rows.text).toContain(
      '<div class="method-type">Passkey (Device bound)</div><div class="method-detail">Christie’s key</div>',
    );
    expect(rows.text).toContain('aria-label="Delete Passkey"');

    // The same canary cannot be used twice.
    const again = await jar.api(
      '/api/authenticationmethods/verify',
      { Type: 18, VerificationData: JSON.stringify({ Name: 'again', Canary: canary }) },
      session.sessionCtxV2,
    );
    expect(again.json()).toMatchObject({ ErrorName: 'InvalidCanary' });

    // Delete it again through the page's API.
    const method = christie.fido2Methods[0]!;
    const del = await jar.api('/api/authenticationmethods/delete', { Type: 18, Id: method.id }, session.sessionCtxV2);
    expect(del.json()).toMatchObject({ ErrorCode: 0 });
    expect(christie.fido2Methods).toHaveLength(0);
  });

  it('existing passkeys go into ExcludeNextGenCredentialsJSON', async () => {
    const adele = fake.tenant.user('adele');
    fake.tenant.setTap(adele, { secret: 'Av9xTAPk' });
    const { jar, session } = await signInToMySignIns(fake, adele.userPrincipalName, { tap: 'Av9xTAPk' });
    const m = await newMethod(jar, session.sessionCtxV2);
    expect(JSON.parse(m.requestData.ExcludeNextGenCredentialsJSON!)).toEqual([
      { type: 'public-key', id: adele.fido2Methods[0]!.credentialId, transports: ['usb', 'nfc'] },
    ]);
  });

  it('verifies the attestation for the right user and challenge', async () => {
    const a = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    const m = await newMethod(a.jar, a.session.sessionCtxV2);

    // Another user's session cannot complete Christie's registration.
    const lee = fake.tenant.user('lee');
    fake.tenant.setTap(lee, { secret: 'Lg5xTAPw' });
    const b = await signInToMySignIns(fake, lee.userPrincipalName, { tap: 'Lg5xTAPw' });
    const page = await openFidoCreate(b.jar, m);
    const foreign = await postBack(b.jar, page).res;
    expect(redirectUrlOf(foreign.text)).toBe(
      'https://mysignins.microsoft.com/security-info#fidoProvisionError=SessionExpired',
    );

    // Wrong challenge (not the serverChallenge bytes).
    const m2 = await newMethod(a.jar, a.session.sessionCtxV2);
    const page2 = await openFidoCreate(a.jar, m2);
    const wrong = await postBack(a.jar, page2, { challenge: Buffer.from('something else').toString('base64url') }).res;
    expect(redirectUrlOf(wrong.text)).toBe(
      'https://mysignins.microsoft.com/security-info#fidoProvisionError=VerificationFailed',
    );
    expect(configOf(wrong.text).strServiceExceptionMessage).toMatch(/challenge/i);

    // No user verification.
    const m3 = await newMethod(a.jar, a.session.sessionCtxV2);
    const noUv = await postBack(a.jar, await openFidoCreate(a.jar, m3), { uv: false }).res;
    expect(redirectUrlOf(noUv.text)).toContain('fidoProvisionError=VerificationFailed');
    expect(fake.tenant.user('withTap').fido2Methods).toHaveLength(0);
  });

  it('Cancel on fido/create goes back with fidoProvisionError=UserCanceled', async () => {
    const { jar, session } = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    const m = await newMethod(jar, session.sessionCtxV2);
    const res = await postBack(jar, await openFidoCreate(jar, m), { error: 'UserCanceled' }).res;
    expect(redirectUrlOf(res.text)).toBe(
      'https://mysignins.microsoft.com/security-info#fidoProvisionError=UserCanceled',
    );
    expect(fake.pages.registrations.at(-1)).toMatchObject({ status: 'failed', error: 'UserCanceled' });
  });

  it('an unknown canary gives the fido/create page an error instead of a ceremony', async () => {
    const { jar } = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    const page = await jar.fetch(`https://login.microsoft.com/${fake.tenant.tenantId}/fido/create?cid=x`, {
      form: { canary: 'nope', serverChallenge: 'x' },
    });
    expect(page.text).toMatch(/<div id="fidoError" class="error ext-error">/);
    expect(configOf(page.text).iErrorCode).not.toBe(0);
  });

  it('10 passkeys: "You have already reached the limit of 10 security keys"', async () => {
    const pradeep = fake.tenant.user('tenKeys');
    fake.tenant.setTap(pradeep, { secret: 'Pg2xTAPm' });
    const { jar, session } = await signInToMySignIns(fake, pradeep.userPrincipalName, { tap: 'Pg2xTAPm' });
    const r = await jar.api('/api/authenticationmethods/new', { Type: 18 }, session.sessionCtxV2);
    expect(r.json()).toMatchObject({
      ErrorName: 'MaxKeys',
      ErrorMessage: 'You have already reached the limit of 10 security keys',
      Data: null,
    });
    expect(r.json<{ ErrorCode: number }>().ErrorCode).not.toBe(0);
    // The page maps ErrorName → #ms-banner text.
    const info = await jar.get(`${MYSIGNINS}/security-info`);
    expect(info.text).toContain('"MaxKeys":"You have already reached the limit of 10 security keys"');
    expect(info.text).toContain('id="ms-banner-template"');
  });

  it('legacy variant: Type 12 leads to "Setting up your new sign-in method"', async () => {
    fake.pages.configure({ variant: 'legacy' });
    const { jar, session } = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    const info = await jar.get(`${MYSIGNINS}/security-info`);
    expect(info.text).toContain('aria-label="Authentication method options"');
    const m = await newMethod(jar, session.sessionCtxV2, 12);
    expect(m.requestData.authenticator).toBe('cross-platform');
    const page = await openFidoCreate(jar, m);
    expect(headingOf(page.text)).toBe('Setting up your new sign-in method');
    const done = await postBack(jar, page).res;
    const canary = m.requestData.canary!;
    expect(redirectUrlOf(done.text)).toContain(`#fidoProvisionSuccess=${encodeURIComponent(canary)}`);
    const v = await jar.api(
      '/api/authenticationmethods/verify',
      { Type: 12, VerificationData: JSON.stringify({ Name: 'USB key', Canary: canary }) },
      session.sessionCtxV2,
    );
    expect(v.json()).toMatchObject({ VerificationState: 2 });
    const rows = await jar.get(`${MYSIGNINS}/security-info?partial=methods`);
    expect(rows.text).toContain('<div class="method-type">Security key</div><div class="method-detail">USB key</div>');
  });

  it('API calls need the session (and a matching SessionCtxV2 when sent)', async () => {
    const jar = new Jar(fake);
    expect((await jar.api('/api/authenticationmethods/new', { Type: 18 })).status).toBe(401);
    const { jar: j2 } = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    expect((await j2.api('/api/authenticationmethods/new', { Type: 18 }, 'wrong-ctx')).status).toBe(401);
  });
});
