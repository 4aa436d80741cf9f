/**
 * Which cookies keep someone signed in to Microsoft on the web, decided from a cookie list alone (pure).
 *
 * Entra's session cookies (ESTSAUTH, ESTSAUTHPERSISTENT, ESTSAUTHLIGHT) on the sign-in hosts are opaque and can
 * hold several accounts at once, so a cookie cannot be attributed to one person: while any of them is left, the
 * user may still be signed in. My Sign-ins keeps a session of its own on its host (names undocumented), so every
 * cookie there counts. Other cookies on the sign-in hosts (fpc, esctx, x-ms-gateway-slice, …) sign nobody in.
 */

export interface CookieLike {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  storeId: string;
}

/** The hosts whose cookies carry a Microsoft web session the guided flow can create. */
export interface SessionHosts {
  login: string[];
  mySignIns: string[];
}

const LOGIN_SESSION_COOKIE = /^ESTSAUTH/i;

const hostOf = (domain: string) => domain.replace(/^\./, '').toLowerCase();
const onHost = (domain: string, hosts: string[]) => {
  const d = hostOf(domain);
  return hosts.some((h) => d === h || h.endsWith(`.${d}`));
};

/** The cookies that keep an account signed in on the sign-in hosts or My Sign-ins. */
export function sessionCookies<C extends CookieLike>(cookies: C[], hosts: SessionHosts): C[] {
  return cookies.filter(
    (c) => onHost(c.domain, hosts.mySignIns) || (onHost(c.domain, hosts.login) && LOGIN_SESSION_COOKIE.test(c.name)),
  );
}

/**
 * Whether the browser may still hold a session of the user: any session cookie left counts, because Entra's
 * cookies cannot be attributed to an account (the sign-in before the job cleared everyone else's).
 */
export function userMayBeSignedIn(cookies: CookieLike[], hosts: SessionHosts): boolean {
  return sessionCookies(cookies, hosts).length > 0;
}

/** Whether removing these cookies signs out accounts other than the user's (Entra's shared session cookie). */
export function touchesSharedSignIn(cookies: CookieLike[], hosts: SessionHosts): boolean {
  return cookies.some((c) => onHost(c.domain, hosts.login) && LOGIN_SESSION_COOKIE.test(c.name));
}

/** The URL chrome.cookies.remove needs for a cookie (its host, path and scheme). */
export function cookieUrl(c: CookieLike): string {
  return `${c.secure ? 'https' : 'http'}://${hostOf(c.domain)}${c.path || '/'}`;
}

/** Entra's v2 sign-out for one account: without a hint it asks which account when the browser holds several. */
export function logoutUrl(loginHost: string, upn: string): string {
  return `https://${loginHost}/common/oauth2/v2.0/logout?logout_hint=${encodeURIComponent(upn)}`;
}
