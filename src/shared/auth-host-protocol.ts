/** Messages between the service worker and the auth host (offscreen document running MSAL). */
export const AUTH_HOST_CHANNEL = 'passkey-provisioner/auth-host' as const;

export interface AuthHostConfig {
  clientId: string;
  /** https://{loginHost}/{tenant} */
  authority: string;
  loginHost: string;
  redirectUri: string;
  scopes: string[];
}

export interface AuthHostToken {
  accessToken: string;
  /** epoch ms */
  expiresOn: number;
  scopes: string[];
  account: { homeAccountId: string; upn: string; name: string; tenantId: string; objectId: string; roles: string[] };
}

export type AuthHostRequest =
  | { type: 'begin'; config: AuthHostConfig; loginHint?: string }
  | { type: 'complete'; config: AuthHostConfig; responseUrl: string }
  | { type: 'cancel'; config: AuthHostConfig }
  | { type: 'silent'; config: AuthHostConfig; homeAccountId: string; forceRefresh?: boolean }
  | { type: 'sign-out'; config: AuthHostConfig };

export interface AuthHostEnvelope {
  channel: typeof AUTH_HOST_CHANNEL;
  request: AuthHostRequest;
}

/** MSAL errors cross as data: its errorCode and message (never a token). */
export type AuthHostReply =
  { ok: true; value: unknown } | { ok: false; error: { errorCode: string; message: string; subError?: string } };
