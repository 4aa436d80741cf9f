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
  /**
   * Passkey profiles (GA March 2026, auto-enabled in every tenant April–June 2026): at most three; each include
   * target names the ones that apply through `allowedPasskeyProfiles`. Absent: a tenant from before profiles.
   */
  passkeyProfiles?: PasskeyProfile[];
  /** Id of the default profile (what a target without allowedPasskeyProfiles gets). */
  defaultPasskeyProfile?: string;
  /** Extra properties copied verbatim into the Graph resource. */
  extra?: Record<string, unknown>;
}

/** `passkeyProfile` (entra-graph-api.md §6.1). */
export interface PasskeyProfile {
  id: string;
  name: string;
  /** "deviceBound", "synced" or "deviceBound,synced". */
  passkeyTypes: string;
  attestationEnforcement: 'disabled' | 'registrationOnly';
  keyRestrictions: KeyRestrictions;
}

export const DEFAULT_PROFILE_ID = '00000000-0000-0000-0000-000000000001';

/** The profile Entra creates when it switches profiles on: both passkey types, no attestation, no restrictions. */
export function defaultPasskeyProfile(): PasskeyProfile {
  return {
    id: DEFAULT_PROFILE_ID,
    name: 'Default passkey profile',
    passkeyTypes: 'deviceBound,synced',
    attestationEnforcement: 'disabled',
    keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] },
  };
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

/**
 * Entra's decision on a device-bound passkey (a security key) at POST time. Without profiles: the top-level
 * attestation and key restrictions. With profiles: the profiles of the include targets matching the user (a target
 * without allowedPasskeyProfiles gets the default), excluded users get none; some profile must allow device-bound
 * passkeys, the model and the attestation. Returns Graph's error message, or null when the key is accepted.
 */
export function passkeyRefusal(
  p: Fido2Policy,
  matches: (targetId: string) => boolean,
  aaguid: string,
  fmt: string,
): string | null {
  const unattested = fmt === 'none' || /^[0-]+$/.test(aaguid);
  const profiles = p.passkeyProfiles ?? [];
  if (!profiles.length) {
    if (p.isAttestationEnforced && unattested)
      return `Attestation is enforced by the passkey (FIDO2) policy, but the authenticator's attestation could not be verified (format '${fmt}', AAGUID ${aaguid}).`;
    if (!aaguidAllowed(p.keyRestrictions, aaguid))
      return p.keyRestrictions.enforcementType === 'allow'
        ? `The authenticator with AAGUID ${aaguid} is not in the list of allowed keys of the passkey (FIDO2) key restriction policy.`
        : `The authenticator with AAGUID ${aaguid} is blocked by the passkey (FIDO2) key restriction policy.`;
    return null;
  }
  const hit = (t: { id: string }) => t.id === ALL_USERS || matches(t.id);
  if (p.excludeTargets.some(hit)) return 'The user is excluded from the passkey (FIDO2) policy.';
  const ids = new Set(
    p.includeTargets
      .filter(hit)
      .flatMap((t) =>
        t.allowedPasskeyProfiles?.length ? t.allowedPasskeyProfiles : [p.defaultPasskeyProfile ?? DEFAULT_PROFILE_ID],
      ),
  );
  const mine = profiles.filter((x) => ids.has(x.id));
  const why = mine.map((x) => {
    if (!x.passkeyTypes.split(',').includes('deviceBound')) return `'${x.name}' does not allow device-bound passkeys`;
    if (!aaguidAllowed(x.keyRestrictions, aaguid)) return `'${x.name}' does not allow AAGUID ${aaguid}`;
    if (x.attestationEnforcement === 'registrationOnly' && unattested)
      return `'${x.name}' enforces attestation (format '${fmt}' could not be verified)`;
    return null;
  });
  if (why.some((w) => w === null)) return null;
  return mine.length
    ? `The passkey is not allowed by the passkey profiles that apply to the user: ${why.join('; ')}.`
    : 'No passkey profile of the passkey (FIDO2) policy applies to the user.';
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
    ...(p.passkeyProfiles
      ? {
          defaultPasskeyProfile: p.defaultPasskeyProfile ?? DEFAULT_PROFILE_ID,
          passkeyProfiles: p.passkeyProfiles.map((x) => ({
            ...x,
            keyRestrictions: { ...x.keyRestrictions, aaGuids: [...x.keyRestrictions.aaGuids] },
          })),
        }
      : {}),
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
