import { describe, expect, it } from 'vitest';
import { MY_SIGNINS_CLIENT_ID, type FakeCloud } from '../../fake-cloud/index.ts';
import { authorizeAndSignIn, authorizeUrl, pkce } from './helpers.ts';
import {
  configOf,
  exchange,
  fakeCloudPerFile,
  headingOf,
  Jar,
  LOGIN,
  MYSIGNINS,
  signInToMySignIns,
} from './pages-helpers.ts';

let fake: FakeCloud;
fakeCloudPerFile((f) => (fake = f));

/** The cookies a jar holds, as a browser reports them. */
const held = (jar: Jar) =>
  [...jar.cookies].flatMap(([domain, m]) => [...m].map(([name, value]) => ({ domain, name, value })));
const idOf = (upn: string) => fake.tenant.user(upn).id;
/** The users of the login sessions a user is signed in to. */
const loginUsers = (upn: string) =>
  fake.pages.sessionsOf(upn).flatMap((s) => ('app' in s && s.app === 'login' ? s.userIds : []));

/** A second account in the same browser: the extension's own sign-in with prompt=login. */
async function addAccount(jar: Jar, upn: string) {
  let page = await jar.get(authorizeUrl({ challenge: pkce().challenge, prompt: 'login' }));
  page = await jar.submit(page, { loginfmt: upn });
  page = await jar.submit(page, { passwd: 'Passw0rd!' });
  expect(page.status).toBe(302);
}

