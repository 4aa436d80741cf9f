/** Shapes of the authentication methods policies the readiness check reads (Graph resources, trimmed). */
export interface PolicyTarget {
  targetType?: string;
  id: string;
}

export interface KeyRestrictions {
  isEnforced?: boolean;
  enforcementType?: 'allow' | 'block' | string;
  aaGuids?: string[];
}

export interface Fido2Policy {
  state?: 'enabled' | 'disabled' | string;
  isSelfServiceRegistrationAllowed?: boolean;
  isAttestationEnforced?: boolean;
  keyRestrictions?: KeyRestrictions;
  includeTargets?: PolicyTarget[];
  excludeTargets?: PolicyTarget[];
  passkeyProfiles?: { id: string; name?: string; attestationEnforcement?: string; keyRestrictions?: KeyRestrictions }[];
}

export interface TapPolicy {
  state?: 'enabled' | 'disabled' | string;
  defaultLifetimeInMinutes?: number;
  minimumLifetimeInMinutes?: number;
  maximumLifetimeInMinutes?: number;
  isUsableOnce?: boolean;
  includeTargets?: PolicyTarget[];
  excludeTargets?: PolicyTarget[];
}

/** Group ids a policy's targets mention (other than all_users), for one checkMemberGroups call. */
export function targetGroupIds(
  ...policies: ({ includeTargets?: PolicyTarget[]; excludeTargets?: PolicyTarget[] } | null | undefined)[]
): string[] {
  const ids = new Set<string>();
  for (const p of policies)
    for (const t of [...(p?.includeTargets ?? []), ...(p?.excludeTargets ?? [])])
      if (t.id !== 'all_users') ids.add(t.id);
  return [...ids];
}

/** In scope: included (all_users or a group the user is in) and not excluded. Exclusion wins. */
export function inScope(
  p: { includeTargets?: PolicyTarget[]; excludeTargets?: PolicyTarget[] },
  memberOf: Set<string>,
  userId: string,
): boolean {
  const hit = (t: PolicyTarget) => t.id === 'all_users' || t.id === userId || memberOf.has(t.id);
  if ((p.excludeTargets ?? []).some(hit)) return false;
  return (p.includeTargets ?? []).some(hit);
}

/** Whether a key restriction lets this AAGUID register: null when nothing is enforced. */
export function keyAllowed(r: KeyRestrictions | undefined, aaguid: string): { allowed: boolean; why?: string } | null {
  if (!r?.isEnforced) return null;
  const listed = (r.aaGuids ?? []).some((g) => g.toLowerCase() === aaguid.toLowerCase());
  if (r.enforcementType === 'block')
    return listed ? { allowed: false, why: 'it is on the tenant\u2019s block list of key models' } : { allowed: true };
  return listed
    ? { allowed: true }
    : { allowed: false, why: 'it is not on the tenant\u2019s allow list of key models' };
}

/** Shortest TAP lifetime the policy allows, never under Entra's floor of 10 minutes. */
export function shortestTapLifetime(p: TapPolicy | null | undefined): number {
  return Math.max(10, p?.minimumLifetimeInMinutes ?? 10);
}
