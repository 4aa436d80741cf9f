/**
 * Authentication methods policy: the `fido2` (Passkey) and `TemporaryAccessPass` method configurations,
 * modelled on `fido2AuthenticationMethodConfiguration` and `temporaryAccessPassAuthenticationMethodConfiguration`
 * (see entra-graph-api.md §5.2 and §6.1). Everything here is plain data that tests may mutate at runtime.
 */

export const ALL_USERS = 'all_users';

export interface IncludeTarget {
  targetType: 'group';
  /** A group id, or `all_users`. */
  id: string;
  isRegistrationRequired?: boolean;
  allowedPasskeyProfiles?: string[];
}

export interface ExcludeTarget {
  targetType: 'group';
  id: string;
}

export interface KeyRestrictions {
  isEnforced: boolean;
  enforcementType: 'allow' | 'block';
  /** AAGUIDs, compared case-insensitively. */
  aaGuids: string[];
}

export interface Fido2Policy {
  state: 'enabled' | 'disabled';
  isSelfServiceRegistrationAllowed: boolean;
  isAttestationEnforced: boolean;
  keyRestrictions: KeyRestrictions;
  includeTargets: IncludeTarget[];
  excludeTargets: ExcludeTarget[];
  /** Extra properties copied verbatim into the Graph resource (e.g. passkeyProfiles, defaultPasskeyProfile). */
  extra?: Record<string, unknown>;
}

export interface TapPolicy {
  state: 'enabled' | 'disabled';
  defaultLength: number;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  isUsableOnce: boolean;
  includeTargets: IncludeTarget[];
  excludeTargets: ExcludeTarget[];
  extra?: Record<string, unknown>;
}

export interface Policies {
  fido2: Fido2Policy;
  temporaryAccessPass: TapPolicy;
}

export type PolicyOverrides = {
  fido2?: Partial<Omit<Fido2Policy, 'keyRestrictions'>> & { keyRestrictions?: Partial<KeyRestrictions> };
  temporaryAccessPass?: Partial<TapPolicy>;
};

export function defaultPolicies(): Policies {
  return {
    fido2: {
      state: 'enabled',
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: false,
      keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
      includeTargets: [{ targetType: 'group', id: ALL_USERS, isRegistrationRequired: false }],
      excludeTargets: [],
    },
    temporaryAccessPass: {
      state: 'enabled',
      defaultLength: 8,
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 10,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
      includeTargets: [{ targetType: 'group', id: ALL_USERS, isRegistrationRequired: false }],
      excludeTargets: [],
    },
  };
}

/** Applies overrides in place (one level deep, plus keyRestrictions) and returns the same object. */
export function applyPolicyOverrides(policies: Policies, overrides: PolicyOverrides | undefined): Policies {
  if (!overrides) return policies;
  if (overrides.fido2) {
    const { keyRestrictions, ...rest } = overrides.fido2;
    Object.assign(policies.fido2, rest);
    if (keyRestrictions) Object.assign(policies.fido2.keyRestrictions, keyRestrictions);
  }
  if (overrides.temporaryAccessPass) Object.assign(policies.temporaryAccessPass, overrides.temporaryAccessPass);
  return policies;
}

/**
 * Whether a user is targeted by a method configuration: included (all_users or a group they belong to)
 * and not excluded. Exclusion wins.
 */
export function isUserTargeted(
  policy: { includeTargets: IncludeTarget[]; excludeTargets: ExcludeTarget[] },
  isMember: (groupId: string) => boolean,
): boolean {
  if (policy.excludeTargets.some((t) => t.id === ALL_USERS || isMember(t.id))) return false;
  return policy.includeTargets.some((t) => t.id === ALL_USERS || isMember(t.id));
}

export function aaguidAllowed(r: KeyRestrictions, aaguid: string): boolean {
  if (!r.isEnforced) return true;
  const listed = r.aaGuids.some((g) => g.toLowerCase() === aaguid.toLowerCase());
  return r.enforcementType === 'allow' ? listed : !listed;
}

const GRAPH = 'https://graph.microsoft.com';

function targetsJson(list: (IncludeTarget | ExcludeTarget)[]) {
  return list.map((t) => ({ ...t }));
}

/** The Graph resource for GET …/authenticationMethodConfigurations/fido2 */
export function fido2PolicyResource(p: Fido2Policy, version: string, withContext = true): Record<string, unknown> {
  return {
    ...(withContext
      ? {
          '@odata.context': `${GRAPH}/${version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
        }
      : {}),
    '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
    id: 'Fido2',
    state: p.state,
    isSelfServiceRegistrationAllowed: p.isSelfServiceRegistrationAllowed,
    isAttestationEnforced: p.isAttestationEnforced,
    excludeTargets: targetsJson(p.excludeTargets),
    keyRestrictions: { ...p.keyRestrictions, aaGuids: [...p.keyRestrictions.aaGuids] },
    ...(p.extra ?? {}),
    'includeTargets@odata.context': `${GRAPH}/${version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations('Fido2')/microsoft.graph.fido2AuthenticationMethodConfiguration/includeTargets`,
    includeTargets: targetsJson(p.includeTargets.map((t) => ({ isRegistrationRequired: false, ...t }))),
  };
}

/** The Graph resource for GET …/authenticationMethodConfigurations/TemporaryAccessPass */
export function tapPolicyResource(p: TapPolicy, version: string, withContext = true): Record<string, unknown> {
  return {
    ...(withContext
      ? {
          '@odata.context': `${GRAPH}/${version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
        }
      : {}),
    '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
    id: 'TemporaryAccessPass',
    state: p.state,
    defaultLifetimeInMinutes: p.defaultLifetimeInMinutes,
    defaultLength: p.defaultLength,
    minimumLifetimeInMinutes: p.minimumLifetimeInMinutes,
    maximumLifetimeInMinutes: p.maximumLifetimeInMinutes,
    isUsableOnce: p.isUsableOnce,
    excludeTargets: targetsJson(p.excludeTargets),
    ...(p.extra ?? {}),
    'includeTargets@odata.context': `${GRAPH}/${version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations('TemporaryAccessPass')/microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration/includeTargets`,
    includeTargets: targetsJson(p.includeTargets.map((t) => ({ isRegistrationRequired: false, ...t }))),
  };
}
