/**
 * Shared pieces of the fake Microsoft Graph: the per-request context, Graph's error envelope,
 * permission (scope) and directory-role checks, and entity projections.
 */
import { json, randomGuid, type FakeRequest, type FakeResponse } from './http.ts';
import type { EntitySchema } from './odata.ts';
import { ROLE, type AccessTokenRecord, type FakeGroup, type FakeTenant, type FakeUser } from './tenant.ts';

export const GRAPH_HOST = 'graph.microsoft.com';
export const GRAPH_BASE = `https://${GRAPH_HOST}`;

export interface Caller {
  user: FakeUser;
  token: AccessTokenRecord;
  /** lower-cased short scope names */
  scopes: Set<string>;
}

export interface GraphCtx {
  req: FakeRequest;
  tenant: FakeTenant;
  version: 'v1.0' | 'beta';
  requestId: string;
  clientRequestId: string;
  caller: Caller;
  /** Path segments after the version, decoded, with `me` already resolved in `targetFromMe`. */
  segs: string[];
}

export function innerErrorDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
}

/** Graph's error envelope. */
export function graphError(
  tenant: FakeTenant,
  ids: { requestId: string; clientRequestId: string },
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FakeResponse {
  return json(
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: innerErrorDate(tenant.now()),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        },
      },
    },
    headers,
  );
}

export function gerr(
  ctx: Pick<GraphCtx, 'tenant' | 'requestId' | 'clientRequestId'>,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FakeResponse {
  return graphError(ctx.tenant, ctx, status, code, message, headers);
}

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): FakeResponse {
  return json(status, body, {
    'content-type':
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    ...headers,
  });
}

export function newIds(req: FakeRequest): { requestId: string; clientRequestId: string } {
  const requestId = randomGuid();
  return { requestId, clientRequestId: req.headers['client-request-id'] ?? requestId };
}

// ---------------------------------------------------------------------------------------------
// Permissions

export const INSUFFICIENT = 'Insufficient privileges to complete the operation.';

/** 403 unless the token carries one of the scopes (case-insensitive). */
export function needScope(ctx: GraphCtx, anyOf: readonly string[]): FakeResponse | undefined {
  if (anyOf.some((s) => ctx.caller.scopes.has(s.toLowerCase()))) return undefined;
  return gerr(ctx, 403, 'Authorization_RequestDenied', INSUFFICIENT);
}