describe('My Sign-ins sign-in as the target user', () => {
  it('redirects to authorize with the My Sign-ins client, PKCE and response_mode=fragment', async () => {
    const jar = new Jar(fake);
    const res = await jar.get(`${MYSIGNINS}/security-info`);
    expect(res.status).toBe(302);
    const loc = new URL(res.header('location')!);
    expect(loc.origin + loc.pathname).toBe(`${LOGIN}/${fake.tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(loc.searchParams.get('client_id')).toBe('19db86c3-b2b9-44cc-b339-36da233a3be2');
    expect(loc.searchParams.get('redirect_uri')).toBe('https://mysignins.microsoft.com');
    expect(loc.searchParams.get('response_mode')).toBe('fragment');
    expect(loc.searchParams.get('response_type')).toBe('code');
    expect(loc.searchParams.get('code_challenge_method')).toBe('S256');
    expect(loc.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(loc.searchParams.get('state')).toBeTruthy();
    expect(loc.searchParams.has('prompt')).toBe(false);
    // "/" is a bootstrap page whose script does the same (the server never sees a #code fragment).
    const boot = await jar.get(`${MYSIGNINS}/`);
    expect(boot.status).toBe(200);
    expect(boot.text).toContain('/api/session/authorize');
    expect(boot.text).toContain(`client_id=${MY_SIGNINS_CLIENT_ID}`);
  });

  it('username → "Enter Temporary Access Pass" → KMSI → #code → session, TAP satisfies MFA', async () => {
    const jar = new Jar(fake);
    const start = await jar.get(`${MYSIGNINS}/security-info`);
    const username = await jar.get(start.header('location')!);
    expect(headingOf(username.text)).toBe('Sign in');
    expect(configOf(username.text).pgid).toBe('ConvergedSignIn');
    expect(username.text).toMatch(/<form name="f1" id="i0281"/);
    expect(username.text).toMatch(/<input type="email" name="loginfmt" id="i0116"/);
    expect(username.text).toMatch(
      /<input name="passwd" type="password" id="i0118"[^>]*moveOffScreen" tabindex="-1" aria-hidden="true">/,
    );

    const tapView = await jar.submit(username, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    expect(headingOf(tapView.text)).toBe('Enter Temporary Access Pass');
    expect(tapView.text).toMatch(/<input name="accesspass" type="password"/);
    expect(tapView.text).toContain('Use your password instead');
    expect(tapView.text).toMatch(/<input type="submit" id="idSIButton9"[^>]*value="Sign in"/);
    expect(tapView.text).toContain('id="displayName"');

    const wrong = await jar.submit(tapView, { accesspass: 'nope1234' });
    expect(headingOf(wrong.text)).toBe('Enter Temporary Access Pass');
    expect(wrong.text).toMatch(
      /<div role="alert" aria-live="assertive"><div id="accessPassError" class="error ext-error">An access pass could not be found or verified for the user\.<\/div><\/div>/,
    );
    expect(configOf(wrong.text).iErrorCode).toBe(130507);
    expect(wrong.text).toMatch(/name="accesspass"/);

    const kmsi = await jar.submit(wrong, { accesspass: 'Cc7xTAPq' });
    expect(headingOf(kmsi.text)).toBe('Stay signed in?');
    expect(configOf(kmsi.text).pgid).toBe('KmsiBroker');
    expect(kmsi.text).toMatch(/action="\/[^"]+\/kmsi"/);
    expect(kmsi.text).toMatch(
      /<div id="KmsiDescription"[^>]*>Do this to reduce the number of times you are asked to sign in\.<\/div>/,
    );
    expect(kmsi.text).toMatch(/<input type="checkbox" name="DontShowAgain" id="KmsiCheckboxField"/);
    expect(kmsi.text).toMatch(/<input type="button" id="idBtn_Back"[^>]*value="No"/);
    expect(kmsi.text).toMatch(
      /<input type="submit" id="idSIButton9"[^>]*value="Yes"[^>]*aria-describedby="KmsiDescription"/,
    );

    const back = await jar.submit(kmsi, { kmsi: 'no' });
    expect(back.status).toBe(302);
    expect(back.header('location')).toMatch(
      /^https:\/\/mysignins\.microsoft\.com\/#code=[^&]+&client_info=[^&]+&state=/,
    );
    expect(jar.cookie('login.microsoftonline.com', 'ESTSAUTH')).toBeTruthy();

    const session = await exchange(jar, back);
    expect(session).toMatchObject({
      isAuthorized: true,
      hasMfaClaim: true,
      requireNgcMfaForSecurityInfo: false,
      returnUrl: `${MYSIGNINS}/security-info`,
    });
    expect(jar.cookie('mysignins.microsoft.com', 'mysignins-session')).toBeTruthy();
    expect(fake.pages.sessionFor('christiec@contoso.onmicrosoft.com')).toMatchObject({
      hasMfa: true,
      amr: ['tap', 'mfa'],
    });

    const info = await jar.get(`${MYSIGNINS}/security-info`);
    expect(info.status).toBe(200);
    expect(info.text).toContain(
      '<div id="mectrl_currentAccount_secondary" class="mectrl_accountDetails mectrl_truncate">christiec@contoso.onmicrosoft.com</div>',
    );
    expect(info.text).toContain('Security info');
    expect(info.text).toContain('<span class="ms-Button-label">Add sign-in method</span>');
    expect(info.text).toContain('Temporary Access Pass');
  });

  it('KMSI can be switched off, and "Don\'t show this again" suppresses it next time', async () => {
    fake.pages.configure({ kmsi: false });
    const a = await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    expect(a.pages.some((p) => p.status === 200 && configOf(p.text).pgid === 'KmsiBroker')).toBe(false);

    fake.pages.configure({ kmsi: true });
    const jar = new Jar(fake);
    const start = await jar.get(`${MYSIGNINS}/security-info`);
    let page = await jar.get(start.header('location')!);
    page = await jar.submit(page, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    page = await jar.submit(page, { accesspass: 'Cc7xTAPq' });
    expect(headingOf(page.text)).toBe('Stay signed in?');
    page = await jar.submit(page, { kmsi: 'yes', DontShowAgain: 'true' });
    expect(page.status).toBe(302);
    expect(jar.cookie('login.microsoftonline.com', 'ESTSAUTHPERSISTENT')).toBeTruthy();

    const again = await signInToMySignIns(
      fake,
      'christiec@contoso.onmicrosoft.com',
      { tap: 'Cc7xTAPq' },
      new Jar(fake),
    );
    expect(again.pages.some((p) => p.status === 200 && configOf(p.text).pgid === 'KmsiBroker')).toBe(false);
  });

  it('shows the password view while a new TAP is still "propagating", the TAP view afterwards', async () => {
    fake.config.tapPropagationDelayMs = 60_000;
    const megan = fake.tenant.user('megan');
    fake.tenant.setTap(megan, { secret: 'Mb4xTAPn', isUsableOnce: true });
    const jar = new Jar(fake);
    const start = await jar.get(`${MYSIGNINS}/security-info`);
    const username = await jar.get(start.header('location')!);
    const early = await jar.submit(username, { loginfmt: megan.userPrincipalName });
    expect(headingOf(early.text)).toBe('Enter password');
    expect(early.text).not.toContain('name="accesspass"');
    expect(early.text).not.toContain('Use your Temporary Access Pass instead');

    fake.tenant.advanceTime(61_000);
    const start2 = await jar.get(`${MYSIGNINS}/security-info`);
    const username2 = await jar.get(start2.header('location')!);
    const later = await jar.submit(username2, { loginfmt: megan.userPrincipalName });
    expect(headingOf(later.text)).toBe('Enter Temporary Access Pass');
  });

  it('links between the password and TAP views', async () => {
    const jar = new Jar(fake);
    const start = await jar.get(`${MYSIGNINS}/security-info`);
    const username = await jar.get(start.header('location')!);
    const tap = await jar.submit(username, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    const pwd = await jar.submit(tap, { switchTo: 'password' });
    expect(headingOf(pwd.text)).toBe('Enter password');
    expect(pwd.text).toMatch(/<input name="passwd" type="password" id="i0118" autocomplete="off"/);
    expect(pwd.text).toContain('Use your Temporary Access Pass instead');
    expect(pwd.text).toContain('id="idA_PWD_SwitchToCredPicker"');
    const tap2 = await jar.submit(pwd, { switchTo: 'tap' });
    expect(headingOf(tap2.text)).toBe('Enter Temporary Access Pass');
  });

  it('refuses an expired TAP and a used one-time TAP with their texts', async () => {
    // Henrietta's one-time TAP expired 30 minutes ago; the TAP view still comes (Entra keeps prompting for a while).
    const jar = new Jar(fake);
    let page = await jar.get((await jar.get(`${MYSIGNINS}/security-info`)).header('location')!);
    page = await jar.submit(page, { loginfmt: 'henriettam@contoso.onmicrosoft.com' });
    expect(headingOf(page.text)).toBe('Enter Temporary Access Pass');
    page = await jar.submit(page, { accesspass: 'Hm3xTAPz' });
    expect(page.text).toContain('Your Temporary Access Pass has expired.');
    expect(configOf(page.text).iErrorCode).toBe(130504);

    // One-time TAP: the first sign-in consumes it, the second is blocked.
    const lee = fake.tenant.user('lee');
    fake.tenant.setTap(lee, { secret: 'Lg5xTAPw', isUsableOnce: true });
    await signInToMySignIns(fake, lee.userPrincipalName, { tap: 'Lg5xTAPw' });
    expect(lee.tap!.used).toBe(true);
    const jar2 = new Jar(fake);
    page = await jar2.get((await jar2.get(`${MYSIGNINS}/security-info`)).header('location')!);
    page = await jar2.submit(page, { loginfmt: lee.userPrincipalName });
    expect(headingOf(page.text)).toBe('Enter Temporary Access Pass');
    page = await jar2.submit(page, { accesspass: 'Lg5xTAPw' });
    expect(page.text).toContain('Temporary Access Pass sign in was blocked due to User Credential Policy');

    // With tapView 'usable' the stale prompt is gone: straight to the password view.
    fake.pages.configure({ tapView: 'usable' });
    page = await jar2.get((await jar2.get(`${MYSIGNINS}/security-info`)).header('location')!);
    page = await jar2.submit(page, { loginfmt: lee.userPrincipalName });
    expect(headingOf(page.text)).toBe('Enter password');
  });

  it('TAP input attributes and error texts are fixture parameters', async () => {
    fake.pages.configure({
      tapInput: { id: 'i0118', type: 'text', placeholder: null, ariaLabel: 'Access pass', errorId: 'tapError' },
      tapErrors: { wrong: 'That code didn’t work.' },
    });
    const jar = new Jar(fake);
    let page = await jar.get((await jar.get(`${MYSIGNINS}/security-info`)).header('location')!);
    page = await jar.submit(page, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    expect(page.text).toMatch(/<input name="accesspass" type="text" id="i0118" aria-label="Access pass"/);
    expect(page.text).not.toMatch(/name="accesspass"[^>]*placeholder=/);
    page = await jar.submit(page, { accesspass: 'bad' });
    expect(page.text).toContain('<div id="tapError" class="error ext-error">That code didn’t work.</div>');
  });

  it('silent SSO trap: one signed-in account and no prompt → straight back as that account', async () => {
    // The admin signed in to the extension in this cookie jar (same browser profile).
    const { challenge } = pkce();
    const admin = await authorizeAndSignIn(fake, 'nestorw@contoso.onmicrosoft.com', { challenge });
    const jar = new Jar(fake);
    jar.cookies.set(
      'login.microsoftonline.com',
      new Map(admin.cookie.split('; ').map((c) => c.split('=') as [string, string])),
    );

    const start = await jar.get(`${MYSIGNINS}/security-info`);
    const back = await jar.get(start.header('location')!);
    expect(back.status).toBe(302); // no view at all
    const session = await exchange(jar, back);
    expect(session.hasMfaClaim).toBe(false); // the admin's password session
    const info = await jar.get(`${MYSIGNINS}/security-info`);
    expect(info.text).toContain('>nestorw@contoso.onmicrosoft.com</div>');

    // prompt=select_account: the account picker instead.
    fake.pages.configure({ mySignInsPrompt: 'select_account' });
    const jar2 = new Jar(fake);
    jar2.cookies.set('login.microsoftonline.com', new Map(jar.cookies.get('login.microsoftonline.com')));
    const picker = await jar2.get((await jar2.get(`${MYSIGNINS}/security-info`)).header('location')!);
    expect(headingOf(picker.text)).toBe('Pick an account');
    expect(picker.text).toContain('data-test-id="nestorw@contoso.onmicrosoft.com"');
    expect(picker.text).toMatch(/<div id="otherTileText" class="content">Use another account<\/div>/);
    const username = await jar2.submit(picker, { pick: 'other' });
    expect(headingOf(username.text)).toBe('Sign in');
  });

  it('a password-only session may not add a passkey (two-factor banner)', async () => {
    const { jar, session } = await signInToMySignIns(fake, 'meganb@contoso.onmicrosoft.com', { password: 'Passw0rd!' });
    expect(session).toMatchObject({ hasMfaClaim: false, requireNgcMfaForSecurityInfo: true });
    const r = await jar.api('/api/authenticationmethods/new', { Type: 18 }, session.sessionCtxV2);
    expect(r.json()).toMatchObject({
      ErrorName: 'MfaRequired',
      ErrorMessage: 'To set up a security key, you need to sign in with two-factor authentication.',
    });
  });

  it('logout clears the login cookie and session, but My Sign-ins keeps its own session', async () => {
    const upn = 'christiec@contoso.onmicrosoft.com';
    const { jar } = await signInToMySignIns(fake, upn, { tap: 'Cc7xTAPq' });
    expect(fake.pages.sessionsOf(upn).map((s) => ('app' in s ? s.app : 'mysignins'))).toEqual(['mysignins', 'login']);
    const out = await jar.get(`${LOGIN}/common/oauth2/v2.0/logout`);
    expect(out.status).toBe(200);
    expect(headingOf(out.text)).toBe('You signed out of your account');
    expect(jar.cookie('login.microsoftonline.com', 'ESTSAUTH')).toBeUndefined();
    // The login session is over; My Sign-ins' own session survives, and its cookie still opens Security info.
    expect(fake.pages.sessionsOf(upn)).toHaveLength(1);
    expect(fake.pages.sessionFor(upn)).toMatchObject({ upn });
    expect(fake.pages.sessionsOf(upn, held(jar))).toHaveLength(1);
    const still = await jar.get(`${MYSIGNINS}/security-info`);
    expect(still.status).toBe(200);
    expect(still.text).toContain(`>${upn}</div>`);
    // Without that cookie (the browser dropped it) nothing of the user is held any more, and the next visit signs in anew.
    jar.cookies.delete('mysignins.microsoft.com');
    expect(fake.pages.sessionsOf(upn, held(jar))).toEqual([]);
    const again = await jar.get(`${MYSIGNINS}/security-info`);
    expect(again.status).toBe(302);
    const page = await jar.get(again.header('location')!);
    expect(headingOf(page.text)).toBe('Sign in');

    // Tenant-specific logout works as well.
    const r = await jar.get(`${LOGIN}/${fake.tenant.tenantId}/oauth2/v2.0/logout`);
    expect(headingOf(r.text)).toBe('You signed out of your account');
  });

  it('logout with several accounts and no hint asks which one, and signs out nobody until one is picked', async () => {
    const user = 'christiec@contoso.onmicrosoft.com';
    const admin = 'nestorw@contoso.onmicrosoft.com';
    const { jar } = await signInToMySignIns(fake, user, { tap: 'Cc7xTAPq' });
    await addAccount(jar, admin);
    const prompts = fake.authority.logoutPrompts;
    const picker = await jar.get(`${LOGIN}/common/oauth2/v2.0/logout`);
    expect(headingOf(picker.text)).toBe('Which account do you want to sign out of?');
    expect(picker.text).toContain(`data-test-id="${user}"`);
    expect(picker.text).toContain(`data-test-id="${admin}"`);
    expect(fake.authority.logoutPrompts).toBe(prompts + 1);
    // Leaving the picker open (or loading it again) signs out nobody.
    await jar.get(`${LOGIN}/common/oauth2/v2.0/logout`);
    expect(loginUsers(user).sort()).toEqual([user, admin].map(idOf).sort());
    // Picking the user signs out the user only: the admin stays signed in, so the session cookie stays.
    const out = await jar.submit(picker, { pick: user });
    expect(headingOf(out.text)).toBe('You signed out of your account');
    expect(loginUsers(user)).toEqual([]);
    expect(loginUsers(admin)).toEqual([idOf(admin)]);
    expect(jar.cookie('login.microsoftonline.com', 'ESTSAUTH')).toBeTruthy();
  });

  it('logout_hint signs out that account without asking; the last account takes the cookie with it', async () => {
    const user = 'christiec@contoso.onmicrosoft.com';
    const admin = 'nestorw@contoso.onmicrosoft.com';
    const { jar } = await signInToMySignIns(fake, user, { tap: 'Cc7xTAPq' });
    await addAccount(jar, admin);
    const prompts = fake.authority.logoutPrompts;
    const out = await jar.get(`${LOGIN}/common/oauth2/v2.0/logout?logout_hint=${encodeURIComponent(user)}`);
    expect(headingOf(out.text)).toBe('You signed out of your account');
    expect(fake.authority.logoutPrompts).toBe(prompts);
    expect(loginUsers(user)).toEqual([]);
    expect(loginUsers(admin)).toEqual([idOf(admin)]);
    expect(jar.cookie('login.microsoftonline.com', 'ESTSAUTH')).toBeTruthy();
    // An unknown hint is no hint: one account left, so that one is signed out.
    await jar.get(`${LOGIN}/common/oauth2/v2.0/logout?logout_hint=nobody%40contoso.onmicrosoft.com`);
    expect(loginUsers(admin)).toEqual([]);
    expect(jar.cookie('login.microsoftonline.com', 'ESTSAUTH')).toBeUndefined();
  });

  it('a one-time TAP session ends after 10 minutes', async () => {
    const lee = fake.tenant.user('lee');
    fake.tenant.setTap(lee, { secret: 'Lg5xTAPw', isUsableOnce: true });
    const { jar } = await signInToMySignIns(fake, lee.userPrincipalName, { tap: 'Lg5xTAPw' });
    expect((await jar.get(`${MYSIGNINS}/security-info`)).status).toBe(200);
    fake.tenant.advanceTime(10 * 60_000 + 1000);
    expect((await jar.get(`${MYSIGNINS}/security-info`)).status).toBe(302);
  });

  it('optional interrupts: "More information required" and Conditional Access', async () => {
    fake.pages.configure({ proofUpInterrupt: true, kmsi: false });
    const jar = new Jar(fake);
    let page = await jar.get((await jar.get(`${MYSIGNINS}/security-info`)).header('location')!);
    page = await jar.submit(page, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    page = await jar.submit(page, { accesspass: 'Cc7xTAPq' });
    expect(headingOf(page.text)).toBe('More information required');
    expect(page.text).toMatch(
      /<div id="ProofUpDescription"[^>]*>Your organization needs more information to keep your account secure<\/div>/,
    );
    expect(page.text).toMatch(/<input type="submit" id="idSubmit_ProofUp_Redirect"/);
    page = await jar.submit(page, {});
    expect(page.status).toBe(302);
    expect(page.header('location')).toMatch(/^https:\/\/mysignins\.microsoft\.com\/register\?csrf_token=/);
    const wizard = await jar.get(page.header('location')!);
    expect(wizard.text).toContain('Keep your account secure');
    expect(wizard.text).toContain('Skip setup');
    const back = await jar.submit(wizard, {});
    expect((await exchange(jar, back)).isAuthorized).toBe(true);

    fake.pages.configure({ proofUpInterrupt: false, conditionalAccess: true });
    const jar2 = new Jar(fake);
    page = await jar2.get((await jar2.get(`${MYSIGNINS}/security-info`)).header('location')!);
    page = await jar2.submit(page, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    page = await jar2.submit(page, { accesspass: 'Cc7xTAPq' });
    expect(configOf(page.text)).toMatchObject({ pgid: 'ConvergedConditionalAccess', iErrorCode: 53003 });
    expect(headingOf(page.text)).toBe('You cannot access this right now');
  });

  it('German locale: translated texts, same ids, names and routes', async () => {
    fake.pages.configure({ locale: 'de' });
    const jar = new Jar(fake);
    let page = await jar.get((await jar.get(`${MYSIGNINS}/security-info`)).header('location')!);
    expect(page.text).toContain('<html dir="ltr" lang="de">');
    expect(headingOf(page.text)).toBe('Anmelden');
    expect(page.text).toMatch(/<input type="submit" id="idSIButton9"[^>]*value="Weiter"/);
    page = await jar.submit(page, { loginfmt: 'christiec@contoso.onmicrosoft.com' });
    expect(headingOf(page.text)).toBe('Befristeten Zugriffspass eingeben');
    expect(page.text).toContain('name="accesspass"');
    page = await jar.submit(page, { accesspass: 'Cc7xTAPq' });
    expect(headingOf(page.text)).toBe('Angemeldet bleiben?');
    expect(page.text).toMatch(/id="idBtn_Back"[^>]*value="Nein"/);
    const back = await jar.submit(page, { kmsi: 'no' });
    await exchange(jar, back);
    const info = await jar.get(`${MYSIGNINS}/security-info`);
    expect(info.text).toContain('<html lang="de"');
    expect(info.text).toContain('Sicherheitsinformationen');
    expect(info.text).toContain('<span class="ms-Button-label">Anmeldemethode hinzufügen</span>');
  });

  it('the extension client still signs in as before; robots.txt on login.microsoft.com', async () => {
    const { challenge } = pkce();
    const r = await authorizeAndSignIn(fake, 'nestorw@contoso.onmicrosoft.com', { challenge });
    expect(r.location).toMatch(/^https:\/\/kdiehgkbondhaclbppmifhjboclgficg\.chromiumapp\.org\/#code=/);
    const robots = await fake.fetch('https://login.microsoft.com/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.header('content-type')).toMatch(/^text\/plain/);
    expect(robots.text).toBe('User-agent: *\nDisallow: /');
  });

  it('config through the control endpoint', async () => {
    const ctl = (path: string, method = 'GET', body?: object) =>
      fake.fetch(`https://fake-control.local/__control${path}`, {
        method,
        body,
        headers: body ? { 'content-type': 'application/json' } : {},
      });
    expect((await ctl('/pages', 'PATCH', { locale: 'de', tapInput: { type: 'text' } })).json()).toMatchObject({
      locale: 'de',
      tapInput: { type: 'text', errorId: 'accessPassError' },
    });
    expect(fake.pages.config.locale).toBe('de');
    await ctl('/config', 'PATCH', { pages: { variant: 'legacy' }, showKmsi: false });
    expect(fake.pages.config).toMatchObject({ locale: 'de', variant: 'legacy' });
    await signInToMySignIns(fake, 'christiec@contoso.onmicrosoft.com', { tap: 'Cc7xTAPq' });
    expect((await ctl('/pages/sessions')).json<{ sessions: unknown[] }>().sessions).toHaveLength(1);
    await ctl('/sessions/clear', 'POST');
    expect(fake.pages.sessions).toHaveLength(0);
    await ctl('/pages', 'DELETE');
    expect(fake.pages.config.locale).toBe('en');
  });
});
