/** User search and the user detail (profile, passkeys, TAP, readiness) through Graph. */
import { AppError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { keyPolicyForUser, targetGroupIds, type Fido2Policy, type TapPolicy } from '../../shared/policy';
import type { Passkey, TapInfo, UserDetail, UserPage, UserSummary } from '../../shared/protocol';
import { signedInAccount } from '../auth/session';
import { batch, batchValue, graph, Trace } from '../graph/client';
import type { BatchRequest, BatchResponse } from '../graph/batch';
import { evaluateReadiness } from './readiness';
import { rememberShown, type UserContext } from './shown-context';
import { listPath, searchPath, USER_SELECT } from './search';

const inflight = new Map<string, AbortController>();

export async function searchUsers(query: string, requestKey: string, nextLink?: string): Promise<UserPage> {
  const controller = new AbortController();
  inflight.set(requestKey, controller);
  try {
    const path = nextLink ?? (query.trim() ? searchPath(query) : listPath());
    const res = await graph<{ value: UserSummary[]; '@odata.nextLink'?: string }>({
      path,
      headers: { ConsistencyLevel: 'eventual' },
      signal: controller.signal,
      operation: t('readyOpSearchDirectory'),
    });
    return { users: res.value.map(pickUser), nextLink: res['@odata.nextLink'], query };
  } finally {
    inflight.delete(requestKey);
  }
}

export function cancelSearch(requestKey: string) {
  inflight.get(requestKey)?.abort();
  inflight.delete(requestKey);
}

const pickUser = (u: UserSummary): UserSummary => ({
  id: u.id,
  displayName: u.displayName,
  userPrincipalName: u.userPrincipalName,
  mail: u.mail ?? null,
  accountEnabled: u.accountEnabled,
  userType: u.userType ?? null,
});

const pickPasskey = (p: Passkey): Passkey => ({
  id: p.id,
  displayName: p.displayName,
  model: p.model ?? null,
  aaGuid: p.aaGuid ?? null,
  createdDateTime: p.createdDateTime ?? null,
  attestationLevel: p.attestationLevel ?? null,
  passkeyType: p.passkeyType ?? null,
});

const FIDO2_POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2';
const TAP_POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass';

/** Everything the detail view and the readiness check need, in one $batch (plus one membership call if policies target groups). */
export async function userDetail(id: string, trace = new Trace()): Promise<UserDetail> {
  const { context } = await userContext(id, trace);
  rememberShown(id, context);
  return context.detail;
}

/**
 * The detail plus the raw policies, for the provisioning modes. `extra` requests ride in the same $batch
 * (e.g. a job's creationOptions: one round trip instead of two) and come back by id, unread.
 */
export async function userContext(
  id: string,
  trace = new Trace(),
  extra: BatchRequest[] = [],
): Promise<{ context: UserContext; extra: Map<string, BatchResponse> }> {
  const admin = await signedInAccount();
  const u = encodeURIComponent(id);
  const results = await batch(
    [
      { id: 'user', method: 'GET', url: `/users/${u}?$select=${USER_SELECT}` },
      { id: 'passkeys', method: 'GET', url: `/users/${u}/authentication/fido2Methods` },
      { id: 'tap', method: 'GET', url: `/users/${u}/authentication/temporaryAccessPassMethods` },
      { id: 'fido2', method: 'GET', url: FIDO2_POLICY },
      { id: 'tapPolicy', method: 'GET', url: TAP_POLICY },
      ...extra,
    ],
    t('readyOpLoadUser'),
    trace,
  );
  const user = pickUser(batchValue<UserSummary>(results.get('user'), t('readyOpLoadUser')));
  // Graph's own 403 on the user's methods: the admin's role does not reach this user. A readiness check, not an error.
  const methodsForbidden = ['passkeys', 'tap'].some((k) => results.get(k)?.status === 403);
  const passkeys = methodsForbidden
    ? []
    : batchValue<{ value: Passkey[] }>(results.get('passkeys'), t('readyOpListPasskeys', user.displayName)).value.map(
        pickPasskey,
      );
  const taps = methodsForbidden
    ? []
    : batchValue<{ value: TapInfo[] }>(results.get('tap'), t('readyOpReadTap', user.displayName)).value;
  const optional = <T>(key: string): T | null => {
    const r = results.get(key);
    return r && r.status >= 200 && r.status < 300 ? (r.body as T) : null;
  };
  const fido2 = optional<Fido2Policy>('fido2');
  const tapPolicy = optional<TapPolicy>('tapPolicy');
  const groups = targetGroupIds(fido2, tapPolicy);
  let memberOf: Set<string> | null = new Set();
  if (groups.length) {
    try {
      const r = await graph<{ value: string[] }>({
        method: 'POST',
        path: `/users/${u}/checkMemberGroups`,
        body: { groupIds: groups },
        operation: t('readyOpCheckMembership'),
        trace,
      });
      memberOf = new Set(r.value);
    } catch {
      memberOf = null; // unknown: the readiness check says so instead of failing
    }
  }
  const tap = taps[0] ? { ...taps[0] } : null;
  if (tap) delete (tap as { temporaryAccessPass?: unknown }).temporaryAccessPass; // never carry a secret, even a null one
  passkeys.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
  const readiness = evaluateReadiness({
    user,
    adminObjectId: admin.objectId,
    passkeys,
    tap,
    fido2,
    tapPolicy,
    memberOf,
    methodsForbidden,
  });
  return {
    context: {
      detail: { user, passkeys, tap, readiness, requestIds: trace.requestIds },
      fido2,
      tapPolicy,
      keyPolicy: fido2 ? keyPolicyForUser(fido2, memberOf, user.id) : null,
    },
    extra: new Map(extra.map((r) => [r.id, results.get(r.id)!])),
  };
}

export function assertUserId(id: unknown): string {
  if (typeof id !== 'string' || !id || id.length > 200)
    throw new AppError({ code: 'bad-request', message: t('readyNoUserGiven') });
  return id;
}
