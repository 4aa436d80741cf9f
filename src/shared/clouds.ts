/** Microsoft clouds the extension can target: each has its own sign-in authority and Graph root. */
export type CloudId = 'global' | 'usgov' | 'usgovdod' | 'china';

export interface Cloud {
  id: CloudId;
  label: string;
  /** Entra authority host, e.g. login.microsoftonline.com */
  loginHost: string;
  /** Microsoft Graph root, no trailing slash */
  graph: string;
  /** Entra admin center, for links to the user's sign-in and audit logs */
  adminCenter: string;
  /** Host permissions this cloud needs beyond the manifest's (optional permissions) */
  optionalOrigins: string[];
}

export const CLOUDS: Record<CloudId, Cloud> = {
  global: {
    id: 'global',
    label: 'Global (worldwide)',
    loginHost: 'login.microsoftonline.com',
    graph: 'https://graph.microsoft.com',
    adminCenter: 'https://entra.microsoft.com',
    optionalOrigins: [],
  },
  usgov: {
    id: 'usgov',
    label: 'US Government GCC High',
    loginHost: 'login.microsoftonline.us',
    graph: 'https://graph.microsoft.us',
    adminCenter: 'https://entra.microsoft.us',
    optionalOrigins: ['https://login.microsoftonline.us/*', 'https://graph.microsoft.us/*'],
  },
  usgovdod: {
    id: 'usgovdod',
    label: 'US Government DoD',
    loginHost: 'login.microsoftonline.us',
    graph: 'https://dod-graph.microsoft.us',
    adminCenter: 'https://entra.microsoft.us',
    optionalOrigins: ['https://login.microsoftonline.us/*', 'https://dod-graph.microsoft.us/*'],
  },
  china: {
    id: 'china',
    label: 'China (operated by 21Vianet)',
    loginHost: 'login.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    adminCenter: 'https://entra.microsoftonline.cn',
    optionalOrigins: ['https://login.chinacloudapi.cn/*', 'https://microsoftgraph.chinacloudapi.cn/*'],
  },
};

export const isCloudId = (v: unknown): v is CloudId => typeof v === 'string' && v in CLOUDS;

/** Delegated Graph permissions the app registration needs, with why (shown on the options page). */
export const GRAPH_PERMISSIONS: { scope: string; why: string }[] = [
  { scope: 'User.Read', why: 'sign in and read your own profile' },
  { scope: 'User.Read.All', why: 'search users and see whether an account is enabled' },
  { scope: 'GroupMember.Read.All', why: 'check passkey and TAP policy group targets, queue a group\u2019s members' },
  {
    scope: 'UserAuthenticationMethod.ReadWrite.All',
    why: 'list and delete passkeys, create and delete Temporary Access Passes, register passkeys',
  },
  {
    scope: 'Policy.Read.AuthenticationMethod',
    why: 'read the passkey (FIDO2) and TAP policies for the readiness check',
  },
];

export function graphScopes(cloud: Cloud): string[] {
  return GRAPH_PERMISSIONS.map((p) => `${cloud.graph}/${p.scope}`);
}
