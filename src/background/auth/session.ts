/**
 * The admin's sign-in: state and access token in chrome.storage.session (memory only, trusted contexts
 * only), the refresh token inside MSAL's memory cache in the auth host. Nothing here reaches disk.
 */
import { CLOUDS, graphScopes } from '../../shared/clouds';
import { AppError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import type { AuthState } from '../../shared/protocol';
import { isConfigured, type Settings } from '../../shared/settings';
import type { AuthHostConfig, AuthHostToken } from '../../shared/auth-host-protocol';
import { loadSettings, redirectUri } from '../settings-store';
import { authHostExists, AuthHostError, callAuthHost } from './auth-host';
import { mapSignInError, roleWarning } from './auth-errors';

const TOKEN_KEY = 'auth.token';
const STATE_KEY = 'auth.state';
const RENEW_MARGIN_MS = 120_000;

interface StoredToken extends AuthHostToken {
  configKey: string;
}

export function authHostConfig(settings: Settings): AuthHostConfig {
  const cloud = CLOUDS[settings.cloud];
  return {
    clientId: settings.clientId,
    authority: `https://${cloud.loginHost}/${settings.tenant}`,
    loginHost: cloud.loginHost,
    redirectUri: redirectUri(),
    scopes: graphScopes(cloud),
  };
}

const configKey = (c: AuthHostConfig) => `${c.clientId}|${c.authority}`;

async function setState(state: AuthState): Promise<AuthState> {
  await chrome.storage.session.set({ [STATE_KEY]: state });
  return state;
}

export async function getAuthState(): Promise<AuthState> {
  const { settings } = await loadSettings();
  if (!isConfigured(settings)) return { status: 'unconfigured' };
  const stored = (await chrome.storage.session.get([STATE_KEY, TOKEN_KEY])) as {
    [STATE_KEY]?: AuthState;
    [TOKEN_KEY]?: StoredToken;
  };
  const state = stored[STATE_KEY];
  const token = stored[TOKEN_KEY];
  if (state?.status === 'signed-in' && token?.configKey !== configKey(authHostConfig(settings))) {
    // Settings changed since sign-in: that session belongs to another tenant or app.
    await forget();
    return setState({ status: 'signed-out' });
  }
  return state ?? { status: 'signed-out' };
}

/** The token as last stored, in worker memory (storage.session stays the copy that outlives the worker). */
let tokenMemo: StoredToken | undefined;

async function readToken(): Promise<StoredToken | undefined> {
  tokenMemo ??= ((await chrome.storage.session.get(TOKEN_KEY)) as { [TOKEN_KEY]?: StoredToken })[TOKEN_KEY];
  return tokenMemo;
}

async function storeToken(token: AuthHostToken, config: AuthHostConfig): Promise<AuthState> {
  tokenMemo = { ...token, configKey: configKey(config) };
  await chrome.storage.session.set({ [TOKEN_KEY]: tokenMemo });
  const { accessToken: _secret, ...rest } = token;
  return setState({
    status: 'signed-in',
    account: {
      upn: rest.account.upn,
      name: rest.account.name,
      tenantId: rest.account.tenantId,
      objectId: rest.account.objectId,
      roles: rest.account.roles,
    },
    // An ID token carries `wids` only when the app asks for group claims (and never AU-scoped roles): no claim, no
    // warning. Whether the role reaches a user shows in that user's readiness check (Graph's own 403).
    warning: rest.account.roles.length ? roleWarning(rest.account.roles) : undefined,
  });
}

async function forget() {
  tokenMemo = undefined;
  await chrome.storage.session.remove([TOKEN_KEY]);
}

let signingIn: Promise<AuthState> | null = null;

/** Interactive sign-in through launchWebAuthFlow, run here so it survives the popup closing. */
export function signIn(): Promise<AuthState> {
  signingIn ??= doSignIn().finally(() => (signingIn = null));
  return signingIn;
}

async function doSignIn(): Promise<AuthState> {
  const { settings } = await loadSettings();
  if (!isConfigured(settings)) return { status: 'unconfigured' };
  const config = authHostConfig(settings);
  await setState({ status: 'signing-in' });
  try {
    const url = await callAuthHost<string>({ type: 'begin', config });
    let responseUrl: string | undefined;
    try {
      responseUrl = await chrome.identity.launchWebAuthFlow({ url, interactive: true });
    } catch (e) {
      await callAuthHost({ type: 'cancel', config }).catch(() => undefined);
      const msg = e instanceof Error ? e.message : String(e);
      throw new AuthHostError(/could not be loaded/i.test(msg) ? 'auth_flow_failed' : 'user_cancelled', msg);
    }
    if (!responseUrl) throw new AuthHostError('user_cancelled', t('errSignInNoResponse'));
    const err = errorFromResponseUrl(responseUrl);
    if (err) {
      await callAuthHost({ type: 'cancel', config }).catch(() => undefined);
      throw err;
    }
    const token = await callAuthHost<AuthHostToken>({ type: 'complete', config, responseUrl });
    return await storeToken(token, config);
  } catch (e) {
    const error =
      e instanceof AuthHostError
        ? mapSignInError(e.errorCode, e.message, config.redirectUri)
        : AppError.from(e).toJSON();
    await forget();
    return setState({ status: 'signed-out', error });
  }
}

/** Entra reports authorize errors in the redirect's fragment or query. */
export function errorFromResponseUrl(responseUrl: string): AuthHostError | null {
  const u = new URL(responseUrl);
  const params = new URLSearchParams(u.hash.slice(1) || u.search.slice(1));
  const error = params.get('error');
  if (!error) return null;
  return new AuthHostError(error, params.get('error_description') ?? error);
}

export async function signOut(): Promise<AuthState> {
  const { settings } = await loadSettings();
  if (isConfigured(settings) && (await authHostExists())) {
    await callAuthHost({ type: 'sign-out', config: authHostConfig(settings) }).catch(() => undefined);
  }
  await forget();
  return setState(isConfigured(settings) ? { status: 'signed-out' } : { status: 'unconfigured' });
}

const notSignedIn = () =>
  new AppError({
    code: 'not-signed-in',
    message: t('errNotSignedIn'),
    action: t('errNotSignedInAction'),
  });

/** A valid access token for Graph, renewed silently when close to expiry. Never leaves the service worker. */
export async function getAccessToken(forceRefresh = false): Promise<string> {
  const { settings } = await loadSettings();
  if (!isConfigured(settings)) throw notSignedIn();
  const config = authHostConfig(settings);
  const stored = await readToken();
  if (!stored || stored.configKey !== configKey(config)) throw notSignedIn();
  if (!forceRefresh && stored.expiresOn - Date.now() > RENEW_MARGIN_MS) return stored.accessToken;
  try {
    const token = await callAuthHost<AuthHostToken>({
      type: 'silent',
      config,
      homeAccountId: stored.account.homeAccountId,
      forceRefresh,
    });
    await storeToken(token, config);
    return token.accessToken;
  } catch (e) {
    const error =
      e instanceof AuthHostError
        ? mapSignInError(e.errorCode, e.message, config.redirectUri)
        : AppError.from(e).toJSON();
    await forget();
    await setState({ status: 'signed-out', error });
    throw new AppError(error);
  }
}

export async function signedInAccount() {
  const state = await getAuthState();
  if (state.status !== 'signed-in') throw notSignedIn();
  return state.account;
}
