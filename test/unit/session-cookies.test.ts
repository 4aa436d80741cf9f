import { describe, expect, it } from 'vitest';
import {
  cookieUrl,
  logoutUrl,
  sessionCookies,
  touchesSharedSignIn,
  userMayBeSignedIn,
  type CookieLike,
} from '../../src/background/jobs/session-cookies';

const hosts = { login: ['login.microsoftonline.com', 'login.microsoft.com'], mySignIns: ['mysignins.microsoft.com'] };
const c = (domain: string, name: string, path = '/'): CookieLike => ({
  domain,
  name,
  path,
  secure: true,
  storeId: '0',
});

describe('Microsoft web session cookies', () => {
  it('counts Entra session cookies on either sign-in host, and every My Sign-ins cookie', () => {
    const jar = [
      c('login.microsoftonline.com', 'ESTSAUTH'),
      c('login.microsoftonline.com', 'ESTSAUTHPERSISTENT'),
      c('login.microsoft.com', 'ESTSAUTHLIGHT'),
      c('.login.microsoftonline.com', 'esctx'),
      c('login.microsoftonline.com', 'fpc'),
      c('mysignins.microsoft.com', 'mysignins-session'),
      c('mysignins.microsoft.com', 'anything'),
      c('outlook.office.com', 'ESTSAUTH'),
    ];
    expect(sessionCookies(jar, hosts).map((x) => `${x.domain} ${x.name}`)).toEqual([
      'login.microsoftonline.com ESTSAUTH',
      'login.microsoftonline.com ESTSAUTHPERSISTENT',
      'login.microsoft.com ESTSAUTHLIGHT',
      'mysignins.microsoft.com mysignins-session',
      'mysignins.microsoft.com anything',
    ]);
  });

  it('a parent-domain cookie sent to a session host counts', () => {
    expect(userMayBeSignedIn([c('.microsoftonline.com', 'ESTSAUTH')], hosts)).toBe(true);
    expect(userMayBeSignedIn([c('.microsoft.com', 'x')], hosts)).toBe(true);
  });

  it('is signed out only when no session cookie is left', () => {
    expect(userMayBeSignedIn([], hosts)).toBe(false);
    expect(userMayBeSignedIn([c('login.microsoftonline.com', 'fpc'), c('login.microsoft.com', 'buid')], hosts)).toBe(
      false,
    );
    expect(userMayBeSignedIn([c('mysignins.microsoft.com', 'mysignins-session')], hosts)).toBe(true);
  });

  it('removing Entra cookies signs out other accounts; removing My Sign-ins cookies does not', () => {
    expect(touchesSharedSignIn([c('mysignins.microsoft.com', 'mysignins-session')], hosts)).toBe(false);
    expect(touchesSharedSignIn([c('login.microsoft.com', 'ESTSAUTHPERSISTENT')], hosts)).toBe(true);
  });

  it('builds the URL chrome.cookies.remove needs and the hinted sign-out URL', () => {
    expect(cookieUrl(c('.login.microsoftonline.com', 'ESTSAUTH', '/common'))).toBe(
      'https://login.microsoftonline.com/common',
    );
    expect(logoutUrl('login.microsoftonline.us', 'a+b@contoso.us')).toBe(
      'https://login.microsoftonline.us/common/oauth2/v2.0/logout?logout_hint=a%2Bb%40contoso.us',
    );
  });
});
