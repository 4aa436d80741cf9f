/**
 * The auth host: an offscreen document that runs MSAL, because MSAL needs `window` and the service
 * worker has none, and the action popup dies when the sign-in window takes focus.
 * The service worker drives it: `begin` returns the authorize URL (MSAL's own navigation is stopped),
 * the service worker runs chrome.identity.launchWebAuthFlow, and `complete` hands the response back.
 * The token cache is in memory (see ./memory-storage): it lives as long as this document and never touches disk.
 * No words for the admin here: chrome.i18n is not available in an offscreen document, so failures of our own go
 * back as an MSAL-style errorCode with an empty message and the service worker words them (background/auth/auth-errors.ts).
 */
import './memory-storage';
import { PublicClientApplication, type AccountInfo, type AuthenticationResult } from '@azure/msal-browser';
import {
  AUTH_HOST_CHANNEL,
  type AuthHostConfig,
  type AuthHostEnvelope,
  type AuthHostReply,
  type AuthHostToken,
} from '../shared/auth-host-protocol';

let current: { key: string; pca: PublicClientApplication } | null = null;
let pendingNavigate: ((url: string) => void) | null = null;

async function client(config: AuthHostConfig): Promise<PublicClientApplication> {
  const key = JSON.stringify([config.clientId, config.authority, config.redirectUri]);
  if (current?.key === key) return current.pca;
  const pca = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: [config.loginHost],
      redirectUri: config.redirectUri,
      postLogoutRedirectUri: config.redirectUri,
      onRedirectNavigate: (url: string) => {
        pendingNavigate?.(url);
        pendingNavigate = null;
        return false; // the service worker opens the URL with launchWebAuthFlow
      },
    },
    // "sessionStorage" here is the in-memory Storage installed by ./memory-storage (MSAL refuses memoryStorage for redirects).
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  current = { key, pca };
  return pca;
}

function toToken(r: AuthenticationResult): AuthHostToken {
  const claims = (r.idTokenClaims ?? {}) as Record<string, unknown>;
  const account = r.account as AccountInfo;
  return {
    accessToken: r.accessToken,
    expiresOn: r.expiresOn ? r.expiresOn.getTime() : Date.now() + 3_600_000,
    scopes: r.scopes,
    account: {
      homeAccountId: account.homeAccountId,
      upn: String(claims.preferred_username ?? account.username ?? ''),
      name: String(claims.name ?? account.name ?? ''),
      tenantId: String(claims.tid ?? account.tenantId ?? ''),
      objectId: String(claims.oid ?? account.localAccountId ?? ''),
      roles: Array.isArray(claims.wids) ? claims.wids.map(String) : [],
    },
  };
}

async function handle(env: AuthHostEnvelope): Promise<unknown> {
  const { request } = env;
  const pca = await client(request.config);
  switch (request.type) {
    case 'begin': {
      const url = new Promise<string>((resolve) => (pendingNavigate = resolve));
      await pca.acquireTokenRedirect({
        scopes: request.config.scopes,
        prompt: 'select_account',
        loginHint: request.loginHint,
      });
      return await url;
    }
    case 'complete': {
      const hash = new URL(request.responseUrl).hash;
      const result = await pca.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false });
      // By code alone: chrome.i18n is not available here, the service worker words it (auth-errors.ts).
      if (!result) throw Object.assign(new Error(), { errorCode: 'no_result' });
      return toToken(result);
    }
    case 'cancel':
      // Forget the abandoned interaction (state and PKCE verifier live in sessionStorage) so the next sign-in can start.
      sessionStorage.clear();
      return null;
    case 'silent': {
      const account = pca.getAccount({ homeAccountId: request.homeAccountId });
      if (!account) throw Object.assign(new Error(), { errorCode: 'no_account_in_silent_request' });
      const result = await pca.acquireTokenSilent({
        account,
        scopes: request.config.scopes,
        forceRefresh: request.forceRefresh ?? false,
      });
      return toToken(result);
    }
    case 'sign-out':
      await pca.clearCache();
      sessionStorage.clear();
      return null;
  }
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const env = message as AuthHostEnvelope;
  if (env?.channel !== AUTH_HOST_CHANNEL) return false;
  // Only the service worker of this extension may drive sign-in: no tab, same extension id.
  if (sender.id !== chrome.runtime.id || sender.tab) return false;
  handle(env).then(
    (value) => sendResponse({ ok: true, value } satisfies AuthHostReply),
    (e: { errorCode?: string; message?: string; subError?: string }) =>
      sendResponse({
        ok: false,
        error: { errorCode: e?.errorCode ?? 'unknown', message: e?.message ?? String(e), subError: e?.subError },
      } satisfies AuthHostReply),
  );
  return true;
});
