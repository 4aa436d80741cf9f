/** Microsoft clouds the extension can target: each has its own sign-in authority and Graph root. */
import { t } from './i18n';

export type CloudId = 'global' | 'usgov' | 'usgovdod' | 'china';

export interface Cloud {
  id: CloudId;
  /** Its name in the admin's language (looked up when read). */
  readonly label: string;
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
    get label() {
      return t('settingsCloudGlobal');
    },
    loginHost: 'login.microsoftonline.com',
    graph: 'https://graph.microsoft.com',
    adminCenter: 'https://entra.microsoft.com',
    optionalOrigins: [],
  },
  usgov: {
    id: 'usgov',
    get label() {
      return t('settingsCloudUsGov');
    },
    loginHost: 'login.microsoftonline.us',
    graph: 'https://graph.microsoft.us',
    adminCenter: 'https://entra.microsoft.us',
    optionalOrigins: ['https://login.microsoftonline.us/*', 'https://graph.microsoft.us/*'],
  },
  usgovdod: {
    id: 'usgovdod',
    get label() {
      return t('settingsCloudUsGovDod');
    },
    loginHost: 'login.microsoftonline.us',
    graph: 'https://dod-graph.microsoft.us',
    adminCenter: 'https://entra.microsoft.us',
    optionalOrigins: ['https://login.microsoftonline.us/*', 'https://dod-graph.microsoft.us/*'],
  },
  china: {
    id: 'china',
    get label() {
      return t('settingsCloudChina');
    },
    loginHost: 'login.chinacloudapi.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    adminCenter: 'https://entra.microsoftonline.cn',
    optionalOrigins: ['https://login.chinacloudapi.cn/*', 'https://microsoftgraph.chinacloudapi.cn/*'],
  },
};

export const isCloudId = (v: unknown): v is CloudId => typeof v === 'string' && v in CLOUDS;

/**
 * Delegated Graph permissions the app registration needs: what each is for (the options page's table) and what the
 * extension cannot do without it (the setup check), each a whole message in the admin's language.
 */
export interface GraphPermission {
  scope: string;
  readonly why: string;
  /** "<scope> (without it the extension cannot …)". */
  readonly missing: string;
}

export const GRAPH_PERMISSIONS: GraphPermission[] = [
  {
    scope: 'User.Read',
    get why() {
      return t('settingsPermissionWhyUserRead');
    },
    get missing() {
      return t('setupPermissionMissingUserRead', this.scope);
    },
  },
  {
    scope: 'User.Read.All',
    get why() {
      return t('settingsPermissionWhyUserReadAll');
    },
    get missing() {
      return t('setupPermissionMissingUserReadAll', this.scope);
    },
  },
  {
    scope: 'GroupMember.Read.All',
    get why() {
      return t('settingsPermissionWhyGroupMember');
    },
    get missing() {
      return t('setupPermissionMissingGroupMember', this.scope);
    },
  },
  {
    scope: 'UserAuthenticationMethod.ReadWrite.All',
    get why() {
      return t('settingsPermissionWhyMethods');
    },
    get missing() {
      return t('setupPermissionMissingMethods', this.scope);
    },
  },
  {
    scope: 'Policy.Read.AuthenticationMethod',
    get why() {
      return t('settingsPermissionWhyPolicy');
    },
    get missing() {
      return t('setupPermissionMissingPolicy', this.scope);
    },
  },
];

export function graphScopes(cloud: Cloud): string[] {
  return GRAPH_PERMISSIONS.map((p) => `${cloud.graph}/${p.scope}`);
}
