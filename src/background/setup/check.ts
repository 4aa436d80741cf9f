/**
 * Gathers the facts "Check setup" evaluates (src/shared/setup-check.ts). Reads only: a prompt=none authorize
 * request (no window, no cookies), the current sign-in, a freshly renewed token's claims (never stored or returned),
 * the two method policies in one $batch, and the browser's incognito setting.
 */
import { CLOUDS } from '../../shared/clouds';
import type { Fido2Policy, TapPolicy } from '../../shared/policy';
import { evaluateSetup, jwtClaims, type PolicyRead, type SetupFacts, type SetupItem } from '../../shared/setup-check';
import { t } from '../../shared/i18n';
import { isConfigured } from '../../shared/settings';
import { getAccessToken, getAuthState } from '../auth/session';
import { batch } from '../graph/client';
import { loadSettings, redirectUri } from '../settings-store';

const POLICIES = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations';

/** Whether Entra accepts tenant, client id and redirect URI: it redirects (opaque to us) or shows an AADSTS page. */
async function probeAuthorize(loginHost: string, tenant: string, clientId: string, redirect: string) {
  const q = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirect,
    response_type: 'code',
    response_mode: 'fragment',
    scope: 'openid',
    prompt: 'none',
    state: 'setup-check',
    code_challenge: 'A'.repeat(43),
    code_challenge_method: 'S256',
  });
  try {
    const res = await fetch(`https://${loginHost}/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize?${q}`, {
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return { accepted: true as const };
    const text = await res.text();
    const m = /AADSTS(\d{5,})[:\s]+([^"<\\]{0,300})/.exec(text);
    return m ? { accepted: false as const, aadsts: m[1]!, message: m[2]!.trim() } : null;
  } catch {
    return null;
  }
}

async function readPolicies(): Promise<{ fido2: PolicyRead<Fido2Policy>; tapPolicy: PolicyRead<TapPolicy> }> {
  const r = await batch(
    [
      { id: 'fido2', method: 'GET', url: `${POLICIES}/fido2` },
      { id: 'tap', method: 'GET', url: `${POLICIES}/TemporaryAccessPass` },
    ],
    t('setupOperationReadPolicies'),
  );
  const read = <T>(id: string): PolicyRead<T> => {
    const x = r.get(id);
    if (!x) return null;
    return x.status >= 200 && x.status < 300 ? { ok: true, value: x.body as T } : { ok: false, status: x.status };
  };
  return { fido2: read<Fido2Policy>('fido2'), tapPolicy: read<TapPolicy>('tap') };
}

async function incognitoAllowed(): Promise<boolean | null> {
  try {
    return await chrome.extension.isAllowedIncognitoAccess();
  } catch {
    return null;
  }
}

export async function runSetupCheck(): Promise<SetupItem[]> {
  const { settings } = await loadSettings();
  const cloud = CLOUDS[settings.cloud];
  const redirect = redirectUri();
  const configured = isConfigured(settings);
  const [authorize, incognito] = await Promise.all([
    configured ? probeAuthorize(cloud.loginHost, settings.tenant, settings.clientId, redirect) : null,
    incognitoAllowed(),
  ]);
  const facts: SetupFacts = {
    adminCenter: cloud.adminCenter,
    clientId: settings.clientId,
    tenant: settings.tenant,
    redirectUri: redirect,
    authorize,
    signIn: { signedIn: false },
    scopes: null,
    roles: null,
    fido2: null,
    tapPolicy: null,
    incognito,
  };
  let state = await getAuthState();
  if (state.status === 'signed-in') {
    // A renewed token shows permissions and roles as they are now (after a consent or a PIM activation).
    const claims = await getAccessToken(true).then(jwtClaims, () => null);
    state = await getAuthState();
    if (claims && state.status === 'signed-in') {
      facts.scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : [];
      facts.roles = Array.isArray(claims.wids) ? claims.wids.map(String) : null;
      Object.assign(facts, await readPolicies().catch(() => ({})));
    }
  }
  facts.signIn =
    state.status === 'signed-in'
      ? { signedIn: true, upn: state.account.upn }
      : {
          signedIn: false,
          ...(state.status === 'signed-out' && state.error
            ? { errorCode: state.error.code, message: state.error.message }
            : {}),
        };
  return evaluateSetup(facts);
}
