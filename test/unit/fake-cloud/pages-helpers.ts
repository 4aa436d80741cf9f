/**
 * Helpers for the fake-pages tests: a per-host cookie jar over fake.fetch (a browser without JavaScript), form
 * parsing, and the scripted My Sign-ins sign-in (authorize → username → TAP → KMSI → #code → /api/session/authorize).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeCloud, type FakeCloud, type FakeFetchInit, type FakeFetchResponse } from '../../fake-cloud/index.ts';

/** One fake cloud for the test file, back to its seeded state (tenant, sign-in sessions, pages) before each test. */
export function fakeCloudPerFile(assign: (fake: FakeCloud) => void, userCount = 60) {
  let fake: FakeCloud | undefined;
  beforeAll(async () => assign((fake = await startFakeCloud({ userCount }))));
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake!.tenant.reset();
    fake!.authority.clearSessions();
    fake!.pages.reset();
  });
}

export const MYSIGNINS = 'https://mysignins.microsoft.com';
export const LOGIN = 'https://login.microsoftonline.com';

export function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Form action and hidden fields of the first form of a page. */
export function pageForm(htmlText: string): { action: string; fields: Record<string, string> } {
  const action = decodeEntities(/<form[^>]*action="([^"]*)"/.exec(htmlText)?.[1] ?? '');
  const fields: Record<string, string> = {};
  for (const m of htmlText.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1]!] = decodeEntities(m[2]!);
  return { action, fields };
}

/** `$Config` of a sign-in page. */
export function configOf(htmlText: string): Record<string, unknown> {
  const m = /\$Config=(\{.*?\});\n/s.exec(htmlText);
  if (!m) throw new Error('no $Config');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

/** Text of the `#loginHeader [role=heading]` (or `h1[data-testid=title]`). */
export function headingOf(htmlText: string): string {
  const m =
    /<div role="heading" aria-level="1"[^>]*>([^<]*)<\/div>/.exec(htmlText) ??
    /<h1 data-testid="title"[^>]*>([^<]*)<\/h1>/.exec(htmlText);
  return decodeEntities(m?.[1] ?? '');
}

/** A cookie jar per host over fake.fetch; never follows redirects by itself. */
export class Jar {
  readonly cookies = new Map<string, Map<string, string>>();
  constructor(readonly fake: FakeCloud) {}

  cookie(host: string, name: string): string | undefined {
    return this.cookies.get(host)?.get(name);
  }

  async fetch(url: string, init: FakeFetchInit = {}): Promise<FakeFetchResponse> {
    const u = new URL(url);
    const jar = this.cookies.get(u.hostname);
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (jar?.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.fake.fetch(url, { ...init, headers });
    const set = res.headers['set-cookie'];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      const m = this.cookies.get(u.hostname) ?? new Map<string, string>();
      if (expired) m.delete(name);
      else m.set(name, value);
      this.cookies.set(u.hostname, m);
    }
    return res;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<FakeFetchResponse> {
    return this.fetch(url, { headers });
  }

  /** Posts a page's form (its hidden fields plus `fields`) to its action, resolved against `base`. */
  submit(page: FakeFetchResponse, fields: Record<string, string>, base = LOGIN): Promise<FakeFetchResponse> {
    const f = pageForm(page.text);
    return this.fetch(new URL(f.action, base).href, { form: { ...f.fields, ...fields } });
  }

  /** My Sign-ins API call with the session context header. */
  api(path: string, body: unknown, sessionCtx?: string): Promise<FakeFetchResponse> {
    return this.fetch(`${MYSIGNINS}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        AjaxRequest: 'true',
        ...(sessionCtx ? { SessionCtxV2: sessionCtx } : {}),
      },
      body: body as object,
    });
  }
}

export interface MySignInsLogin {
  jar: Jar;
  /** The 302 back to https://mysignins.microsoft.com/#code=… */
  back: FakeFetchResponse;
  session: {
    isAuthorized: boolean;
    hasMfaClaim: boolean;
    requireNgcMfaForSecurityInfo: boolean;
    sessionCtxV2: string;
    returnUrl: string;
  };
  /** Every page seen on the way (for assertions). */
  pages: FakeFetchResponse[];
}

/** Follows a 302 to mysignins #code and exchanges it like the bootstrap page's script. */
export async function exchange(jar: Jar, back: FakeFetchResponse): Promise<MySignInsLogin['session']> {
  const loc = back.header('location') ?? '';
  if (back.status !== 302 || !loc.startsWith(`${MYSIGNINS}/#`))
    throw new Error(`not back at My Sign-ins: ${back.status} ${loc} ${back.text.slice(0, 300)}`);
  const boot = await jar.get(`${MYSIGNINS}/`);
  if (boot.status !== 200) throw new Error(`bootstrap ${boot.status}`);
  const h = new URLSearchParams(loc.slice(loc.indexOf('#') + 1));
  const res = await jar.api('/api/session/authorize', { code: h.get('code'), state: h.get('state') });
  if (res.status !== 200) throw new Error(`session/authorize ${res.status}: ${res.text}`);
  return res.json();
}

/**
 * Signs in to My Sign-ins as `upn`: GET /security-info → authorize → username → TAP (or password) → KMSI (No) →
 * #code → /api/session/authorize. `tap` or `password` picks the credential.
 */
export async function signInToMySignIns(
  fake: FakeCloud,
  upn: string,
  cred: { tap?: string; password?: string },
  jar = new Jar(fake),
): Promise<MySignInsLogin> {
  const pages: FakeFetchResponse[] = [];
  const start = await jar.get(`${MYSIGNINS}/security-info`);
  if (start.status !== 302) throw new Error(`security-info ${start.status}`);
  let page = await jar.get(start.header('location')!);
  pages.push(page);
  if (page.status === 302) return { jar, back: page, session: await exchange(jar, page), pages };
  page = await jar.submit(page, { loginfmt: upn });
  pages.push(page);
  if (cred.tap !== undefined) {
    if (!/name="accesspass"/.test(page.text)) page = await jar.submit(page, { switchTo: 'tap' });
    page = await jar.submit(page, { accesspass: cred.tap });
  } else {
    if (/name="accesspass"/.test(page.text)) page = await jar.submit(page, { switchTo: 'password' });
    page = await jar.submit(page, { passwd: cred.password ?? 'Passw0rd!' });
  }
  pages.push(page);
  if (page.status === 200 && configOf(page.text).pgid === 'KmsiBroker') {
    page = await jar.submit(page, { kmsi: 'no' });
    pages.push(page);
  }
  return { jar, back: page, session: await exchange(jar, page), pages };
}