export const SCOPES = {
  readUsers: [
    'User.Read.All',
    'User.ReadBasic.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readMe: [
    'User.Read',
    'User.ReadWrite',
    'User.Read.All',
    'User.ReadBasic.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
  ],
  readGroups: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  memberOf: [
    'User.Read.All',
    'GroupMember.Read.All',
    'Group.Read.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readMethods: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
  readMethodsSelf: [
    'UserAuthenticationMethod.Read',
    'UserAuthenticationMethod.ReadWrite',
    'UserAuthenticationMethod.Read.All',
    'UserAuthenticationMethod.ReadWrite.All',
  ],
  readPasskeys: [
    'UserAuthMethod-Passkey.Read.All',
    'UserAuthMethod-Passkey.ReadWrite.All',
    'UserAuthenticationMethod.Read.All',
    'UserAuthenticationMethod.ReadWrite.All',
  ],
  writePasskeys: ['UserAuthMethod-Passkey.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
  creationOptionsBeta: ['UserAuthenticationMethod.ReadWrite.All'],
  readTap: [
    'UserAuthMethod-TAP.Read.All',
    'UserAuthMethod-TAP.ReadWrite.All',
    'UserAuthenticationMethod.Read.All',
    'UserAuthenticationMethod.ReadWrite.All',
  ],
  writeTap: ['UserAuthMethod-TAP.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
  readPolicy: ['Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'],
  readRoles: [
    'RoleManagement.Read.Directory',
    'RoleManagement.Read.All',
    'Directory.Read.All',
    'RoleManagement.ReadWrite.Directory',
  ],
  readOrg: ['User.Read', 'Organization.Read.All', 'Directory.Read.All'],
} as const;

/**
 * Directory-role check for acting on another user's authentication methods:
 * Global Admin / Privileged Authentication Administrator: anyone; Authentication Administrator:
 * users without (privileged) admin roles; Global Reader: read only.
 */
export function needMethodRole(ctx: GraphCtx, target: FakeUser, mode: 'read' | 'write'): FakeResponse | undefined {
  const caller = ctx.caller.user;
  if (caller.id === target.id) return undefined;
  const roles = new Set(caller.roles);
  if (roles.has(ROLE.globalAdministrator) || roles.has(ROLE.privilegedAuthenticationAdministrator)) return undefined;
  if (roles.has(ROLE.authenticationAdministrator)) {
    if (!ctx.tenant.isPrivilegedTarget(target)) return undefined;
    return gerr(ctx, 403, 'Authorization_RequestDenied', INSUFFICIENT);
  }
  if (mode === 'read' && roles.has(ROLE.globalReader)) return undefined;
  return gerr(ctx, 403, 'Authorization_RequestDenied', INSUFFICIENT);
}

// ---------------------------------------------------------------------------------------------
// Entities

export const USER_SCHEMA: EntitySchema = {
  name: 'User',
  filterable: {
    id: { kind: 'string' },
    userPrincipalName: { kind: 'string', startswith: true },
    mail: { kind: 'string', startswith: true },
    displayName: { kind: 'string', startswith: true },
    givenName: { kind: 'string', startswith: true },
    surname: { kind: 'string', startswith: true },
    mailNickname: { kind: 'string', startswith: true },
    jobTitle: { kind: 'string', startswith: true },
    department: { kind: 'string', startswith: true },
    userType: { kind: 'string' },
    accountEnabled: { kind: 'bool' },
  },
  searchable: new Set([
    'displayName',
    'userPrincipalName',
    'mail',
    'givenName',
    'surname',
    'mailNickname',
    'jobTitle',
    'department',
  ]),
  orderable: new Set(['displayName', 'userPrincipalName']),
  selectable: new Set([
    'id',
    'accountEnabled',
    'businessPhones',
    'companyName',
    'createdDateTime',
    'creationType',
    'department',
    'displayName',
    'employeeId',
    'externalUserState',
    'givenName',
    'identities',
    'jobTitle',
    'mail',
    'mailNickname',
    'mobilePhone',
    'officeLocation',
    'onPremisesSyncEnabled',
    'otherMails',
    'preferredLanguage',
    'proxyAddresses',
    'surname',
    'usageLocation',
    'userPrincipalName',
    'userType',
  ]),
};

export const GROUP_SCHEMA: EntitySchema = {
  name: 'Group',
  filterable: {
    id: { kind: 'string' },
    displayName: { kind: 'string', startswith: true },
    mail: { kind: 'string', startswith: true },
    mailNickname: { kind: 'string', startswith: true },
    securityEnabled: { kind: 'bool' },
    mailEnabled: { kind: 'bool' },
  },
  searchable: new Set(['displayName', 'description', 'mail', 'mailNickname']),
  orderable: new Set(['displayName']),
  selectable: new Set([
    'id',
    'createdDateTime',
    'description',
    'displayName',
    'groupTypes',
    'mail',
    'mailEnabled',
    'mailNickname',
    'securityEnabled',
    'visibility',
    'membershipRule',
    'isAssignableToRole',
  ]),
};

const USER_DEFAULT_V1 = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];
const USER_DEFAULT_BETA = [
  'id',
  'accountEnabled',
  'businessPhones',
  'companyName',
  'createdDateTime',
  'creationType',
  'department',
  'displayName',
  'externalUserState',
  'givenName',
  'jobTitle',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'otherMails',
  'preferredLanguage',
  'proxyAddresses',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
];
const GROUP_DEFAULT = [
  'id',
  'createdDateTime',
  'description',
  'displayName',
  'groupTypes',
  'mail',
  'mailEnabled',
  'mailNickname',
  'securityEnabled',
  'visibility',
];

export function userValue(u: FakeUser, prop: string, tenant: FakeTenant): unknown {
  switch (prop) {
    case 'otherMails':
      return [];
    case 'proxyAddresses':
      return u.mail && u.userType === 'Member' ? [`SMTP:${u.mail}`] : [];
    case 'identities':
      return [{ signInType: 'userPrincipalName', issuer: tenant.domain, issuerAssignedId: u.userPrincipalName }];
    case 'onPremisesSyncEnabled':
    case 'employeeId':
      return null;
    default:
      return (u as unknown as Record<string, unknown>)[prop] ?? null;
  }
}

export function projectUser(
  u: FakeUser,
  select: string[] | undefined,
  version: string,
  tenant: FakeTenant,
): Record<string, unknown> {
  const props = select ?? (version === 'beta' ? USER_DEFAULT_BETA : USER_DEFAULT_V1);
  const out: Record<string, unknown> = {};
  for (const p of props) out[p] = userValue(u, p, tenant);
  return out;
}

/** Plain object used by $filter evaluation. */
export function userFilterView(u: FakeUser): Record<string, unknown> {
  return u as unknown as Record<string, unknown>;
}

export function projectGroup(g: FakeGroup, select: string[] | undefined): Record<string, unknown> {
  const props = select ?? GROUP_DEFAULT;
  const out: Record<string, unknown> = {};
  for (const p of props) {
    if (p === 'visibility') out[p] = g.groupTypes.includes('Unified') ? 'Private' : null;
    else if (p === 'membershipRule') out[p] = null;
    else if (p === 'isAssignableToRole') out[p] = null;
    else out[p] = (g as unknown as Record<string, unknown>)[p] ?? null;
  }
  return out;
}

export function contextUrl(version: string, entitySet: string, select?: string[], entity = false): string {
  return `${GRAPH_BASE}/${version}/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}
